// Booking's handler of safety's hazard events (hazard_flagger.h), called directly with
// constructed events against the real MariaDB: a hazard flags exactly the meetings still
// to be held in the rooms it blocks, each once however often the event comes.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "huiwu/booking/v1/events.pb.h"
#include "huiwu/events/v1/events.pb.h"
#include "huiwu/safety/v1/events.pb.h"
#include "services/booking/hazard_flagger.h"
#include "services/booking/store/booking_store.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/booking/outbox_test_util.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
namespace sv1 = safety::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr char kRoom301[] = "buildings/city-hall/rooms/301";
constexpr char kRoom302[] = "buildings/city-hall/rooms/302";
constexpr char kVideoRoom[] = "buildings/citizen-center/rooms/8f-video";

sv1::Hazard HazardAt(const std::string& name, const std::string& place,
                     sv1::HazardSeverity severity) {
  sv1::Hazard hazard;
  hazard.set_name(name);
  hazard.set_kind(sv1::HAZARD_KIND_WATER_LEAK);
  hazard.set_severity(severity);
  hazard.set_place(place);
  hazard.set_description("吊顶漏水");
  hazard.set_state(sv1::HAZARD_STATE_REPORTED);
  return hazard;
}

// An event of safety's stream carrying `payload`.
template <typename Payload>
events::v1::Event SafetyEvent(const Payload& payload, int64_t cursor) {
  events::v1::Event event;
  event.set_cursor(cursor);
  event.set_type(Payload::descriptor()->full_name());
  event.set_source("safety");
  event.mutable_payload()->PackFrom(payload);
  return event;
}

events::v1::Event Opened(const sv1::Hazard& hazard, int64_t cursor = 1) {
  sv1::HazardOpened opened;
  *opened.mutable_hazard() = hazard;
  return SafetyEvent(opened, cursor);
}

class HazardFlagTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
    ASSERT_TRUE(CreateBuilding(*stub_, "citizen-center", "123市民服务中心大楼").ok());
    ASSERT_TRUE(
        CreateRoom(*stub_, "citizen-center", "8f-video", SampleRoom("8楼视频会议室", 40)).ok());
    pool_ = std::make_unique<db::ConnectionPool>(database_.config(), nullptr);
    store_ = std::make_unique<booking::BookingStore>(*pool_, policy_.LongestMeeting());
    flagger_ = std::make_unique<booking::HazardFlagger>(*store_, clock_);

    // Booked at 07:00 (an internal meeting needs two hours' notice): one in 301 today that
    // has ended by 12:00, and one that started then.
    clock_.Set(Local(1, 7));
    past_ = Book(kRoom301, Local(1, 10), Local(1, 11));
    started_ = Book(kRoom301, Local(1, 12), Local(1, 13));
    // Still to be held: a notice and a confirmed meeting in 301, a cancelled one in 301,
    // one in 302 (same building), one in the other building, a notice without a room.
    notice_301_ = Notice(kRoom301, Local(3, 9), Local(3, 10));
    confirmed_301_ = Book(kRoom301, Local(3, 14), Local(3, 15));
    cancelled_301_ = Notice(kRoom301, Local(4, 9), Local(4, 10));
    v1::CancelMeetingRequest cancel;
    cancel.set_name(cancelled_301_);
    cancel.set_reason("取消");
    v1::CancelMeetingResponse cancelled;
    ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancelled).ok());
    confirmed_302_ = Book(kRoom302, Local(3, 9), Local(3, 10));
    video_ = Book(kVideoRoom, Local(3, 9), Local(3, 10));
    roomless_ = Notice("", Local(3, 9), Local(3, 10));

    clock_.Set(Local(1, 12));
    v1::StartMeetingRequest start;
    start.set_name(started_);
    v1::StartMeetingResponse in_progress;
    ASSERT_TRUE(stub_->StartMeeting(CallContext().get(), start, &in_progress).ok());
    events_before_ = ReadOutbox(database_).size();
  }

  void TearDown() override {
    flagger_.reset();
    store_.reset();
    pool_.reset();
    BookingFixture::TearDown();
  }

  std::string Notice(const std::string& room, absl::Time start, absl::Time end) {
    v1::Meeting created;
    EXPECT_TRUE(CreateMeeting(*stub_, SampleMeeting(room, start, end), &created).ok());
    return created.name();
  }

  std::string Book(const std::string& room, absl::Time start, absl::Time end) {
    const std::string name = Notice(room, start, end);
    EXPECT_TRUE(ConfirmMeeting(*stub_, name).ok()) << name;
    return name;
  }

  v1::Meeting Get(const std::string& name) {
    v1::GetMeetingRequest request;
    request.set_name(name);
    v1::GetMeetingResponse response;
    EXPECT_TRUE(stub_->GetMeeting(CallContext().get(), request, &response).ok());
    return response.meeting();
  }

  // The flags in the database, as "meeting|hazard".
  std::vector<std::string> Flags() {
    std::vector<std::string> flags;
    for (const std::string& row :
         database_.QueryRows("SELECT meeting_id, hazard FROM meeting_flags ORDER BY 1, 2")) {
      flags.push_back("meetings/" + row);
    }
    return flags;
  }

  // The MeetingFlagged events published since SetUp, as "meeting|hazard".
  std::vector<std::string> FlaggedEvents() {
    std::vector<OutboxRow> all = ReadOutbox(database_);
    std::vector<std::string> flagged;
    for (size_t i = events_before_; i < all.size(); ++i) {
      EXPECT_EQ(all[i].type, "MeetingFlagged");
      const auto event = all[i].PayloadAs<v1::MeetingFlagged>();
      flagged.push_back(event.meeting().name() + "|" + event.hazard());
    }
    return flagged;
  }

  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<booking::BookingStore> store_;
  std::unique_ptr<booking::HazardFlagger> flagger_;
  std::string past_, started_, notice_301_, confirmed_301_, cancelled_301_, confirmed_302_, video_,
      roomless_;
  size_t events_before_ = 0;
};

