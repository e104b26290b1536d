// A loopback port held for a server that starts later, when two processes must know
// each other's address before either starts (booking asks safety for clearance; safety
// follows booking's events). The port is bound, never listened on, with SO_REUSEPORT,
// which gRPC servers also set: the server binds it, nothing else can, and no connection
// ever lands on the holder.
#ifndef HUIWU_TESTS_SUPPORT_RESERVED_PORT_H_
#define HUIWU_TESTS_SUPPORT_RESERVED_PORT_H_

#include <string>

namespace huiwu::testing {

class ReservedPort final {
 public:
  ReservedPort();  // aborts the test binary if no port can be bound
  ~ReservedPort();
  ReservedPort(const ReservedPort&) = delete;
  ReservedPort& operator=(const ReservedPort&) = delete;

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_RESERVED_PORT_H_
