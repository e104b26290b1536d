#include "services/booking/api/catalog_requests.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/api/etag.h"
#include "common/api/field_checks.h"
#include "common/api/page_token.h"
#include "common/api/resource_name.h"
#include "common/api/timestamp.h"
#include "common/status/status_macros.h"

namespace huiwu::booking {
namespace {

constexpr absl::string_view kBuildingPattern = "buildings/{building}";
constexpr absl::string_view kRoomPattern = "buildings/{building}/rooms/{room}";

// Limits of the catalog, generous for any real room and tight enough to refuse typos
// such as a capacity of 50000.
constexpr int kMaxDisplayName = 100;
constexpr int kMaxAddress = 200;
constexpr int kMinFloor = -5;
constexpr int kMaxFloor = 200;
constexpr int kMaxCapacity = 5000;
constexpr int kMaxBufferMinutes = 720;
// An organizer unit is named as on a notice (Meeting.organizer_unit: 1–100 characters);
// 50 units is far beyond any room kept for a few offices.
constexpr int kMaxOrganizerUnit = 100;
constexpr int kMaxAllowedUnits = 50;

// A unit name is stored line-feed-joined (room_rows.h) and shown on printed notices:
// control characters have no place in it.
bool HasControlCharacter(absl::string_view text) {
  for (unsigned char ch : text) {
    if (ch < 0x20 || ch == 0x7f) return true;
  }
  return false;
}

std::vector<std::string> CheckUnits(api::FieldChecks& checks, absl::string_view field,
                                    const google::protobuf::RepeatedPtrField<std::string>& units) {
  std::vector<std::string> result;
  if (units.size() > kMaxAllowedUnits) {
    checks.Add(field, absl::StrCat("at most ", kMaxAllowedUnits, " units"));
    return result;
  }
  for (int i = 0; i < units.size(); ++i) {
    const std::string item = absl::StrCat(field, "[", i, "]");
    checks.Text(item, units[i], 1, kMaxOrganizerUnit);
    if (HasControlCharacter(units[i])) {
      checks.Add(item, "control characters (line breaks, tabs) are not allowed in a unit name");
    }
    if (std::find(result.begin(), result.end(), units[i]) != result.end()) {
      checks.Add(item, "duplicate value; list each once");
    }
    result.push_back(units[i]);
  }
  return result;
}

const absl::flat_hash_map<std::string, uint32_t>& RoomMaskPaths() {
  static const auto* paths = new absl::flat_hash_map<std::string, uint32_t>{
      {"display_name", kRoomDisplayName},
      {"floor", kRoomFloor},
      {"capacity", kRoomCapacity},
      {"seating_layouts", kRoomSeatingLayouts},
      {"equipment", kRoomEquipment},
      {"vip", kRoomVip},
      {"default_setup_minutes", kRoomDefaultSetupMinutes},
      {"default_cleanup_minutes", kRoomDefaultCleanupMinutes},
      {"state", kRoomState},
      {"allowed_organizer_units", kRoomAllowedOrganizerUnits},
      {"allowed_kinds", kRoomAllowedKinds},
      {"waitlist_mode", kRoomWaitlistMode},
  };
  return *paths;
}

template <typename Repeated, typename IsValid>
std::set<int> EnumSet(api::FieldChecks& checks, absl::string_view field, const Repeated& values,
                      IsValid is_valid) {
  std::set<int> result;
  for (int i = 0; i < values.size(); ++i) {
    const std::string item = absl::StrCat(field, "[", i, "]");
    checks.Enum(item, values[i], is_valid, /*allow_unspecified=*/false);
    if (!result.insert(values[i]).second) checks.Add(item, "duplicate value; list each once");
  }
  return result;
}

// Checks the room fields selected by `fields` and copies them into a domain Room.
Room CheckRoomFields(api::FieldChecks& checks, const v1::Room& room, uint32_t fields,
                     bool state_required) {
  Room out;
  if (fields & kRoomDisplayName) {
    checks.Text("room.display_name", room.display_name(), 1, kMaxDisplayName);
    out.display_name = room.display_name();
  }
  if (fields & kRoomFloor) {
    checks.Int("room.floor", room.floor(), kMinFloor, kMaxFloor);
    out.floor = room.floor();
  }
  if (fields & kRoomCapacity) {
    checks.Int("room.capacity", room.capacity(), 1, kMaxCapacity);
    out.capacity = room.capacity();
  }
  if (fields & kRoomSeatingLayouts) {
    out.seating_layouts =
        EnumSet(checks, "room.seating_layouts", room.seating_layouts(), v1::SeatingLayout_IsValid);
  }
  if (fields & kRoomEquipment) {
    out.equipment = EnumSet(checks, "room.equipment", room.equipment(), v1::Equipment_IsValid);
  }
  if (fields & kRoomVip) out.vip = room.vip();
  if (fields & kRoomDefaultSetupMinutes) {
    checks.Int("room.default_setup_minutes", room.default_setup_minutes(), 0, kMaxBufferMinutes);
    out.default_setup_minutes = room.default_setup_minutes();
  }
  if (fields & kRoomDefaultCleanupMinutes) {
    checks.Int("room.default_cleanup_minutes", room.default_cleanup_minutes(), 0,
               kMaxBufferMinutes);
    out.default_cleanup_minutes = room.default_cleanup_minutes();
  }
  if (fields & kRoomState) {
    checks.Enum("room.state", room.state(), v1::RoomState_IsValid,
                /*allow_unspecified=*/!state_required);
    out.state = room.state() == v1::ROOM_STATE_UNSPECIFIED ? RoomState::kActive
                                                           : static_cast<RoomState>(room.state());
  }
  if (fields & kRoomAllowedOrganizerUnits) {
    out.rights.organizer_units =
        CheckUnits(checks, "room.allowed_organizer_units", room.allowed_organizer_units());
  }
  if (fields & kRoomAllowedKinds) {
    out.rights.kinds =
        EnumSet(checks, "room.allowed_kinds", room.allowed_kinds(), v1::MeetingKind_IsValid);
  }
  if (fields & kRoomWaitlistMode) {
    checks.Enum("room.waitlist_mode", room.waitlist_mode(), v1::WaitlistMode_IsValid,
                /*allow_unspecified=*/true);
    out.waitlist_mode = room.waitlist_mode() == v1::WAITLIST_MODE_OFFER
                            ? WaitlistMode::kOffer
                            : WaitlistMode::kAutoConfirm;
  }
  return out;
}

}  // namespace

std::string BuildingName(absl::string_view building_id) {
  return absl::StrCat("buildings/", building_id);
}

std::string RoomName(absl::string_view building_id, absl::string_view room_id) {
  return absl::StrCat("buildings/", building_id, "/rooms/", room_id);
}

absl::StatusOr<std::string> ParseBuildingName(absl::string_view field, absl::string_view name) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   api::ParseResourceName(field, name, kBuildingPattern));
  return ids[0];
}

