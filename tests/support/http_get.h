// A minimal HTTP/1.0 GET on loopback, for reading /metrics in tests.
#ifndef HUIWU_TESTS_SUPPORT_HTTP_GET_H_
#define HUIWU_TESTS_SUPPORT_HTTP_GET_H_

#include <string>

namespace huiwu::testing {

// The response body of GET http://127.0.0.1:port/path; empty on any failure.
std::string HttpGet(int port, const std::string& path);

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_HTTP_GET_H_
