#include "tests/support/call_context.h"

#include <chrono>

namespace huiwu::testing {

std::unique_ptr<grpc::ClientContext> CallContext(std::chrono::seconds deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + deadline);
  return context;
}

}  // namespace huiwu::testing