TEST_F(HazardFlagTest, AHighHazardFlagsTheRoomsMeetingsStillToBeHeldOnce) {
  const sv1::Hazard hazard = HazardAt("hazards/h-1", kRoom301, sv1::HAZARD_SEVERITY_HIGH);
  ASSERT_TRUE(flagger_->Handle(Opened(hazard)).ok());
  const std::vector<std::string> expected = {notice_301_ + "|hazards/h-1",
                                             confirmed_301_ + "|hazards/h-1"};
  EXPECT_THAT(Flags(), UnorderedElementsAre(expected[0], expected[1]));
  EXPECT_THAT(FlaggedEvents(), UnorderedElementsAre(expected[0], expected[1]));

  // The same event again, and the hazard's escalation: nothing more.
  ASSERT_TRUE(flagger_->Handle(Opened(hazard)).ok());
  sv1::HazardEscalated escalated;
  *escalated.mutable_hazard() = hazard;
  escalated.mutable_hazard()->set_escalation_level(sv1::ESCALATION_LEVEL_CENTER_LEADERSHIP);
  ASSERT_TRUE(flagger_->Handle(SafetyEvent(escalated, 2)).ok());
  EXPECT_THAT(Flags(), UnorderedElementsAre(expected[0], expected[1]));
  EXPECT_THAT(FlaggedEvents(), UnorderedElementsAre(expected[0], expected[1]));

  // The flag is on the meeting, which is otherwise untouched (not cancelled).
  const v1::Meeting flagged = Get(confirmed_301_);
  EXPECT_EQ(flagged.state(), v1::MEETING_STATE_CONFIRMED);
  ASSERT_EQ(flagged.flags_size(), 1);
  EXPECT_EQ(flagged.flags(0).hazard(), "hazards/h-1");
  EXPECT_EQ(flagged.flags(0).reason(), "high hazard in buildings/city-hall/rooms/301: 吊顶漏水");
  EXPECT_EQ(api::FromTimestamp(flagged.flags(0).create_time()), Local(1, 12));
  EXPECT_EQ(Get(past_).flags_size(), 0);
  EXPECT_EQ(Get(started_).flags_size(), 0);
  EXPECT_EQ(Get(cancelled_301_).flags_size(), 0);

  // The event carries the meeting with its flag, and names the hazard among its subjects.
  const std::vector<OutboxRow> all = ReadOutbox(database_);
  for (size_t i = events_before_; i < all.size(); ++i) {
    const auto event = all[i].PayloadAs<v1::MeetingFlagged>();
    EXPECT_EQ(event.reason(), "high hazard in buildings/city-hall/rooms/301: 吊顶漏水");
    EXPECT_EQ(event.meeting().flags_size(), 1);
    EXPECT_THAT(all[i].subjects, ElementsAre(event.meeting().name(), kRoom301,
                                             "organizerUnits/办公室", "hazards/h-1"));
  }
}

