#include "tests/faults/commit_cut_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace huiwu::testing {
namespace {

constexpr char kComQuery = 0x03;  // the MySQL protocol's text statement

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t written = ::send(fd, data, size, MSG_NOSIGNAL);
    if (written <= 0) return false;
    data += written;
    size -= static_cast<size_t>(written);
  }
  return true;
}

// The statement of a COM_QUERY packet's payload, or "" for any other packet.
absl::string_view TextStatement(absl::string_view payload) {
  if (payload.empty() || payload[0] != kComQuery) return "";
  return absl::StripAsciiWhitespace(payload.substr(1));
}

}  // namespace

// One client connection and the proxy's connection to the server for it.
struct CommitCutProxy::Link {
  int client_fd = -1;
  int server_fd = -1;
  bool marked = false;           // this transaction sent the marker (client→server thread)
  std::atomic<bool> cut{false};  // drop the server's next answer, then close
};

CommitCutProxy::CommitCutProxy(int server_port) : server_port_(server_port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = Loopback(0);
  socklen_t size = sizeof address;
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::listen(listen_fd_, 64) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    std::perror("commit cut proxy: listen");
    std::abort();
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { Accept(); });
}

CommitCutProxy::~CommitCutProxy() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  acceptor_.join();
  ::close(listen_fd_);
  std::vector<std::thread> threads;
  {
    absl::MutexLock lock(&mu_);
    for (auto& link : links_) {
      ::shutdown(link->client_fd, SHUT_RDWR);
      ::shutdown(link->server_fd, SHUT_RDWR);
    }
    threads.swap(threads_);
  }
  for (std::thread& thread : threads) thread.join();
  absl::MutexLock lock(&mu_);
  for (auto& link : links_) {
    ::close(link->client_fd);
    ::close(link->server_fd);
  }
}

void CommitCutProxy::CutCommitOf(const std::string& marker) {
  absl::MutexLock lock(&mu_);
  marker_ = marker;
}

void CommitCutProxy::Accept() {
  while (!stopping_) {
    const int client = ::accept(listen_fd_, nullptr, nullptr);
    if (client < 0) continue;  // stopping, or a connection gone before accepted
    const int server = ::socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in address = Loopback(server_port_);
    if (server < 0 ||
        ::connect(server, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ::close(client);
      if (server >= 0) ::close(server);
      continue;
    }
    auto link = std::make_unique<Link>();
    link->client_fd = client;
    link->server_fd = server;
    Link* raw = link.get();
    absl::MutexLock lock(&mu_);
    links_.push_back(std::move(link));
    threads_.emplace_back([this, raw] { ClientToServer(*raw); });
    threads_.emplace_back([this, raw] { ServerToClient(*raw); });
  }
}

// Forwards whole packets only, each looked at first: a COMMIT to cut is flagged before
// the server can answer it.
void CommitCutProxy::ClientToServer(Link& link) {
  std::string buffer;
  char chunk[16384];
  for (;;) {
    const ssize_t n = ::recv(link.client_fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<size_t>(n));
    size_t whole = 0;  // bytes of complete packets at the front of `buffer`
    while (buffer.size() - whole >= 4) {
      const auto* header = reinterpret_cast<const unsigned char*>(buffer.data() + whole);
      const size_t length = header[0] | (header[1] << 8) | (header[2] << 16);
      if (buffer.size() - whole < 4 + length) break;
      const absl::string_view payload(buffer.data() + whole + 4, length);
      const absl::string_view statement = TextStatement(payload);
      absl::MutexLock lock(&mu_);
      if (!marker_.empty() && absl::StrContains(payload, marker_)) link.marked = true;
      if (absl::EqualsIgnoreCase(statement, "COMMIT")) {
        if (link.marked && !marker_.empty()) {
          link.cut = true;
          marker_.clear();
        }
        link.marked = false;
      } else if (absl::EqualsIgnoreCase(statement, "ROLLBACK")) {
        link.marked = false;
      }
      whole += 4 + length;
    }
    if (whole > 0 && !WriteAll(link.server_fd, buffer.data(), whole)) break;
    buffer.erase(0, whole);
  }
  ::shutdown(link.server_fd, SHUT_RDWR);
  ::shutdown(link.client_fd, SHUT_RDWR);
}

void CommitCutProxy::ServerToClient(Link& link) {
  char chunk[16384];
  for (;;) {
    const ssize_t n = ::recv(link.server_fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    if (link.cut) {  // the server's answer to the COMMIT: it committed; the client never learns
      ++cuts_;
      break;
    }
    if (!WriteAll(link.client_fd, chunk, static_cast<size_t>(n))) break;
  }
  ::shutdown(link.client_fd, SHUT_RDWR);
  ::shutdown(link.server_fd, SHUT_RDWR);
}

}  // namespace huiwu::testing