absl::StatusOr<RoomKey> ParseRoomName(absl::string_view field, absl::string_view name) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids, api::ParseResourceName(field, name, kRoomPattern));
  return RoomKey{ids[0], ids[1]};
}

absl::StatusOr<CreateBuildingCommand> ParseCreateBuilding(
    const v1::CreateBuildingRequest& request) {
  api::FieldChecks checks;
  checks.ResourceId("building_id", request.building_id());
  checks.RequestId("request_id", request.request_id());
  if (!request.has_building()) {
    checks.Add("building", "required");
    return checks.status();
  }
  checks.Text("building.display_name", request.building().display_name(), 1, kMaxDisplayName);
  checks.Text("building.address", request.building().address(), 0, kMaxAddress);
  RETURN_IF_ERROR(checks.status());
  CreateBuildingCommand command;
  command.building.id = request.building_id();
  command.building.display_name = request.building().display_name();
  command.building.address = request.building().address();
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<ListBuildingsQuery> ParseListBuildings(const v1::ListBuildingsRequest& request) {
  ListBuildingsQuery query;
  ASSIGN_OR_RETURN(query.page_size, api::EffectivePageSize("page_size", request.page_size(),
                                                           kDefaultPageSize, kMaxPageSize));
  ASSIGN_OR_RETURN(std::vector<std::string> after,
                   api::DecodePageToken("page_token", request.page_token(), "buildings", 1));
  if (!after.empty()) query.after_id = after[0];
  return query;
}

absl::StatusOr<CreateRoomCommand> ParseCreateRoom(const v1::CreateRoomRequest& request) {
  api::FieldChecks checks;
  auto building = api::ParseResourceName("parent", request.parent(), kBuildingPattern);
  if (!building.ok()) checks.AddFrom(building.status());
  checks.ResourceId("room_id", request.room_id());
  checks.RequestId("request_id", request.request_id());
  if (!request.has_room()) {
    checks.Add("room", "required");
    return checks.status();
  }
  CreateRoomCommand command;
  command.room = CheckRoomFields(checks, request.room(), kAllRoomFields, /*state_required=*/false);
  RETURN_IF_ERROR(checks.status());
  command.room.building_id = (*building)[0];
  command.room.room_id = request.room_id();
  command.request_id = request.request_id();
  return command;
}

absl::StatusOr<ListRoomsQuery> ParseListRooms(const v1::ListRoomsRequest& request) {
  api::FieldChecks checks;
  ListRoomsQuery query;
  auto building = api::ParseResourceName("parent", request.parent(), kBuildingPattern,
                                         /*allow_wildcard=*/true);
  if (!building.ok()) {
    checks.AddFrom(building.status());
  } else if ((*building)[0] != "-") {
    query.filter.building_id = (*building)[0];
  }
  query.page_size =
      checks.PageSize("page_size", request.page_size(), kDefaultPageSize, kMaxPageSize);
  checks.Int("min_capacity", request.min_capacity(), 0, kMaxCapacity);
  query.filter.min_capacity = request.min_capacity();
  query.filter.equipment = EnumSet(checks, "equipment", request.equipment(), v1::Equipment_IsValid);
  checks.Enum("state", request.state(), v1::RoomState_IsValid, /*allow_unspecified=*/true);
  query.filter.state = request.state();
  RETURN_IF_ERROR(checks.status());

  query.filter_text =
      absl::StrCat("rooms|", query.filter.building_id, "|", query.filter.min_capacity, "|",
                   absl::StrJoin(query.filter.equipment, ","), "|", query.filter.state);
  ASSIGN_OR_RETURN(query.after,
                   api::DecodePageToken("page_token", request.page_token(), query.filter_text, 2));
  return query;
}

absl::StatusOr<UpdateRoomCommand> ParseUpdateRoom(const v1::UpdateRoomRequest& request) {
  api::FieldChecks checks;
  if (!request.has_room()) {
    checks.Add("room", "required: the room with its name and the new values");
    return checks.status();
  }
  UpdateRoomCommand command;
  auto key = ParseRoomName("room.name", request.room().name());
  if (!key.ok()) {
    checks.AddFrom(key.status());
  } else {
    command.key = *key;
  }
  const auto& paths = request.update_mask().paths();
  if (paths.empty() || (paths.size() == 1 && paths[0] == "*")) {
    command.fields = kAllRoomFields;
  }
  for (int i = 0; i < paths.size() && command.fields != kAllRoomFields; ++i) {
    auto it = RoomMaskPaths().find(paths[i]);
    if (it == RoomMaskPaths().end()) {
      checks.Add(absl::StrCat("update_mask.paths[", i, "]"),
                 absl::StrCat("unknown or immutable field \"", paths[i],
                              "\"; updatable: display_name, floor, capacity, seating_layouts, "
                              "equipment, vip, default_setup_minutes, default_cleanup_minutes, "
                              "state, allowed_organizer_units, allowed_kinds, waitlist_mode"));
      continue;
    }
    command.fields |= it->second;
  }
  command.patch = CheckRoomFields(checks, request.room(), command.fields, /*state_required=*/true);
  if (!request.room().etag().empty() && request.room().etag().size() > 64) {
    checks.Add("room.etag", "not an etag of this service; pass the etag of the room you read");
  }
  command.etag = request.room().etag();
  RETURN_IF_ERROR(checks.status());
  return command;
}

absl::StatusOr<DeleteRoomCommand> ParseDeleteRoom(const v1::DeleteRoomRequest& request) {
  DeleteRoomCommand command;
  ASSIGN_OR_RETURN(command.key, ParseRoomName("name", request.name()));
  if (request.etag().size() > 64) {
    return InvalidFieldError("etag", "not an etag of this service; pass the etag of the room");
  }
  command.etag = request.etag();
  return command;
}

void ToProto(const Building& building, v1::Building* out) {
  out->set_name(BuildingName(building.id));
  out->set_display_name(building.display_name);
  out->set_address(building.address);
  out->set_etag(api::EtagOf(building.version));
  *out->mutable_create_time() = api::ToTimestamp(building.create_time);
  *out->mutable_update_time() = api::ToTimestamp(building.update_time);
}

void ToProto(const Room& room, v1::Room* out) {
  out->set_name(RoomName(room.building_id, room.room_id));
  out->set_display_name(room.display_name);
  out->set_floor(room.floor);
  out->set_capacity(room.capacity);
  for (int layout : room.seating_layouts) {
    out->add_seating_layouts(static_cast<v1::SeatingLayout>(layout));
  }
  for (int item : room.equipment) out->add_equipment(static_cast<v1::Equipment>(item));
  out->set_vip(room.vip);
  out->set_default_setup_minutes(room.default_setup_minutes);
  out->set_default_cleanup_minutes(room.default_cleanup_minutes);
  out->set_state(static_cast<v1::RoomState>(room.state));
  for (const std::string& unit : room.rights.organizer_units)
    out->add_allowed_organizer_units(unit);
  for (int kind : room.rights.kinds) out->add_allowed_kinds(static_cast<v1::MeetingKind>(kind));
  out->set_waitlist_mode(room.waitlist_mode == WaitlistMode::kOffer
                             ? v1::WAITLIST_MODE_OFFER
                             : v1::WAITLIST_MODE_AUTO_CONFIRM);
  out->set_etag(api::EtagOf(room.version));
  *out->mutable_create_time() = api::ToTimestamp(room.create_time);
  *out->mutable_update_time() = api::ToTimestamp(room.update_time);
}

std::string NextBuildingsPageToken(const Building& last) {
  return api::EncodePageToken("buildings", {last.id});
}

std::string NextRoomsPageToken(const ListRoomsQuery& query, const Room& last) {
  return api::EncodePageToken(query.filter_text, {last.building_id, last.room_id});
}

}  // namespace huiwu::booking
