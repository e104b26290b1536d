// The other services booking asks synchronously for readiness and the reports, with the
// deadline each call gets (config.events.peer_deadline). A service without a target
// (config.peers) has no stub: its parts of an answer are UNKNOWN, "not configured".
#ifndef HUIWU_SERVICES_BOOKING_PEERS_PEER_CLIENTS_H_
#define HUIWU_SERVICES_BOOKING_PEERS_PEER_CLIENTS_H_

#include <memory>

#include "absl/time/time.h"
#include "common/config/config.h"
#include "huiwu/inventory/v1/inventory_service.grpc.pb.h"
#include "huiwu/safety/v1/safety_service.grpc.pb.h"
#include "huiwu/staffing/v1/staffing_service.grpc.pb.h"

namespace huiwu::booking::peers {

struct PeerClients {
  std::unique_ptr<staffing::v1::StaffingService::Stub> staffing;     // null: not configured
  std::unique_ptr<inventory::v1::InventoryService::Stub> inventory;  // null: not configured
  std::unique_ptr<safety::v1::SafetyService::Stub> safety;           // null: not configured
  absl::Duration deadline = absl::Seconds(2);

  // Channels (server::MakePeerChannel) to the configured targets; they connect lazily,
  // so a peer that is down at start-up is simply asked again at the next request.
  static PeerClients FromConfig(const config::ServerConfig& config);
};

}  // namespace huiwu::booking::peers

#endif  // HUIWU_SERVICES_BOOKING_PEERS_PEER_CLIENTS_H_
