// UpdateMeeting: only the masked fields change; a stale etag, a read-only meeting, a
// summary before completion and a confirmed meeting outgrowing its room are refused and
// change nothing; THIS_AND_FOLLOWING reaches the later open occurrences of a series.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;

constexpr char k301[] = "buildings/city-hall/rooms/301";
constexpr char k302[] = "buildings/city-hall/rooms/302";

const std::vector<std::string> kMeetingTables = {"meetings",        "meeting_attendees",
                                                 "meeting_agenda",  "meeting_services",
                                                 "meeting_history", "occupancies"};

class MeetingUpdateTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    SeedRooms(*stub_);
  }

  v1::Meeting Create(const std::string& room, absl::Time start, absl::Time end) {
    v1::Meeting created;
    EXPECT_TRUE(CreateMeeting(*stub_, SampleMeeting(room, start, end), &created).ok());
    return created;
  }

  v1::Meeting Get(const std::string& name) {
    v1::GetMeetingRequest request;
    request.set_name(name);
    v1::GetMeetingResponse response;
    EXPECT_TRUE(stub_->GetMeeting(CallContext().get(), request, &response).ok());
    return response.meeting();
  }

  grpc::Status Update(const v1::Meeting& meeting, const std::vector<std::string>& paths,
                      v1::Meeting* updated = nullptr,
                      v1::SeriesScope scope = v1::SERIES_SCOPE_UNSPECIFIED) {
    v1::UpdateMeetingRequest request;
    *request.mutable_meeting() = meeting;
    for (const auto& path : paths) request.mutable_update_mask()->add_paths(path);
    request.set_scope(scope);
    v1::UpdateMeetingResponse response;
    grpc::Status status = stub_->UpdateMeeting(CallContext().get(), request, &response);
    if (updated != nullptr) *updated = response.meeting();
    return status;
  }

  // A meeting in 301 on 1 December 14:00–16:00 taken through to COMPLETED.
  v1::Meeting Completed() {
    const std::string name = BookMeeting(*stub_, k301, Local(1, 14), Local(1, 16));
    clock_.Set(Local(1, 14));
    v1::StartMeetingRequest start;
    start.set_name(name);
    v1::StartMeetingResponse started;
    EXPECT_TRUE(stub_->StartMeeting(CallContext().get(), start, &started).ok());
    clock_.Set(Local(1, 16));
    v1::CompleteMeetingRequest complete;
    complete.set_name(name);
    v1::CompleteMeetingResponse completed;
    EXPECT_TRUE(stub_->CompleteMeeting(CallContext().get(), complete, &completed).ok());
    return completed.meeting();
  }
};

TEST_F(MeetingUpdateTest, OnlyTheMaskedFieldsChange) {
  v1::Meeting meeting = Create(k301, Local(2, 9), Local(2, 11));
  v1::Meeting change = meeting;
  change.set_title("第四季度工作推进会");
  change.set_notes("not in the mask: ignored");
  change.clear_attendees();
  change.add_attendees()->set_name("李主任");
  change.add_attendees()->set_name("张科长");
  v1::Meeting updated;
  grpc::Status status = Update(change, {"title", "attendees"}, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.title(), "第四季度工作推进会");
  EXPECT_EQ(updated.notes(), meeting.notes());
  ASSERT_EQ(updated.attendees_size(), 2);
  EXPECT_EQ(updated.attendees(1).name(), "张科长");
  EXPECT_NE(updated.etag(), meeting.etag());
  EXPECT_EQ(Get(meeting.name()).DebugString(), updated.DebugString());
}

TEST_F(MeetingUpdateTest, AStaleEtagIsAbortedAndChangesNothing) {
  const v1::Meeting read = Create(k301, Local(2, 9), Local(2, 11));
  v1::Meeting first = read;
  first.set_title("先到的修改");
  ASSERT_TRUE(Update(first, {"title"}).ok());
  const std::string before = database_.Snapshot(kMeetingTables);
  v1::Meeting late = read;  // still carries the etag of the first read
  late.set_title("后到的修改");
  late.add_attendees()->set_name("王敏");
  grpc::Status status = Update(late, {"title", "attendees"});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED) << status.error_message();
  EXPECT_EQ(DetailsOf(status).reason, "ETAG_MISMATCH");
  EXPECT_EQ(database_.Snapshot(kMeetingTables), before);
  EXPECT_EQ(Get(read.name()).title(), "先到的修改");
}

TEST_F(MeetingUpdateTest, ArchivedAndCancelledMeetingsAreReadOnly) {
  v1::Meeting completed = Completed();
  completed.mutable_summary()->set_actual_attendance(9);
  completed.mutable_summary()->set_notes("会议按期完成");
  ASSERT_TRUE(Update(completed, {"summary"}).ok());
  v1::ArchiveMeetingRequest archive;
  archive.set_name(completed.name());
  v1::ArchiveMeetingResponse archived;
  ASSERT_TRUE(stub_->ArchiveMeeting(CallContext().get(), archive, &archived).ok());

  v1::Meeting cancelled = Create(k302, Local(3, 9), Local(3, 10));
  v1::CancelMeetingRequest cancel;
  cancel.set_name(cancelled.name());
  cancel.set_reason("领导出差");
  v1::CancelMeetingResponse cancel_response;
  ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancel_response).ok());

  const std::string before = database_.Snapshot(kMeetingTables);
  for (auto [meeting, state] : {std::pair{archived.meeting(), "ARCHIVED"},
                                std::pair{cancel_response.meeting(), "CANCELLED"}}) {
    SCOPED_TRACE(state);
    meeting.set_notes("补记");
    grpc::Status status = Update(meeting, {"notes"});
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    ErrorDetails details = DetailsOf(status);
    EXPECT_EQ(details.reason, "MEETING_READ_ONLY");
    EXPECT_EQ(details.metadata["current_state"], state);
    EXPECT_NE(status.error_message().find(state), std::string::npos) << status.error_message();
  }
  EXPECT_EQ(database_.Snapshot(kMeetingTables), before);
}

