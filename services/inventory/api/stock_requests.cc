// Ledger, stocktake, low-stock, replenishment and report requests.
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/api/page_token.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "services/inventory/api/requests.h"
#include "services/inventory/domain/stock_rules.h"

namespace huiwu::inventory {
namespace {

constexpr int kMaxReason = 500;
constexpr int kMaxOrganizerUnit = 100;
constexpr int kMaxCounts = 500;

// An optional name filter: empty passes, else it must parse.
template <typename Parse>
std::string OptionalFilter(api::FieldChecks& checks, absl::string_view field,
                           absl::string_view value, Parse parse) {
  if (value.empty()) return "";
  auto parsed = parse(checks, field, value);
  return parsed.has_value() ? *parsed : "";
}

}  // namespace

absl::StatusOr<RecordMovementCommand> ParseRecordMovement(
    const v1::RecordMovementRequest& request) {
  api::FieldChecks checks;
  RecordMovementCommand command;
  auto item = ParseItemName(checks, "item", request.item());
  auto location = ParseLocation(checks, "location", request.location());
  checks.Enum("kind", request.kind(), v1::MovementKind_IsValid, /*allow_unspecified=*/false);
  const auto kind = static_cast<MovementKind>(request.kind());
  if (v1::MovementKind_IsValid(request.kind()) && request.kind() != 0 && !RecordableByHand(kind)) {
    checks.Add("kind",
               "ISSUE and RETURN are posted by kits (ReserveKit, IssueKit, SettleKit), "
               "ADJUSTMENT by SubmitStocktake; use RECEIVE, CONSUME, TRANSFER or WRITE_OFF");
  }
  checks.Int("quantity", request.quantity(), 1, kMaxQuantity);
  if (kind == MovementKind::kTransfer) {
    auto to = ParseLocation(checks, "to_location", request.to_location());
    if (to.has_value()) {
      command.to_location = *to;
      if (location.has_value() && *to == *location) {
        checks.Add("to_location", "must differ from location: a transfer moves stock elsewhere");
      }
    }
  } else if (!request.to_location().empty()) {
    checks.Add("to_location", "only a TRANSFER has a destination; leave it empty");
  }
  checks.Text("reason", request.reason(), kind == MovementKind::kWriteOff ? 1 : 0, kMaxReason);
  command.meeting_id = OptionalFilter(checks, "meeting", request.meeting(), ParseMeetingName);
  checks.RequestId("request_id", request.request_id());
  RETURN_IF_ERROR(checks.status());
  command.item_id = *item;
  command.location = *location;
  command.kind = kind;
  command.quantity = request.quantity();
  command.reason = request.reason();
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<BalanceKey> ParseGetBalance(const v1::GetBalanceRequest& request) {
  api::FieldChecks checks;
  auto item = ParseItemName(checks, "item", request.item());
  auto location = ParseLocation(checks, "location", request.location());
  RETURN_IF_ERROR(checks.status());
  return BalanceKey{*item, *location};
}

absl::StatusOr<ListMovementsQuery> ParseListMovements(const v1::ListMovementsRequest& request) {
  api::FieldChecks checks;
  ListMovementsQuery query;
  query.item_id = OptionalFilter(checks, "item", request.item(), ParseItemName);
  query.location = OptionalFilter(checks, "location", request.location(), ParseLocation);
  query.meeting_id = OptionalFilter(checks, "meeting", request.meeting(), ParseMeetingName);
  query.page_size = checks.PageSize("page_size", request.page_size(), kDefaultMovementPageSize,
                                    kMaxMovementPageSize);
  RETURN_IF_ERROR(checks.status());
  query.filter_text =
      absl::StrCat("movements|", query.item_id, "|", query.location, "|", query.meeting_id);
  ASSIGN_OR_RETURN(std::vector<std::string> after,
                   api::DecodePageToken("page_token", request.page_token(), query.filter_text, 1));
  if (!after.empty() && !absl::SimpleAtoi(after[0], &query.after_id)) {
    return InvalidFieldError("page_token", "not a page token of this list; start without one");
  }
  return query;
}

std::string NextMovementsPageToken(const ListMovementsQuery& query, const Movement& last) {
  return api::EncodePageToken(query.filter_text, {absl::StrCat(last.id)});
}

absl::StatusOr<StartStocktakeCommand> ParseStartStocktake(
    const v1::StartStocktakeRequest& request) {
  api::FieldChecks checks;
  auto location = ParseLocation(checks, "location", request.location());
  checks.RequestId("request_id", request.request_id());
  RETURN_IF_ERROR(checks.status());
  return StartStocktakeCommand{*location, request.request_id()};
}

absl::StatusOr<SubmitStocktakeCommand> ParseSubmitStocktake(
    const v1::SubmitStocktakeRequest& request) {
  api::FieldChecks checks;
  SubmitStocktakeCommand command;
  auto id = ParseStocktakeName(checks, "name", request.name());
  if (request.counts_size() == 0 || request.counts_size() > kMaxCounts) {
    checks.Add("counts", absl::StrCat("give 1–", kMaxCounts, " counts, one per item counted"));
  }
  std::set<std::string> seen;
  for (int i = 0; i < request.counts_size() && i < kMaxCounts; ++i) {
    const std::string field = absl::StrCat("counts[", i, "]");
    auto item = ParseItemName(checks, field + ".item", request.counts(i).item());
    checks.Int(field + ".quantity", request.counts(i).quantity(), 0, kMaxQuantity);
    if (!item.has_value()) continue;
    if (!seen.insert(*item).second) {
      checks.Add(field + ".item", "duplicate item; count each item once");
    }
    command.counts.push_back({*item, request.counts(i).quantity()});
  }
  RETURN_IF_ERROR(checks.status());
  command.stocktake_id = *id;
  return command;
}

absl::StatusOr<ListLowStockQuery> ParseListLowStock(const v1::ListLowStockRequest& request) {
  api::FieldChecks checks;
  ListLowStockQuery query;
  query.location = OptionalFilter(checks, "location", request.location(), ParseLocation);
  query.page_size =
      checks.PageSize("page_size", request.page_size(), kDefaultPageSize, kMaxPageSize);
  RETURN_IF_ERROR(checks.status());
  query.filter_text = absl::StrCat("low|", query.location);
  ASSIGN_OR_RETURN(query.after,
                   api::DecodePageToken("page_token", request.page_token(), query.filter_text, 2));
  return query;
}

std::string NextLowStockPageToken(const ListLowStockQuery& query, const Balance& last) {
  return api::EncodePageToken(query.filter_text, {last.item_id, last.location});
}

absl::StatusOr<CreateReplenishmentCommand> ParseCreateReplenishment(
    const v1::CreateReplenishmentRequestRequest& request) {
  api::FieldChecks checks;
  auto item = ParseItemName(checks, "item", request.item());
  auto location = ParseLocation(checks, "location", request.location());
  checks.Int("quantity", request.quantity(), 1, kMaxQuantity);
  checks.Text("reason", request.reason(), 0, kMaxReason);
  checks.RequestId("request_id", request.request_id());
  RETURN_IF_ERROR(checks.status());
  return CreateReplenishmentCommand{*item, *location, request.quantity(), request.reason(),
                                    request.request_id()};
}

absl::StatusOr<ReplenishmentStepCommand> ParseApproveReplenishment(
    const v1::ApproveReplenishmentRequestRequest& request) {
  api::FieldChecks checks;
  auto id = ParseReplenishmentName(checks, "name", request.name());
  CheckEtagField(checks, "etag", request.etag());
  RETURN_IF_ERROR(checks.status());
  return ReplenishmentStepCommand{*id, request.etag(), 0};
}

absl::StatusOr<ReplenishmentStepCommand> ParseReceiveReplenishment(
    const v1::ReceiveReplenishmentRequest& request) {
  api::FieldChecks checks;
  auto id = ParseReplenishmentName(checks, "name", request.name());
  checks.Int("received_quantity", request.received_quantity(), 0, kMaxQuantity);
  RETURN_IF_ERROR(checks.status());
  return ReplenishmentStepCommand{*id, "", request.received_quantity()};
}

absl::StatusOr<ConsumptionQuery> ParseConsumptionReport(
    const v1::GetConsumptionReportRequest& request) {
  api::FieldChecks checks;
  ConsumptionQuery query;
  query.meeting_id = OptionalFilter(checks, "meeting", request.meeting(), ParseMeetingName);
  if (!request.room().empty()) {
    auto room = ParseRoom(checks, "room", request.room());
    if (room.has_value()) query.room = room->name();
  }
  checks.Text("organizer_unit", request.organizer_unit(), 0, kMaxOrganizerUnit);
  query.organizer_unit = request.organizer_unit();
  if (request.has_start_time()) query.start = checks.Time("start_time", true, request.start_time());
  if (request.has_end_time()) query.end = checks.Time("end_time", true, request.end_time());
  if (query.start.has_value() && query.end.has_value() && *query.end <= *query.start) {
    checks.Add("end_time", "must be after start_time");
  }
  RETURN_IF_ERROR(checks.status());
  return query;
}

}  // namespace huiwu::inventory
