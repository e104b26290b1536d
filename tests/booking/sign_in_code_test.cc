// Sign-in that cannot be faked (扫码签到) through a real gRPC channel against the real
// MariaDB: the door screen's code, a sign-in with it, every refusal (which writes
// nothing), bad input, the printable sign-in sheet (签到表), and keys rotated by editing
// the key file while the service runs.
#include "services/booking/domain/sign_in_code.h"

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "services/booking/sign_in_key_flag.h"
#include "tests/booking/bad_input_util.h"
#include "tests/booking/meeting_test_util.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/poll.h"
#include "tests/support/test_pki.h"

namespace huiwu::testing {
namespace {

namespace v1 = booking::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// A line of a key file: `id` signs from `not_before` with a secret of 32 bytes `fill`.
std::string KeyLine(const std::string& id, absl::Time not_before, char fill) {
  return absl::StrCat(id, " ", absl::FormatTime(absl::RFC3339_sec, not_before, absl::UTCTimeZone()),
                      " ", absl::BytesToHexString(std::string(32, fill)), "\n");
}

class SignInCodeApiTest : public BookingFixture {
 protected:
  server::ServiceSpec MakeSpec() override {
    return booking::BookingServiceSpec(clock_, policy_, absl::InfiniteDuration(), keys_.get());
  }

  // The key file the service starts with: k1 signs until 13:30 on 1 December (local), k2
  // from then on.
  virtual std::string KeyFile() {
    return KeyLine("k2", Local(1, 13, 30), '\x22') + KeyLine("k1", absl::UnixEpoch(), '\x11');
  }

  void SetUp() override {
    key_dir_ =
        std::filesystem::temp_directory_path() / absl::StrCat("huiwu-sign-in-code-test-", getpid());
    std::filesystem::create_directories(key_dir_);
    key_file_ = (key_dir_ / "sign-in-keys.txt").string();
    ReplaceFile(key_file_, KeyFile());
    // Re-read often: the rotation tests wait for a check, not for a minute.
    auto keys = booking::WatchSignInKeyFile(key_file_, absl::Milliseconds(20));
    ASSERT_TRUE(keys.ok()) << keys.status();
    keys_ = *std::move(keys);
    BookingFixture::SetUp();
    SeedRooms(*stub_);
    // 14:00–16:00 in 301; the VIP is listed third.
    v1::Meeting meeting =
        SampleMeeting("buildings/city-hall/rooms/301", Local(1, 14), Local(1, 16));
    AddAttendee(meeting, "e1001", "张科长", "", false);
    AddAttendee(meeting, "e1002", "王处长", "处长", false);
    AddAttendee(meeting, "e1000", "李主任", "主任", true);
    v1::Meeting created;
    ASSERT_TRUE(CreateMeeting(*stub_, meeting, &created).ok());
    ASSERT_TRUE(ConfirmMeeting(*stub_, created.name()).ok());
    meeting_ = created.name();
    other_ = BookMeeting(*stub_, "buildings/city-hall/rooms/302", Local(1, 14), Local(1, 15));
    ASSERT_FALSE(other_.empty());
  }

  static void AddAttendee(v1::Meeting& meeting, const std::string& id, const std::string& name,
                          const std::string& title, bool vip) {
    auto* attendee = meeting.add_attendees();
    attendee->set_id(id);
    attendee->set_name(name);
    attendee->set_unit("办公室");
    attendee->set_title(title);
    attendee->set_vip(vip);
  }

  grpc::Status GetCode(const std::string& meeting, v1::GetSignInCodeResponse* response) {
    v1::GetSignInCodeRequest request;
    request.set_meeting(meeting);
    return stub_->GetSignInCode(CallContext().get(), request, response);
  }

