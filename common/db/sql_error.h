// The one mapping of MySQL/MariaDB driver errors to absl::Status (DESIGN §4, STYLE).
#ifndef HUIWU_COMMON_DB_SQL_ERROR_H_
#define HUIWU_COMMON_DB_SQL_ERROR_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace huiwu::db {

// Server and client error numbers we act on.
inline constexpr int kErDupEntry = 1062;
inline constexpr int kErLockWaitTimeout = 1205;
inline constexpr int kErLockDeadlock = 1213;   // also a Galera certification failure
inline constexpr int kErWsrepNotReady = 1047;  // Galera node not synced (yet)
// "Got error … during COMMIT"; on Galera "Not connected to Primary Component": the node
// lost the cluster's majority and refused to commit (nothing was committed).
inline constexpr int kErErrorDuringCommit = 1180;
inline constexpr int kErServerShutdown = 1053;
inline constexpr int kErConnectionKilled = 1927;
inline constexpr int kErStatementTimeout = 1969;
inline constexpr int kErDataTooLong = 1406;
inline constexpr int kErClientInteractionTimeout = 4031;
inline constexpr int kCrConnectionError = 2002;
inline constexpr int kCrConnHostError = 2003;
inline constexpr int kCrServerGoneError = 2006;
inline constexpr int kCrServerLost = 2013;

enum class ErrorClass {
  kConflict,        // deadlock, Galera certification failure: retry at once
  kConnectionLost,  // the connection is unusable: replace it, retry
  // A row stayed locked for the whole lock wait: something holds it (a long report, a
  // stuck client). Waiting again would only repeat the wait, so it is answered at once.
  kLockWaitTimeout,
  kOther,
};

ErrorClass Classify(int error_code);

// True when a COMMIT that failed with this error may have been committed all the same:
// the connection went and the server's answer with it. A refusal the server sent (a
// node not ready, not in the Primary Component) is definite: nothing was committed.
bool CommitOutcomeUnknown(int error_code);

// Maps a driver error that was not handled by the caller (and, for retryable classes,
// whose retries are exhausted). `what` says what was being done, for the log line.
// Details go to the log; clients get a message that says what to do.
absl::Status FromSqlError(int error_code, absl::string_view sql_state, absl::string_view message,
                          absl::string_view what);

}  // namespace huiwu::db

#endif  // HUIWU_COMMON_DB_SQL_ERROR_H_
