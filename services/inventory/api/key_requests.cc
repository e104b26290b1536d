// Room key requests.
#include "absl/strings/str_cat.h"
#include "common/api/page_token.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"
#include "services/inventory/api/requests.h"
#include "services/inventory/domain/key_rules.h"

namespace huiwu::inventory {

absl::StatusOr<CreateRoomKeyCommand> ParseCreateRoomKey(const v1::CreateRoomKeyRequest& request) {
  api::FieldChecks checks;
  auto room = ParseRoom(checks, "parent", request.parent());
  checks.ResourceId("key_id", request.key_id());
  checks.RequestId("request_id", request.request_id());
  std::optional<std::string> custodian;
  if (!request.has_key()) {
    checks.Add("key", "required: the key with its custodian");
  } else {
    custodian = ParseStaffName(checks, "key.custodian", request.key().custodian());
  }
  RETURN_IF_ERROR(checks.status());
  CreateRoomKeyCommand command;
  command.key.building_id = room->building_id;
  command.key.room_id = room->room_id;
  command.key.key_id = request.key_id();
  command.key.custodian = *custodian;
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<CheckOutKeyCommand> ParseCheckOutKey(const v1::CheckOutKeyRequest& request,
                                                    absl::Time now) {
  api::FieldChecks checks;
  auto key = ParseKeyName(checks, "name", request.name());
  auto holder = ParseStaffName(checks, "holder", request.holder());
  const auto expected = checks.Time("expected_return_time", request.has_expected_return_time(),
                                    request.expected_return_time());
  if (expected.has_value()) {
    checks.AddFrom(CheckExpectedReturn("expected_return_time", *expected, now));
  }
  RETURN_IF_ERROR(checks.status());
  return CheckOutKeyCommand{*key, *holder, *expected};
}

absl::StatusOr<KeyRef> ParseReturnKey(const v1::ReturnKeyRequest& request) {
  api::FieldChecks checks;
  auto key = ParseKeyName(checks, "name", request.name());
  RETURN_IF_ERROR(checks.status());
  return *key;
}

absl::StatusOr<ListKeyHoldersQuery> ParseListKeyHolders(const v1::ListKeyHoldersRequest& request) {
  api::FieldChecks checks;
  ListKeyHoldersQuery query;
  if (!request.room().empty()) query.room = ParseRoom(checks, "room", request.room());
  query.page_size =
      checks.PageSize("page_size", request.page_size(), kDefaultPageSize, kMaxPageSize);
  RETURN_IF_ERROR(checks.status());
  query.overdue_only = request.overdue_only();
  query.filter_text = absl::StrCat("keys|", query.room.has_value() ? query.room->name() : "", "|",
                                   query.overdue_only);
  ASSIGN_OR_RETURN(query.after,
                   api::DecodePageToken("page_token", request.page_token(), query.filter_text, 3));
  return query;
}

std::string NextKeyHoldersPageToken(const ListKeyHoldersQuery& query, const RoomKey& last) {
  return api::EncodePageToken(query.filter_text, {last.building_id, last.room_id, last.key_id});
}

}  // namespace huiwu::inventory