TEST_F(MeetingUpdateTest, ASummaryOnlyOnceCompleted) {
  v1::Meeting submitted = Create(k301, Local(2, 9), Local(2, 11));
  submitted.mutable_summary()->set_actual_attendance(10);
  grpc::Status early = Update(submitted, {"summary"});
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(early).reason, "MEETING_NOT_COMPLETED");
  EXPECT_FALSE(Get(submitted.name()).has_summary());

  v1::Meeting completed = Completed();
  completed.mutable_summary()->set_actual_attendance(28);
  completed.mutable_summary()->set_problems("话筒啸叫");
  v1::Meeting updated;
  ASSERT_TRUE(Update(completed, {"summary"}, &updated).ok());
  EXPECT_EQ(updated.summary().actual_attendance(), 28);
  EXPECT_EQ(updated.summary().problems(), "话筒啸叫");
}

TEST_F(MeetingUpdateTest, AConfirmedMeetingCannotOutgrowItsRoom) {
  v1::Meeting confirmed;
  v1::Meeting created = Create(k302, Local(2, 9), Local(2, 11));
  ASSERT_TRUE(ConfirmMeeting(*stub_, created.name(), "", &confirmed).ok());
  confirmed.set_expected_participants(21);  // 302 seats 20
  grpc::Status status = Update(confirmed, {"expected_participants"});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).reason, "ROOM_TOO_SMALL");
  EXPECT_EQ(Get(created.name()).expected_participants(), 10);
  confirmed.set_expected_participants(20);
  EXPECT_TRUE(Update(confirmed, {"expected_participants"}).ok());
  // A notice holds no room yet: the dispatch hub picks one for its size when confirming.
  v1::Meeting notice = Create(k302, Local(3, 9), Local(3, 11));
  notice.set_expected_participants(25);
  EXPECT_TRUE(Update(notice, {"expected_participants"}).ok());
}

// Five weekly occurrences (Wednesdays 2–30 December), the third CONFIRMED, the fourth
// CANCELLED; the change is made from the second.
TEST_F(MeetingUpdateTest, ThisAndFollowingChangesTheLaterOpenOccurrences) {
  v1::CreateMeetingSeriesRequest series;
  *series.mutable_meeting() = SampleMeeting(k301, Local(2, 10), Local(2, 11));
  series.mutable_recurrence()->set_frequency(v1::FREQUENCY_WEEKLY);
  series.mutable_recurrence()->set_count(5);
  v1::CreateMeetingSeriesResponse created;
  grpc::Status made = stub_->CreateMeetingSeries(CallContext().get(), series, &created);
  ASSERT_TRUE(made.ok()) << made.error_message();
  ASSERT_EQ(created.meetings_size(), 5);
  const std::vector<v1::Meeting> occurrences(created.meetings().begin(), created.meetings().end());
  ASSERT_TRUE(ConfirmMeeting(*stub_, occurrences[2].name()).ok());
  v1::CancelMeetingRequest cancel;
  cancel.set_name(occurrences[3].name());
  cancel.set_reason("节假日");
  v1::CancelMeetingResponse cancelled;
  ASSERT_TRUE(stub_->CancelMeeting(CallContext().get(), cancel, &cancelled).ok());
  std::vector<std::string> etags;
  for (const auto& m : occurrences) etags.push_back(Get(m.name()).etag());

  v1::Meeting change = Get(occurrences[1].name());
  change.set_title("党组理论学习中心组学习");
  change.add_services()->set_kind(v1::SERVICE_KIND_TEA);
  v1::Meeting updated;
  grpc::Status status =
      Update(change, {"title", "services"}, &updated, v1::SERIES_SCOPE_THIS_AND_FOLLOWING);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.series(), created.series().name());

  for (int i : {1, 2, 4}) {
    SCOPED_TRACE(i);
    const v1::Meeting now = Get(occurrences[i].name());
    EXPECT_EQ(now.title(), "党组理论学习中心组学习");
    ASSERT_EQ(now.services_size(), 1);
    EXPECT_EQ(now.services(0).kind(), v1::SERVICE_KIND_TEA);
    EXPECT_NE(now.etag(), etags[i]);
  }
  for (int i : {0, 3}) {  // earlier, or final
    SCOPED_TRACE(i);
    const v1::Meeting now = Get(occurrences[i].name());
    EXPECT_EQ(now.title(), "周例会");
    EXPECT_EQ(now.services_size(), 0);
    EXPECT_EQ(now.etag(), etags[i]);
  }
  EXPECT_EQ(Get(occurrences[2].name()).state(), v1::MEETING_STATE_CONFIRMED);
}

}  // namespace
}  // namespace huiwu::testing
