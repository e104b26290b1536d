// Hostile input gets a small answer. Status and details travel in HTTP/2 trailers that
// clients cap at a few KB: before common/status bounded them, an UpdateRoom with 300
// out-of-range seating layouts or a 70,000-character contact name made an answer of
// ~60 KB that never reached the client, which waited for its deadline while the
// connection broke. Each case here then checks that the same channel still works.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/server/service_host.h"
#include "common/status/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::HasSubstr;

// Bigger than any bounded answer can be; far below what used to be sent.
constexpr size_t kSmallAnswerBytes = 8 * 1024;

class HostileInputTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }

  // The channel that carried the hostile call still answers a plain read.
  void ExpectChannelStillWorks() {
    v1::GetRoomRequest request;
    request.set_name("buildings/city-hall/rooms/301");
    v1::GetRoomResponse response;
    grpc::Status status = stub_->GetRoom(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.room().capacity(), 30);
  }

  static void ExpectSmall(const grpc::Status& status) {
    EXPECT_LE(status.error_message().size(), static_cast<size_t>(kMaxErrorMessageBytes));
    EXPECT_LT(status.error_message().size() + status.error_details().size(), kSmallAnswerBytes);
  }
};

TEST_F(HostileInputTest, ThreeHundredBadSeatingLayoutsAnswerTwentyAndHowManyMore) {
  v1::UpdateRoomRequest request;
  request.mutable_room()->set_name("buildings/city-hall/rooms/301");
  for (int i = 0; i < 300; ++i) {
    request.mutable_room()->add_seating_layouts(static_cast<v1::SeatingLayout>(1000 + i));
  }
  request.mutable_update_mask()->add_paths("seating_layouts");
  v1::UpdateRoomResponse response;
  grpc::Status status = stub_->UpdateRoom(CallContext().get(), request, &response);

  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  ExpectSmall(status);
  ErrorDetails details = DetailsOf(status);
  ASSERT_EQ(details.violated_fields.size(), kMaxFieldViolations + 1u);
  EXPECT_THAT(details.violated_fields.front(), HasSubstr("room.seating_layouts"));
  EXPECT_THAT(details.violation_descriptions.back(), HasSubstr("more invalid fields"));
  ExpectChannelStillWorks();
}

TEST_F(HostileInputTest, SeventyThousandCharacterContactNameIsRefusedBriefly) {
  std::string name;
  for (int i = 0; i < 70000; ++i) name += "王";
  v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/301", Local(8, 9), Local(8, 11));
  meeting.mutable_contact()->set_name(name);
  grpc::Status status = CreateMeeting(*stub_, meeting);

  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  ExpectSmall(status);
  EXPECT_THAT(DetailsOf(status).violated_fields, ::testing::Contains("meeting.contact.name"));
  ExpectChannelStillWorks();
}

TEST_F(HostileInputTest, FiveHundredBadAttendeesWithHugeNamesAnswerBriefly) {
  v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/301", Local(8, 9), Local(8, 11));
  const std::string huge(5000, 'x');
  for (int i = 0; i < 500; ++i) meeting.add_attendees()->set_name(absl::StrCat(huge, i));
  grpc::Status status = CreateMeeting(*stub_, meeting);

  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  ExpectSmall(status);
  EXPECT_LE(DetailsOf(status).violated_fields.size(), kMaxFieldViolations + 1u);
  ExpectChannelStillWorks();
}

// A string field that is not UTF-8 never reaches our code: gRPC's parser refuses the
// request (protobuf checks proto3 strings) with INTERNAL, which the README's error
// table tells integrators; nothing is written and the channel goes on working.
TEST_F(HostileInputTest, AStringThatIsNotUtf8IsRefusedByTheParserWithInternal) {
  v1::Meeting meeting = SampleMeeting("buildings/city-hall/rooms/301", Local(8, 9), Local(8, 11));
  meeting.set_title("\xe5\xb9\xb4\xe7\xbb\x88\xff\xfe");  // 年 then a cut 终, then junk
  grpc::Status status = CreateMeeting(*stub_, meeting);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL) << status.error_message();
  ExpectSmall(status);
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings"), 0);
  ExpectChannelStillWorks();
}

// A CreateMeeting request of about `bytes`, wrong in every field it can be: a title, unit
// and contact far too long, and attendees past the list's limit with names far too long.
v1::CreateMeetingRequest BrokenEverywhere(size_t bytes) {
  v1::CreateMeetingRequest request;
  v1::Meeting* meeting = request.mutable_meeting();
  *meeting = SampleMeeting("buildings/city-hall/rooms/301", Local(8, 9), Local(8, 11));
  meeting->set_title(std::string(10000, 't'));
  meeting->set_organizer_unit(std::string(10000, 'u'));
  meeting->mutable_contact()->set_name(std::string(10000, 'c'));
  meeting->mutable_contact()->set_phone(std::string(10000, 'p'));
  const std::string name(2000, 'n');
  const size_t base = request.ByteSizeLong();
  // Each attendee is its name and a few bytes of framing.
  for (size_t size = base; size + name.size() + 8 < bytes; size += name.size() + 8) {
    meeting->add_attendees()->set_name(name);
  }
  return request;
}

// The largest request a method accepts (server::kMaxRequestBytes), broken everywhere:
// INVALID_ARGUMENT with a small answer, within the 100 ms an integrator may count on (the
// median of five calls, so that one scheduling hiccup of a loaded test machine does not
// decide), and the channel goes on working.
TEST_F(HostileInputTest, TheLargestAcceptedRequestBrokenEverywhereIsRefusedWithin100Ms) {
  const v1::CreateMeetingRequest request = BrokenEverywhere(server::kMaxRequestBytes - 16 * 1024);
  ASSERT_LT(request.ByteSizeLong(), static_cast<size_t>(server::kMaxRequestBytes));
  ASSERT_GT(request.ByteSizeLong(), static_cast<size_t>(server::kMaxRequestBytes - 64 * 1024));
  ASSERT_GT(request.meeting().attendees_size(), 1000);
  std::vector<absl::Duration> took;
  for (int i = 0; i < 5; ++i) {
    v1::CreateMeetingResponse response;
    const absl::Time start = absl::Now();
    const grpc::Status status = stub_->CreateMeeting(CallContext().get(), request, &response);
    took.push_back(absl::Now() - start);
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    ExpectSmall(status);
    EXPECT_EQ(DetailsOf(status).violated_fields.size(), kMaxFieldViolations + 1u);
  }
  std::sort(took.begin(), took.end());
  EXPECT_LT(took[2], absl::Milliseconds(100)) << "median " << took[2];
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings"), 0);
  ExpectChannelStillWorks();
}

// One byte class over the limit: gRPC refuses it unread (RESOURCE_EXHAUSTED, README's
// error table), nothing is written, and the same channel goes on.
TEST_F(HostileInputTest, ARequestOverTheLimitIsRefusedUnreadAndTheChannelGoesOn) {
  const v1::CreateMeetingRequest request = BrokenEverywhere(server::kMaxRequestBytes + 64 * 1024);
  ASSERT_GT(request.ByteSizeLong(), static_cast<size_t>(server::kMaxRequestBytes));
  v1::CreateMeetingResponse response;
  const grpc::Status status = stub_->CreateMeeting(CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM meetings"), 0);
  ExpectChannelStillWorks();
}

}  // namespace
}  // namespace huiwu::testing
