// The audit trail's one mechanism (DESIGN §6, issue 11): an audit::Scope, opened on the
// thread that does a mutation — by server::CallGate::ServeMutation for a client's call,
// by the periodic job runner and the event consumer for the service's own work — is
// seen by db::InTransaction, which writes the record just before COMMIT, in the same
// transaction as the change. So an OK record exists exactly when the change committed;
// a rolled-back change leaves none. Stores need not know: the resource comes from what
// they already do in the transaction (the name a create claims with its request_id, the
// subjects of the event it publishes), else from the request.
#ifndef HUIWU_COMMON_AUDIT_AUDIT_SCOPE_H_
#define HUIWU_COMMON_AUDIT_AUDIT_SCOPE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "common/db/connection.h"

namespace huiwu::audit {

struct Record {
  std::string caller;      // server::CallerOf, or "system/<job>"
  std::string person;      // server::ActorOf
  std::string method;      // "/huiwu.booking.v1.BookingService/ConfirmMeeting", or the job
  std::string resource;    // "meetings/m-1"
  std::string request_id;  // empty when the request had none
  std::string outcome = "OK";
  std::string reason;  // the ErrorInfo reason of a refusal
};

class Scope final {
 public:
  enum class Kind {
    // A client's call: the first transaction of the call that commits is the mutation
    // and carries the record (a replayed request_id changes nothing and writes none).
    kCall,
    // The service's own work: every committed transaction that changed state (published
    // an event) is recorded; a run that found nothing to do writes nothing.
    kSystem,
  };

  // `fallback` holds who and what. The record's resource is the fallback's (a call's
  // target, the request's `name`), else what the transaction created or published
  // first, else `container` (a create's `parent`). `request_fingerprint` identifies the
  // request's body for request_id reuse (empty: unknown). Scopes nest on a thread; the
  // innermost is current.
  Scope(Record fallback, Kind kind, std::string request_fingerprint = "",
        std::string container = "");
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  // The scope open on this thread, or nullptr.
  static Scope* Current();

  const std::string& request_fingerprint() const { return request_fingerprint_; }
  // Whether a record of this scope has committed.
  bool recorded() const { return recorded_; }
  const Record& fallback() const { return fallback_; }

  // Notes from the store plumbing, within the current transaction attempt.
  void NoteCreated(absl::string_view resource);   // db::ClaimRequestId
  void NotePublished(absl::string_view subject);  // events::Publish
  void NoteReplay();                              // db::ClaimRequestId found an earlier call

  // db::InTransaction's hooks: each attempt starts afresh (a retried transaction redoes
  // all its work); BeforeCommit writes the record when one is due (throws like the
  // driver); Committed marks it written.
  void BeginAttempt();
  void BeforeCommit(db::Connection& c);
  void Committed();

 private:
  Record fallback_;
  Kind kind_;
  std::string request_fingerprint_;
  std::string container_;
  Scope* enclosing_;
  bool recorded_ = false;
  // The current transaction attempt.
  std::string created_;
  std::string subject_;
  bool published_ = false;
  bool replay_ = false;
  bool pending_ = false;
};

// A record of the service's own work: caller and person "system/<who>".
Record SystemRecord(absl::string_view who, absl::string_view method);

// Appends `record` (now, UTC) to the audit table in `c`'s transaction. Throws like the
// driver.
void InsertRecord(db::Connection& c, const Record& record);

}  // namespace huiwu::audit

#endif  // HUIWU_COMMON_AUDIT_AUDIT_SCOPE_H_
