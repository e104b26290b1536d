// The catalog as the center runs it today. Floors follow the room numbers (301 is on the
// 3rd floor); capacities, layouts and equipment are the center's usual set-up and can be
// corrected later with UpdateRoom. Set-up and clean-up are held around every meeting; the
// clean-up includes disinfecting the tea sets (一会一消毒: after every meeting).
#include "tools/huiwuctl/catalog_seed.h"

namespace huiwu::ctl {
namespace {

using booking::v1::Equipment;
using booking::v1::SeatingLayout;

constexpr int kDefaultSetupMinutes = 30;
constexpr int kDefaultCleanupMinutes = 30;
// A VIP reception (贵宾室) is dressed with care: flowers, nameplates, tea service.
constexpr int kVipSetupMinutes = 60;
// The auditorium seats 300: banner, nameplates, sound check; 300 tea sets to disinfect.
constexpr int kAuditoriumSetupMinutes = 60;
constexpr int kAuditoriumCleanupMinutes = 45;

constexpr SeatingLayout kBoardroom = booking::v1::SEATING_LAYOUT_BOARDROOM;
constexpr SeatingLayout kClassroom = booking::v1::SEATING_LAYOUT_CLASSROOM;
constexpr SeatingLayout kTheater = booking::v1::SEATING_LAYOUT_THEATER;
constexpr SeatingLayout kUShape = booking::v1::SEATING_LAYOUT_U_SHAPE;
constexpr SeatingLayout kHollowSquare = booking::v1::SEATING_LAYOUT_HOLLOW_SQUARE;
constexpr SeatingLayout kTiered = booking::v1::SEATING_LAYOUT_TIERED;
constexpr SeatingLayout kReception = booking::v1::SEATING_LAYOUT_RECEPTION;

constexpr Equipment kProjector = booking::v1::EQUIPMENT_PROJECTOR;
constexpr Equipment kDisplayScreen = booking::v1::EQUIPMENT_DISPLAY_SCREEN;
constexpr Equipment kVideoConferencing = booking::v1::EQUIPMENT_VIDEO_CONFERENCING;
constexpr Equipment kSoundSystem = booking::v1::EQUIPMENT_SOUND_SYSTEM;
constexpr Equipment kMicrophones = booking::v1::EQUIPMENT_MICROPHONES;
constexpr Equipment kRecording = booking::v1::EQUIPMENT_RECORDING;
constexpr Equipment kWhiteboard = booking::v1::EQUIPMENT_WHITEBOARD;

constexpr char kCityHall[] = "city-hall";
constexpr char kCitizenCenter[] = "citizen-center";

}  // namespace

const std::vector<BuildingSeed>& SeedBuildings() {
  static const auto* const kBuildings = new std::vector<BuildingSeed>{
      {.building_id = kCityHall, .display_name = "市政府大楼"},
      {.building_id = kCitizenCenter, .display_name = "123市民服务中心大楼"},
  };
  return *kBuildings;
}

const std::vector<RoomSeed>& SeedRooms() {
  static const auto* const kRooms = new std::vector<RoomSeed>{
      // 市政府大楼 (City Government Building)
      {.building_id = kCityHall,
       .room_id = "301",
       .display_name = "301会议室",
       .floor = 3,
       .capacity = 30,
       .seating_layouts = {kBoardroom, kUShape},
       .equipment = {kDisplayScreen, kSoundSystem, kMicrophones},
       .setup_minutes = kDefaultSetupMinutes,
       .cleanup_minutes = kDefaultCleanupMinutes},
      {.building_id = kCityHall,
       .room_id = "302",
       .display_name = "302会议室",
       .floor = 3,
       .capacity = 20,
       .seating_layouts = {kBoardroom},
       .equipment = {kDisplayScreen, kMicrophones},
       .setup_minutes = kDefaultSetupMinutes,
       .cleanup_minutes = kDefaultCleanupMinutes},
      {.building_id = kCityHall,
       .room_id = "310",
       .display_name = "310会议室",
       .floor = 3,
       .capacity = 40,
       .seating_layouts = {kHollowSquare, kClassroom},
       .equipment = {kProjector, kSoundSystem, kMicrophones},
       .setup_minutes = kDefaultSetupMinutes,
       .cleanup_minutes = kDefaultCleanupMinutes},
      {.building_id = kCityHall,
       .room_id = "319",
       .display_name = "319会议室",
       .floor = 3,
       .capacity = 16,
       .seating_layouts = {kBoardroom},
       .equipment = {kDisplayScreen, kWhiteboard},
       .setup_minutes = kDefaultSetupMinutes,
       .cleanup_minutes = kDefaultCleanupMinutes},
      {.building_id = kCityHall,
       .room_id = "vip-reception",
       .display_name = "贵宾室",
       .floor = 1,
       .capacity = 12,
       .seating_layouts = {kReception},
       .equipment = {kSoundSystem, kMicrophones},
       .vip = true,
       .setup_minutes = kVipSetupMinutes,
       .cleanup_minutes = kDefaultCleanupMinutes},

      // 123市民服务中心大楼 (Citizen Service Center)
      {.building_id = kCitizenCenter,
       .room_id = "310",
       .display_name = "310会议室",
       .floor = 3,
       .capacity = 40,
       .seating_layouts = {kHollowSquare, kClassroom},
       .equipment = {kProjector, kSoundSystem, kMicrophones},
       .setup_minutes = kDefaultSetupMinutes,
       .cleanup_minutes = kDefaultCleanupMinutes},
      {.building_id = kCitizenCenter,
       .room_id = "406",
       .display_name = "406会议室",
       .floor = 4,
       .capacity = 24,
       .seating_layouts = {kBoardroom, kUShape},
       .equipment = {kDisplayScreen, kMicrophones},
       .setup_minutes = kDefaultSetupMinutes,
       .cleanup_minutes = kDefaultCleanupMinutes},
      {.building_id = kCitizenCenter,
       .room_id = "606",
       .display_name = "606会议室",
       .floor = 6,
       .capacity = 60,
       .seating_layouts = {kClassroom, kTheater, kHollowSquare},
       .equipment = {kProjector, kSoundSystem, kMicrophones},
       .setup_minutes = kDefaultSetupMinutes,
       .cleanup_minutes = kDefaultCleanupMinutes},
      {.building_id = kCitizenCenter,
       .room_id = "8f-auditorium",
       .display_name = "8楼阶梯会议室",
       .floor = 8,
       .capacity = 300,
       .seating_layouts = {kTiered},
       .equipment = {kProjector, kSoundSystem, kMicrophones, kRecording},
       .setup_minutes = kAuditoriumSetupMinutes,
       .cleanup_minutes = kAuditoriumCleanupMinutes},
      {.building_id = kCitizenCenter,
       .room_id = "8f-video",
       .display_name = "8楼视频会议室",
       .floor = 8,
       .capacity = 30,
       .seating_layouts = {kBoardroom, kHollowSquare},
       .equipment = {kVideoConferencing, kDisplayScreen, kSoundSystem, kMicrophones},
       .setup_minutes = kDefaultSetupMinutes,
       .cleanup_minutes = kDefaultCleanupMinutes},
  };
  return *kRooms;
}

}  // namespace huiwu::ctl