  std::string Code(const std::string& meeting) {
    v1::GetSignInCodeResponse response;
    grpc::Status status = GetCode(meeting, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.sign_in_code();
  }

  grpc::Status SignInWithCode(const std::string& attendee_id, const std::string& code,
                              v1::SignInResponse* response = nullptr) {
    v1::SignInRequest request;
    request.set_meeting(meeting_);
    request.set_attendee_id(attendee_id);
    request.set_sign_in_code(code);
    v1::SignInResponse ignored;
    return stub_->SignIn(CallContext().get(), request, response ? response : &ignored);
  }

  v1::GetSignInSheetResponse Sheet() {
    v1::GetSignInSheetRequest request;
    request.set_meeting(meeting_);
    v1::GetSignInSheetResponse response;
    grpc::Status status = stub_->GetSignInSheet(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  void TearDown() override {
    BookingFixture::TearDown();
    keys_.reset();
    std::filesystem::remove_all(key_dir_);
  }

  std::filesystem::path key_dir_;
  std::string key_file_;
  std::unique_ptr<booking::SignInKeyWatcher> keys_;
  std::string meeting_;
  std::string other_;
};

TEST_F(SignInCodeApiTest, TheDoorScreensCodeSignsInAnAttendeeAndAWalkIn) {
  clock_.Set(Local(1, 13, 40) + absl::Seconds(7));
  v1::GetSignInCodeResponse code;
  ASSERT_TRUE(GetCode(meeting_, &code).ok());
  EXPECT_THAT(code.sign_in_code(),
              ::testing::MatchesRegex("k2\\.[0-9a-f]{16}\\.[0-9]+\\.[A-Za-z0-9_-]{22}"));
  EXPECT_LE(code.sign_in_code().size(), 64u);
  EXPECT_EQ(api::FromTimestamp(code.refresh_time()), Local(1, 13, 40) + absl::Seconds(30));
  EXPECT_EQ(api::FromTimestamp(code.expire_time()), Local(1, 13, 41));
  EXPECT_EQ(code.refresh_interval().seconds(), 30);

  clock_.Set(Local(1, 13, 40) + absl::Seconds(50));  // 43 s after it was shown
  v1::SignInResponse signed_in;
  ASSERT_TRUE(SignInWithCode("e1001", code.sign_in_code(), &signed_in).ok());
  EXPECT_EQ(signed_in.attendee_id(), "e1001");
  EXPECT_EQ(api::FromTimestamp(signed_in.sign_in_time()), Local(1, 13, 40) + absl::Seconds(50));

  v1::SignInRequest walk_in;
  walk_in.set_meeting(meeting_);
  walk_in.mutable_walk_in()->set_name("钱主任");
  walk_in.mutable_walk_in()->set_unit("市发改委");
  walk_in.set_sign_in_code(code.sign_in_code());
  v1::SignInResponse response;
  ASSERT_TRUE(stub_->SignIn(CallContext().get(), walk_in, &response).ok());
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM sign_ins"), 2);

  // The code changes with the period, and differs between meetings.
  clock_.Set(Local(1, 13, 41));
  EXPECT_NE(Code(meeting_), code.sign_in_code());
  EXPECT_NE(Code(other_), Code(meeting_));
}

TEST_F(SignInCodeApiTest, EveryBadCodeIsRefusedWithItsReasonAndWritesNothing) {
  clock_.Set(Local(1, 13, 45));
  const std::string code = Code(meeting_);
  const std::string other_code = Code(other_);
  std::vector<std::string> parts = absl::StrSplit(code, '.');
  const std::string altered = absl::StrCat(parts[0], ".", parts[1], ".", parts[2], ".",
                                           parts[3][0] == 'A' ? "B" : "A", parts[3].substr(1));
  // Made with a key this service does not hold.
  auto stranger = booking::SignInCodes::Create(
      {booking::SignInKey{"k7", absl::UnixEpoch(), std::string(32, 'x')}});
  ASSERT_TRUE(stranger.ok());
  const std::string unknown_key = stranger->Issue(meeting_.substr(9), clock_.Now())->code;

  const std::vector<std::string> tables = {"sign_ins", "meetings", "event_outbox"};
  const std::string before = database_.Snapshot(tables);
  struct Refusal {
    std::string what;
    std::string code;
    grpc::StatusCode status;
    std::string reason;
    absl::Duration later;
  };
  const std::vector<Refusal> refusals = {
      {"expired: 60 s after its period began", code, grpc::StatusCode::FAILED_PRECONDITION,
       "SIGN_IN_CODE_EXPIRED", absl::Seconds(60)},
      {"another meeting's code", other_code, grpc::StatusCode::INVALID_ARGUMENT,
       "SIGN_IN_CODE_WRONG_MEETING", absl::ZeroDuration()},
      {"forged: one character of the MAC changed", altered, grpc::StatusCode::INVALID_ARGUMENT,
       "SIGN_IN_CODE_INVALID", absl::ZeroDuration()},
      {"malformed", "k2.nonsense", grpc::StatusCode::INVALID_ARGUMENT, "SIGN_IN_CODE_INVALID",
       absl::ZeroDuration()},
      {"unknown key", unknown_key, grpc::StatusCode::INVALID_ARGUMENT, "SIGN_IN_CODE_INVALID",
       absl::ZeroDuration()},
  };
  for (const Refusal& r : refusals) {
    SCOPED_TRACE(r.what);
    clock_.Set(Local(1, 13, 45) + r.later);
    const grpc::Status status = SignInWithCode("e1001", r.code);
    EXPECT_EQ(status.error_code(), r.status) << status.error_message();
    const ErrorDetails details = DetailsOf(status);
    EXPECT_EQ(details.reason, r.reason) << status.error_message();
    EXPECT_EQ(details.domain, "booking.huiwu");
    EXPECT_THAT(status.error_message(), HasSubstr("scan")) << "says what to do";
  }
  EXPECT_EQ(DetailsOf(SignInWithCode("e1001", other_code)).metadata["code_meeting"], other_);
  EXPECT_EQ(database_.Snapshot(tables), before);
  // The same code was good a moment before it expired.
  clock_.Set(Local(1, 13, 45) + absl::Seconds(59));
  EXPECT_TRUE(SignInWithCode("e1001", code).ok());
}

// k2 took over at 13:30: k1's last code (13:29:30–13:30:00) is still good until 13:30:30.
TEST_F(SignInCodeApiTest, TheRotatedKeysLastCodeIsGoodForOnePeriodMore) {
  clock_.Set(Local(1, 13, 29) + absl::Seconds(45));
  const std::string last_of_k1 = Code(meeting_);
  EXPECT_THAT(last_of_k1, ::testing::StartsWith("k1."));
  clock_.Set(Local(1, 13, 30) + absl::Seconds(10));
  EXPECT_THAT(Code(meeting_), ::testing::StartsWith("k2."));
  EXPECT_TRUE(SignInWithCode("e1001", last_of_k1).ok());
  clock_.Set(Local(1, 13, 30) + absl::Seconds(30));
  const grpc::Status late = SignInWithCode("e1002", last_of_k1);
  EXPECT_EQ(late.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(late).reason, "SIGN_IN_CODE_EXPIRED");
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM sign_ins"), 1);
}

TEST_F(SignInCodeApiTest, NoCodeWhileSignInIsClosed) {
  v1::GetSignInCodeResponse response;
  // One second before the door opens (an hour before the start).
  clock_.Set(Local(1, 13) - absl::Seconds(1));
  grpc::Status status = GetCode(meeting_, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).reason, "SIGN_IN_CLOSED");
  EXPECT_EQ(DetailsOf(status).metadata["opens_at"], "2026-12-01T05:00:00Z");
  EXPECT_TRUE(response.sign_in_code().empty());
  clock_.Set(Local(1, 13));
  EXPECT_TRUE(GetCode(meeting_, &response).ok());

  // A notice never confirmed gets none, nor does a cancelled meeting.
  v1::Meeting submitted;
  ASSERT_TRUE(
      CreateMeeting(*stub_,
                    SampleMeeting("buildings/city-hall/rooms/302", Local(1, 17), Local(1, 18)),
                    &submitted)
          .ok());
  clock_.Set(Local(1, 17));
  status = GetCode(submitted.name(), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).metadata["state"], "SUBMITTED");

  status = GetCode("meetings/0000000000000000", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).reason, "MEETING_NOT_FOUND");
}

TEST_F(SignInCodeApiTest, BadInputIsInvalidArgumentNamingTheFieldAndWritesNothing) {
  clock_.Set(Local(1, 14));
  std::vector<BadInput> cases;
  auto sign_in = [&](std::string what, std::function<void(v1::SignInRequest&)> spoil) {
    v1::SignInRequest request;
    request.set_meeting(meeting_);
    request.set_attendee_id("e1001");
    spoil(request);
    cases.push_back(
        Case(std::move(what), "sign_in_code", &v1::BookingService::Stub::SignIn, request));
  };
  sign_in("code too long", [](auto& r) { r.set_sign_in_code(std::string(129, 'a')); });
  sign_in("code with a space", [](auto& r) { r.set_sign_in_code("k1.a b.1.x"); });
  sign_in("code in Chinese", [](auto& r) { r.set_sign_in_code("签到码"); });
  sign_in("code with SQL", [](auto& r) { r.set_sign_in_code("x'; DELETE FROM sign_ins; --"); });
  sign_in("code with HTML", [](auto& r) { r.set_sign_in_code("<script>"); });
  for (const char* meeting : {"", "meetings/", "meetings/A B", "buildings/city-hall"}) {
    v1::GetSignInCodeRequest code;
    code.set_meeting(meeting);
    cases.push_back(Case(absl::StrCat("GetSignInCode meeting '", meeting, "'"), "meeting",
                         &v1::BookingService::Stub::GetSignInCode, code));
    v1::GetSignInSheetRequest sheet;
    sheet.set_meeting(meeting);
    cases.push_back(Case(absl::StrCat("GetSignInSheet meeting '", meeting, "'"), "meeting",
                         &v1::BookingService::Stub::GetSignInSheet, sheet));
  }
  ExpectEachRefusedAndNothingWritten(*stub_, cases, database_,
                                     {"sign_ins", "meetings", "event_outbox"});
}

TEST_F(SignInCodeApiTest, TheSignInSheetListsVipsFirstWithTimesAndASignatureColumn) {
  clock_.Set(Local(1, 13, 50));
  ASSERT_TRUE(SignInWithCode("e1002", "").ok());  // the desk (no caller identity here)
  clock_.Set(Local(1, 13, 55));
  v1::SignInRequest walk_in;
  walk_in.set_meeting(meeting_);
  walk_in.mutable_walk_in()->set_name("<b>周</b>&记者");
  walk_in.mutable_walk_in()->set_unit("日报社");
  walk_in.set_sign_in_code(Code(meeting_));
  v1::SignInResponse response;
  ASSERT_TRUE(stub_->SignIn(CallContext().get(), walk_in, &response).ok());

  clock_.Set(Local(1, 14, 5));
  const v1::GetSignInSheetResponse sheet = Sheet();
  EXPECT_EQ(sheet.meeting(), meeting_);
  EXPECT_EQ(sheet.title(), "周例会");
  EXPECT_EQ(sheet.room_display_name(), "市政府大楼 301会议室");
  EXPECT_EQ(sheet.expected(), 3);
  EXPECT_EQ(sheet.signed_in(), 1);
  EXPECT_EQ(sheet.walk_ins(), 1);
  EXPECT_EQ(api::FromTimestamp(sheet.generate_time()), Local(1, 14, 5));
  std::vector<std::string> names;
  for (const v1::SignInSheetLine& line : sheet.lines()) names.push_back(line.attendee().name());
  EXPECT_THAT(names, ElementsAre("李主任", "张科长", "王处长", "<b>周</b>&记者"));
  EXPECT_TRUE(sheet.lines(0).attendee().vip());
  EXPECT_FALSE(sheet.lines(0).has_sign_in_time());
  EXPECT_EQ(api::FromTimestamp(sheet.lines(2).sign_in_time()), Local(1, 13, 50));
  EXPECT_TRUE(sheet.lines(3).walk_in());
  EXPECT_EQ(sheet.lines(3).attendee().unit(), "日报社");

  const std::string& html = sheet.rendered_html();
  EXPECT_THAT(html, HasSubstr("<h1>会议签到表</h1>"));
  EXPECT_THAT(html, HasSubstr("<th>签名</th>"));
  EXPECT_THAT(html, HasSubstr("2026年12月1日 星期二 14:00–16:00"));
  const size_t li = html.find("李主任");
  const size_t zhang = html.find("张科长");
  const size_t wang = html.find("王处长");
  const size_t zhou = html.find("&lt;b&gt;周&lt;/b&gt;&amp;记者");
  ASSERT_NE(zhou, std::string::npos) << "the walk-in's name, escaped";
  EXPECT_LT(li, zhang);
  EXPECT_LT(zhang, wang);
  EXPECT_LT(wang, zhou);
  EXPECT_THAT(html, Not(HasSubstr("<b>周</b>")));
  // Each row holds its own sign-in time; the VIP's is blank.
  const auto row = [&](size_t at) { return html.substr(at, html.find("</tr>", at) - at); };
  EXPECT_THAT(row(wang), HasSubstr("<td>13:50</td>"));
  EXPECT_THAT(row(zhou), HasSubstr("<td>13:55</td>"));
  EXPECT_THAT(row(li), HasSubstr("<td></td><td class=\"signature\"></td>"));
}

// An admin rotates the keys before a leaders' meeting by editing the file: no restart.
class SignInKeyRotationTest : public SignInCodeApiTest {
 protected:
  std::string KeyFile() override { return KeyLine("k1", absl::UnixEpoch(), '\x11'); }

