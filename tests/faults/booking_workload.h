// Booking under the fault tests: each worker books meetings one after another
// (CreateMeeting, then ConfirmMeeting, each with a request_id) in four rooms, so that
// confirmations collide; the audit checks every acknowledged booking against the
// database, and that no room is held twice.
#ifndef HUIWU_TESTS_FAULTS_BOOKING_WORKLOAD_H_
#define HUIWU_TESTS_FAULTS_BOOKING_WORKLOAD_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tests/faults/fault_workload.h"

namespace huiwu::testing {

inline constexpr char kBookingService[] = "huiwu.booking.v1.BookingService";

// One booking by one worker: a meeting whose title is unique to it, so that the
// database shows it (and any duplicate of it) without the service's answer.
struct BookingRecord {
  std::string title;
  std::string room;        // "buildings/…/rooms/…"
  absl::Time start;        // of the meeting, one hour long
  std::string meeting;     // the name CreateMeeting answered ("" before that)
  bool created = false;    // CreateMeeting answered OK
  bool confirmed = false;  // ConfirmMeeting answered OK
  bool refused = false;    // ConfirmMeeting answered ROOM_CONFLICT: a normal answer
};

class BookingWorkload final : public FaultWorkload {
 public:
  explicit BookingWorkload(std::string binary, int workers = 8)
      : FaultWorkload(std::move(binary), workers), records_(workers) {}

  std::string service() const override { return "booking"; }
  std::string health_service() const override { return kBookingService; }
  // Rooms city-hall 301–304; the meetings start on the hour from three days ahead.
  void Seed(const std::shared_ptr<grpc::Channel>& channel,
            const config::DatabaseConfig& database) override;
  void RunUnit(FaultCaller& caller, int n) override;
  FaultAudit Audit(const config::DatabaseConfig& database) override;
  int Replay(const std::shared_ptr<grpc::Channel>& channel) override;
  std::vector<std::string> stored_tables() const override { return {"meetings", "occupancies"}; }

  // The rooms seeded: "buildings/city-hall/rooms/301" …
  const std::vector<std::string>& rooms() const { return rooms_; }

 private:
  static constexpr int kSlots = 200;  // hours the meetings start at, at random
  std::vector<std::string> rooms_;
  absl::Time first_slot_;
  WorkerRecords<BookingRecord> records_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_FAULTS_BOOKING_WORKLOAD_H_
