// The gRPC handlers of huiwu.inventory.v1.InventoryService: validate (api/), call the
// store, map the result. The center's rules live in domain/, all SQL in store/.
#ifndef HUIWU_SERVICES_INVENTORY_INVENTORY_SERVICE_H_
#define HUIWU_SERVICES_INVENTORY_INVENTORY_SERVICE_H_

#include "common/server/call_gate.h"
#include "common/time/clock.h"
#include "huiwu/inventory/v1/inventory_service.grpc.pb.h"
#include "services/inventory/store/inventory_store.h"

namespace huiwu::inventory {

class InventoryService final : public v1::InventoryService::Service {
 public:
  InventoryService(const server::CallGate& calls, db::ConnectionPool& pool, const Clock& clock)
      : calls_(calls), audit_pool_(pool), store_(pool), clock_(clock) {}

  // Items (item_handlers.cc).
  grpc::Status CreateItem(grpc::ServerContext* context, const v1::CreateItemRequest* request,
                          v1::CreateItemResponse* response) override;
  grpc::Status GetItem(grpc::ServerContext* context, const v1::GetItemRequest* request,
                       v1::GetItemResponse* response) override;
  grpc::Status ListItems(grpc::ServerContext* context, const v1::ListItemsRequest* request,
                         v1::ListItemsResponse* response) override;
  grpc::Status UpdateItem(grpc::ServerContext* context, const v1::UpdateItemRequest* request,
                          v1::UpdateItemResponse* response) override;

  // The ledger, stocktakes, low stock, replenishment, reports (stock_handlers.cc).
  grpc::Status RecordMovement(grpc::ServerContext* context,
                              const v1::RecordMovementRequest* request,
                              v1::RecordMovementResponse* response) override;
  grpc::Status GetBalance(grpc::ServerContext* context, const v1::GetBalanceRequest* request,
                          v1::GetBalanceResponse* response) override;
  grpc::Status ListMovements(grpc::ServerContext* context, const v1::ListMovementsRequest* request,
                             v1::ListMovementsResponse* response) override;
  grpc::Status StartStocktake(grpc::ServerContext* context,
                              const v1::StartStocktakeRequest* request,
                              v1::StartStocktakeResponse* response) override;
  grpc::Status SubmitStocktake(grpc::ServerContext* context,
                               const v1::SubmitStocktakeRequest* request,
                               v1::SubmitStocktakeResponse* response) override;
  grpc::Status ListLowStock(grpc::ServerContext* context, const v1::ListLowStockRequest* request,
                            v1::ListLowStockResponse* response) override;
  grpc::Status CreateReplenishmentRequest(
      grpc::ServerContext* context, const v1::CreateReplenishmentRequestRequest* request,
      v1::CreateReplenishmentRequestResponse* response) override;
  grpc::Status ApproveReplenishmentRequest(
      grpc::ServerContext* context, const v1::ApproveReplenishmentRequestRequest* request,
      v1::ApproveReplenishmentRequestResponse* response) override;
  grpc::Status ReceiveReplenishment(grpc::ServerContext* context,
                                    const v1::ReceiveReplenishmentRequest* request,
                                    v1::ReceiveReplenishmentResponse* response) override;
  grpc::Status GetConsumptionReport(grpc::ServerContext* context,
                                    const v1::GetConsumptionReportRequest* request,
                                    v1::GetConsumptionReportResponse* response) override;

  // Kits (kit_handlers.cc).
  grpc::Status CreateKitTemplate(grpc::ServerContext* context,
                                 const v1::CreateKitTemplateRequest* request,
                                 v1::CreateKitTemplateResponse* response) override;
  grpc::Status ReserveKit(grpc::ServerContext* context, const v1::ReserveKitRequest* request,
                          v1::ReserveKitResponse* response) override;
  grpc::Status GetMeetingKit(grpc::ServerContext* context, const v1::GetMeetingKitRequest* request,
                             v1::GetMeetingKitResponse* response) override;
  grpc::Status IssueKit(grpc::ServerContext* context, const v1::IssueKitRequest* request,
                        v1::IssueKitResponse* response) override;
  grpc::Status SettleKit(grpc::ServerContext* context, const v1::SettleKitRequest* request,
                         v1::SettleKitResponse* response) override;
  grpc::Status ReleaseKit(grpc::ServerContext* context, const v1::ReleaseKitRequest* request,
                          v1::ReleaseKitResponse* response) override;

  // Room keys (key_handlers.cc).
  grpc::Status CreateRoomKey(grpc::ServerContext* context, const v1::CreateRoomKeyRequest* request,
                             v1::CreateRoomKeyResponse* response) override;
  grpc::Status CheckOutKey(grpc::ServerContext* context, const v1::CheckOutKeyRequest* request,
                           v1::CheckOutKeyResponse* response) override;
  grpc::Status ReturnKey(grpc::ServerContext* context, const v1::ReturnKeyRequest* request,
                         v1::ReturnKeyResponse* response) override;
  grpc::Status ListKeyHolders(grpc::ServerContext* context,
                              const v1::ListKeyHoldersRequest* request,
                              v1::ListKeyHoldersResponse* response) override;

  // The audit trail of this service's mutations (common/audit).
  grpc::Status ListAuditRecords(grpc::ServerContext* context,
                                const v1::ListAuditRecordsRequest* request,
                                v1::ListAuditRecordsResponse* response) override;

 private:
  const server::CallGate& calls_;
  db::ConnectionPool& audit_pool_;
  InventoryStore store_;
  const Clock& clock_;
};

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_INVENTORY_SERVICE_H_
