// The client context every test call uses.
#ifndef HUIWU_TESTS_SUPPORT_CALL_CONTEXT_H_
#define HUIWU_TESTS_SUPPORT_CALL_CONTEXT_H_

#include <chrono>
#include <memory>

#include "grpcpp/client_context.h"

namespace huiwu::testing {

// A context with a deadline, so a hung call fails the test instead of hanging it.
std::unique_ptr<grpc::ClientContext> CallContext(
    std::chrono::seconds deadline = std::chrono::seconds(30));

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_CALL_CONTEXT_H_
