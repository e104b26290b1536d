#include "services/booking/peers/peer_clients.h"

#include "common/server/credentials.h"
#include "common/server/peer_channel.h"

namespace huiwu::booking::peers {

PeerClients PeerClients::FromConfig(const config::ServerConfig& config) {
  PeerClients clients;
  clients.deadline = config.events.peer_deadline;
  const auto credentials = server::ChannelCredentials(config.tls);
  if (!config.peers.staffing.empty()) {
    clients.staffing = staffing::v1::StaffingService::NewStub(
        server::MakePeerChannel(config.peers.staffing, credentials));
  }
  if (!config.peers.inventory.empty()) {
    clients.inventory = inventory::v1::InventoryService::NewStub(
        server::MakePeerChannel(config.peers.inventory, credentials));
  }
  if (!config.peers.safety.empty()) {
    clients.safety = safety::v1::SafetyService::NewStub(
        server::MakePeerChannel(config.peers.safety, credentials));
  }
  return clients;
}

}  // namespace huiwu::booking::peers
