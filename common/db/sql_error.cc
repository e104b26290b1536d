#include "common/db/sql_error.h"

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/errors.h"

namespace huiwu::db {

ErrorClass Classify(int error_code) {
  switch (error_code) {
    case kErLockDeadlock:
      return ErrorClass::kConflict;
    case kErLockWaitTimeout:
      return ErrorClass::kLockWaitTimeout;
    case kCrConnectionError:
    case kCrConnHostError:
    case kCrServerGoneError:
    case kCrServerLost:
    case kErServerShutdown:
    case kErConnectionKilled:
    case kErWsrepNotReady:
    case kErErrorDuringCommit:
    case kErClientInteractionTimeout:
      return ErrorClass::kConnectionLost;
    default:
      return ErrorClass::kOther;
  }
}

bool CommitOutcomeUnknown(int error_code) {
  switch (error_code) {
    case kCrServerGoneError:
    case kCrServerLost:
    case kErServerShutdown:
    case kErConnectionKilled:
      return true;
    default:
      return false;
  }
}

absl::Status FromSqlError(int error_code, absl::string_view sql_state, absl::string_view message,
                          absl::string_view what) {
  const std::string code_text = absl::StrCat(error_code);
  log::Warning(
      "sql_error",
      {{"what", what}, {"error_code", code_text}, {"sql_state", sql_state}, {"message", message}});
  switch (Classify(error_code)) {
    case ErrorClass::kConflict:
      return ErrorWithReason(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                             "the change collided with concurrent changes to the same data "
                             "several times; retry the call");
    case ErrorClass::kLockWaitTimeout:
      return ErrorWithReason(absl::StatusCode::kAborted, "LOCK_WAIT_TIMEOUT",
                             "the data is held by another change that has not finished; "
                             "retry the call later");
    case ErrorClass::kConnectionLost:
      return ErrorWithReason(absl::StatusCode::kUnavailable, "DATABASE_UNAVAILABLE",
                             "the database is unreachable; retry later (health reports "
                             "NOT_SERVING until it is back)");
    case ErrorClass::kOther:
      break;
  }
  if (error_code == kErDupEntry) {
    return ErrorWithReason(absl::StatusCode::kAlreadyExists, "ALREADY_EXISTS",
                           "a resource with this identity already exists");
  }
  if (error_code == kErStatementTimeout) {
    return ErrorWithReason(absl::StatusCode::kDeadlineExceeded, "STATEMENT_TIMEOUT",
                           "the database took too long to answer; retry later");
  }
  if (error_code == kErDataTooLong) {
    return ErrorWithReason(absl::StatusCode::kInvalidArgument, "VALUE_TOO_LONG",
                           "a value is longer than the field allows; shorten it");
  }
  return ErrorWithReason(absl::StatusCode::kInternal, "DATABASE_ERROR",
                         "internal database error; the operator has the details in the log");
}

}  // namespace huiwu::db
