// Ledger, stocktake, low-stock, replenishment and report handlers.
#include "common/server/actor.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "services/inventory/api/requests.h"
#include "services/inventory/api/resources.h"
#include "services/inventory/inventory_service.h"

namespace huiwu::inventory {

grpc::Status InventoryService::RecordMovement(grpc::ServerContext* context,
                                              const v1::RecordMovementRequest* request,
                                              v1::RecordMovementResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "RecordMovement", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(RecordMovementCommand command, ParseRecordMovement(*request));
        ASSIGN_OR_RETURN(MovementResult result,
                         store_.RecordMovement(command, server::ActorOf(*context), clock_.Now()));
        for (const Movement& m : result.movements) ToProto(m, response->add_movements());
        ToProto(result.balance, response->mutable_balance());
        return absl::OkStatus();
      });
}

grpc::Status InventoryService::GetBalance(grpc::ServerContext* context,
                                          const v1::GetBalanceRequest* request,
                                          v1::GetBalanceResponse* response) {
  return calls_.Serve(*context, "GetBalance", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(BalanceKey key, ParseGetBalance(*request));
    ASSIGN_OR_RETURN(Balance balance, store_.GetBalance(key.item_id, key.location));
    ToProto(balance, response->mutable_balance());
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::ListMovements(grpc::ServerContext* context,
                                             const v1::ListMovementsRequest* request,
                                             v1::ListMovementsResponse* response) {
  return calls_.Serve(*context, "ListMovements", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListMovementsQuery query, ParseListMovements(*request));
    ASSIGN_OR_RETURN(std::vector<Movement> movements,
                     store_.ListMovements(query, query.page_size + 1));
    const bool more = static_cast<int>(movements.size()) > query.page_size;
    if (more) movements.pop_back();
    for (const Movement& m : movements) ToProto(m, response->add_movements());
    if (more) response->set_next_page_token(NextMovementsPageToken(query, movements.back()));
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::StartStocktake(grpc::ServerContext* context,
                                              const v1::StartStocktakeRequest* request,
                                              v1::StartStocktakeResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "StartStocktake", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(StartStocktakeCommand command, ParseStartStocktake(*request));
        ASSIGN_OR_RETURN(Stocktake stocktake, store_.StartStocktake(command, clock_.Now()));
        ToProto(stocktake, response->mutable_stocktake());
        return absl::OkStatus();
      });
}

grpc::Status InventoryService::SubmitStocktake(grpc::ServerContext* context,
                                               const v1::SubmitStocktakeRequest* request,
                                               v1::SubmitStocktakeResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "SubmitStocktake", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(SubmitStocktakeCommand command, ParseSubmitStocktake(*request));
        ASSIGN_OR_RETURN(StocktakeResult result,
                         store_.SubmitStocktake(command, server::ActorOf(*context), clock_.Now()));
        ToProto(result.stocktake, response->mutable_stocktake());
        for (const Movement& m : result.adjustments) ToProto(m, response->add_adjustments());
        return absl::OkStatus();
      });
}

grpc::Status InventoryService::ListLowStock(grpc::ServerContext* context,
                                            const v1::ListLowStockRequest* request,
                                            v1::ListLowStockResponse* response) {
  return calls_.Serve(*context, "ListLowStock", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ListLowStockQuery query, ParseListLowStock(*request));
    ASSIGN_OR_RETURN(std::vector<LowStockEntry> entries,
                     store_.ListLowStock(query, query.page_size + 1));
    const bool more = static_cast<int>(entries.size()) > query.page_size;
    if (more) entries.pop_back();
    for (const LowStockEntry& entry : entries) {
      v1::LowStockEntry* out = response->add_entries();
      ToProto(entry.balance, out->mutable_balance());
      if (!entry.replenishment_id.empty()) {
        out->set_replenishment_request(ReplenishmentName(entry.replenishment_id));
      }
    }
    if (more) response->set_next_page_token(NextLowStockPageToken(query, entries.back().balance));
    return absl::OkStatus();
  });
}

grpc::Status InventoryService::CreateReplenishmentRequest(
    grpc::ServerContext* context, const v1::CreateReplenishmentRequestRequest* request,
    v1::CreateReplenishmentRequestResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "CreateReplenishmentRequest", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(CreateReplenishmentCommand command, ParseCreateReplenishment(*request));
        ASSIGN_OR_RETURN(
            ReplenishmentRequest created,
            store_.CreateReplenishment(command, server::ActorOf(*context), clock_.Now()));
        ToProto(created, response->mutable_replenishment_request());
        return absl::OkStatus();
      });
}

grpc::Status InventoryService::ApproveReplenishmentRequest(
    grpc::ServerContext* context, const v1::ApproveReplenishmentRequestRequest* request,
    v1::ApproveReplenishmentRequestResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "ApproveReplenishmentRequest", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(ReplenishmentStepCommand command, ParseApproveReplenishment(*request));
        ASSIGN_OR_RETURN(ReplenishmentRequest approved,
                         store_.ApproveReplenishment(command, clock_.Now()));
        ToProto(approved, response->mutable_replenishment_request());
        return absl::OkStatus();
      });
}

grpc::Status InventoryService::ReceiveReplenishment(grpc::ServerContext* context,
                                                    const v1::ReceiveReplenishmentRequest* request,
                                                    v1::ReceiveReplenishmentResponse* response) {
  return calls_.ServeMutation(
      *context, *request, "ReceiveReplenishment", response, [&]() -> absl::Status {
        ASSIGN_OR_RETURN(ReplenishmentStepCommand command, ParseReceiveReplenishment(*request));
        ASSIGN_OR_RETURN(
            ReceiveResult result,
            store_.ReceiveReplenishment(command, server::ActorOf(*context), clock_.Now()));
        ToProto(result.request, response->mutable_replenishment_request());
        ToProto(result.balance, response->mutable_balance());
        return absl::OkStatus();
      });
}

grpc::Status InventoryService::GetConsumptionReport(grpc::ServerContext* context,
                                                    const v1::GetConsumptionReportRequest* request,
                                                    v1::GetConsumptionReportResponse* response) {
  return calls_.Serve(*context, "GetConsumptionReport", response, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ConsumptionQuery query, ParseConsumptionReport(*request));
    ASSIGN_OR_RETURN(ConsumptionReport report, store_.GetConsumptionReport(query));
    response->set_meeting_count(report.meeting_count);
    response->set_participant_count(report.participant_count);
    int64_t total = 0;
    for (const ConsumptionItem& item : report.items) {
      v1::ConsumptionLine* line = response->add_lines();
      line->set_item(ItemName(item.item_id));
      line->set_consumed(item.consumed);
      line->set_planned(item.planned);
      line->set_cost_fen(item.consumed * item.unit_cost_fen);
      total += item.consumed * item.unit_cost_fen;
      // Per participant against the kit norm: how frugal (勤俭节约) the meetings were.
      if (report.participant_count > 0) {
        const double people = static_cast<double>(report.participant_count);
        line->set_consumed_per_participant(static_cast<double>(item.consumed) / people);
        line->set_planned_per_participant(static_cast<double>(item.planned) / people);
      }
    }
    response->set_total_cost_fen(total);
    return absl::OkStatus();
  });
}

}  // namespace huiwu::inventory
