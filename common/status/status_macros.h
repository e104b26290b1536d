// Abseil 20220623 ships no status macros; these are the project's only ones.
#ifndef HUIWU_COMMON_STATUS_STATUS_MACROS_H_
#define HUIWU_COMMON_STATUS_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define HUIWU_STATUS_CONCAT_INNER_(a, b) a##b
#define HUIWU_STATUS_CONCAT_(a, b) HUIWU_STATUS_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                      \
  do {                                             \
    const ::absl::Status huiwu_status_ = (expr);   \
    if (!huiwu_status_.ok()) return huiwu_status_; \
  } while (false)

// `ASSIGN_OR_RETURN(auto x, MakeX());` declares/assigns from a StatusOr, or returns.
#define ASSIGN_OR_RETURN(lhs, expr) \
  HUIWU_ASSIGN_OR_RETURN_IMPL_(HUIWU_STATUS_CONCAT_(huiwu_statusor_, __LINE__), lhs, expr)

#define HUIWU_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr)  \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

#endif  // HUIWU_COMMON_STATUS_STATUS_MACROS_H_