TEST_F(HazardFlagTest, ACriticalHazardFlagsEveryRoomOfItsBuilding) {
  ASSERT_TRUE(
      flagger_->Handle(Opened(HazardAt("hazards/h-1", kRoom301, sv1::HAZARD_SEVERITY_HIGH))).ok());
  ASSERT_TRUE(
      flagger_->Handle(Opened(HazardAt("hazards/h-2", kRoom302, sv1::HAZARD_SEVERITY_CRITICAL), 2))
          .ok());
  ASSERT_TRUE(
      flagger_
          ->Handle(Opened(
              HazardAt("hazards/h-3", "buildings/city-hall", sv1::HAZARD_SEVERITY_CRITICAL), 3))
          .ok());
  EXPECT_THAT(Flags(), UnorderedElementsAre(
                           notice_301_ + "|hazards/h-1", confirmed_301_ + "|hazards/h-1",
                           notice_301_ + "|hazards/h-2", confirmed_301_ + "|hazards/h-2",
                           confirmed_302_ + "|hazards/h-2", notice_301_ + "|hazards/h-3",
                           confirmed_301_ + "|hazards/h-3", confirmed_302_ + "|hazards/h-3"));
  EXPECT_EQ(FlaggedEvents().size(), 8u);

  // ListMeetings shows each meeting once with all of its flags, oldest first.
  v1::ListMeetingsRequest list;
  list.set_page_size(3);
  std::vector<std::string> listed;
  for (;;) {
    v1::ListMeetingsResponse page;
    ASSERT_TRUE(stub_->ListMeetings(CallContext().get(), list, &page).ok());
    for (const v1::Meeting& meeting : page.meetings()) {
      std::string flags;
      for (const v1::MeetingFlag& flag : meeting.flags()) flags += " " + flag.hazard();
      listed.push_back(meeting.name() + flags);
    }
    if (page.next_page_token().empty()) break;
    list.set_page_token(page.next_page_token());
  }
  EXPECT_THAT(listed, UnorderedElementsAre(past_, started_, cancelled_301_, video_, roomless_,
                                           notice_301_ + " hazards/h-1 hazards/h-2 hazards/h-3",
                                           confirmed_301_ + " hazards/h-1 hazards/h-2 hazards/h-3",
                                           confirmed_302_ + " hazards/h-2 hazards/h-3"));
  EXPECT_EQ(Get(notice_301_).flags_size(), 3);
}

TEST_F(HazardFlagTest, AHazardThatBlocksNoRoomFlagsNothing) {
  // Medium and low hazards block no room; a high one of a building as a whole blocks no
  // room either (safety's clearance); a resolved hazard no longer blocks.
  ASSERT_TRUE(
      flagger_->Handle(Opened(HazardAt("hazards/h-1", kRoom301, sv1::HAZARD_SEVERITY_MEDIUM)))
          .ok());
  ASSERT_TRUE(flagger_
                  ->Handle(Opened(
                      HazardAt("hazards/h-2", "buildings/city-hall", sv1::HAZARD_SEVERITY_HIGH)))
                  .ok());
  sv1::Hazard resolved = HazardAt("hazards/h-3", kRoom301, sv1::HAZARD_SEVERITY_CRITICAL);
  resolved.set_state(sv1::HAZARD_STATE_RESOLVED);
  sv1::HazardEscalated late;
  *late.mutable_hazard() = resolved;
  ASSERT_TRUE(flagger_->Handle(SafetyEvent(late, 3)).ok());
  EXPECT_THAT(Flags(), IsEmpty());
  EXPECT_THAT(FlaggedEvents(), IsEmpty());
}

TEST_F(HazardFlagTest, AnEventThatIsNotAValidHazardIsSkippedAsInvalid) {
  sv1::DisinfectionDue other;
  EXPECT_EQ(flagger_->Handle(SafetyEvent(other, 1)).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      flagger_->Handle(Opened(HazardAt("hazards/h-1", "rooms/301", sv1::HAZARD_SEVERITY_HIGH)))
          .code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(flagger_->Handle(Opened(HazardAt("", kRoom301, sv1::HAZARD_SEVERITY_HIGH))).code(),
            absl::StatusCode::kInvalidArgument);
  events::v1::Event mislabelled =
      Opened(HazardAt("hazards/h-1", kRoom301, sv1::HAZARD_SEVERITY_HIGH));
  mislabelled.set_type("huiwu.safety.v1.HazardEscalated");
  EXPECT_EQ(flagger_->Handle(mislabelled).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Flags(), IsEmpty());
}

}  // namespace
}  // namespace huiwu::testing