  // Waits until the service has checked the key file twice more: the first check may
  // have begun before the edit, the second began after it.
  void WaitForTwoChecks() {
    const int64_t checked = keys_->checks();
    ASSERT_TRUE(PollUntil([&] { return keys_->checks() >= checked + 2; }, absl::Seconds(10)));
  }

  grpc::health::v1::HealthCheckResponse::ServingStatus HealthOf(const std::string& service) {
    auto health = grpc::health::v1::Health::NewStub(NewTestChannel(port()));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    const grpc::Status status = health->Check(CallContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << service << ": " << status.error_message();
    return response.status();
  }
};

TEST_F(SignInKeyRotationTest, TheNewKeySignsOnceTheFileChangesAndTheOldKeysLastCodeStillSigns) {
  clock_.Set(Local(1, 13, 40) + absl::Seconds(7));
  const std::string last_of_k1 = Code(meeting_);
  EXPECT_THAT(last_of_k1, ::testing::StartsWith("k1."));

  // k2 added on top, from the next period (13:40:30).
  ReplaceFile(key_file_, KeyLine("k2", Local(1, 13, 40) + absl::Seconds(30), '\x22') + KeyFile());
  WaitForTwoChecks();
  EXPECT_THAT(Code(meeting_), ::testing::StartsWith("k1.")) << "k2 is not in effect yet";
  clock_.Set(Local(1, 13, 40) + absl::Seconds(35));
  EXPECT_THAT(Code(meeting_), ::testing::StartsWith("k2."));
  // k1's last code is good for one more period, as in any rotation …
  EXPECT_TRUE(SignInWithCode("e1001", last_of_k1).ok());
  // … and no longer than that.
  clock_.Set(Local(1, 13, 41));
  const grpc::Status late = SignInWithCode("e1002", last_of_k1);
  EXPECT_EQ(DetailsOf(late).reason, "SIGN_IN_CODE_EXPIRED") << late.error_message();
  EXPECT_TRUE(SignInWithCode("e1002", Code(meeting_)).ok());
  EXPECT_EQ(database_.QueryInt("SELECT COUNT(*) FROM sign_ins"), 2);
  EXPECT_EQ(HealthOf(booking::kSignInKeysHealthName),
            grpc::health::v1::HealthCheckResponse::SERVING);
}

// A typo while rotating: the door screens keep working with the keys read before, and
// health says what is wrong, naming the file and the line, until it is fixed.
TEST_F(SignInKeyRotationTest, ABrokenFileKeepsTheOldKeysAndHealthSaysSoUntilFixed) {
  using grpc::health::v1::HealthCheckResponse;
  clock_.Set(Local(1, 13, 40));
  ReplaceFile(key_file_, "k2 2026-12-01T05:40:00 " + std::string(64, '2') + "\n" + KeyFile());
  WaitForTwoChecks();
  const absl::Status broken = booking::CheckSignInKeyFile(*keys_);
  EXPECT_THAT(std::string(broken.message()), HasSubstr(key_file_));
  EXPECT_THAT(std::string(broken.message()), HasSubstr("line 1"));
  const std::string code = Code(meeting_);
  EXPECT_THAT(code, ::testing::StartsWith("k1."));
  EXPECT_TRUE(SignInWithCode("e1001", code).ok());
  EXPECT_TRUE(PollUntil(
      [&] { return HealthOf(booking::kSignInKeysHealthName) == HealthCheckResponse::NOT_SERVING; },
      absl::Seconds(10)));
  // The service itself still serves: only the key file's detail is down.
  EXPECT_EQ(HealthOf("huiwu.booking.v1.BookingService"), HealthCheckResponse::SERVING);

  ReplaceFile(key_file_, "k2 2026-12-01T05:40:00Z " + std::string(64, '2') + "\n" + KeyFile());
  WaitForTwoChecks();
  EXPECT_THAT(Code(meeting_), ::testing::StartsWith("k2."));
  EXPECT_TRUE(PollUntil(
      [&] { return HealthOf(booking::kSignInKeysHealthName) == HealthCheckResponse::SERVING; },
      absl::Seconds(10)));
}

}  // namespace
}  // namespace huiwu::testing
