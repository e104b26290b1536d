// Booking's event stream as a follower sees it (issue 13; DESIGN §2: the other services
// and the government systems follow each service's StreamEvents): one StreamEvents client
// on booking's MeetingSubmitted events while closed-loop callers create meetings — how
// many events a second it receives, and each event's lag from the CreateMeeting's answer
// to the event's receipt (the outbox write, the sequencer numbering it after the commit,
// the stream waking, reading and sending it).
#ifndef HUIWU_TOOLS_BENCH_EVENT_BENCH_H_
#define HUIWU_TOOLS_BENCH_EVENT_BENCH_H_

#include <cstdint>

#include "tools/bench/booking_bench.h"
#include "tools/bench/load.h"

namespace huiwu::bench {

struct EventStreamResult {
  LoadResult created;  // the CreateMeeting calls
  // The follower: ok counts the events of the meetings whose CreateMeeting was measured
  // (sent in the load's span), elapsed runs from the span's start to the last of them
  // received, latencies are their lags; errors count the events that never came
  // (NOT_RECEIVED) and a stream that broke.
  LoadResult received;
  int64_t before_answer = 0;  // events received before their answer (lag counted as 0)
};

// `plan` applies to the creating callers; the follower starts at the stream's head
// before they do.
EventStreamResult MeasureEventStream(BookingBench& booking, const LoadPlan& plan);

}  // namespace huiwu::bench

#endif  // HUIWU_TOOLS_BENCH_EVENT_BENCH_H_
