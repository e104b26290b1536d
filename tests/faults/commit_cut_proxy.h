// A TCP proxy in front of a MariaDB server that can lose the answer to one COMMIT: the
// server receives the COMMIT and commits, and the client gets its connection closed
// instead of the OK — what a server crash or a network cut right after a commit does,
// made exact. (A SIGKILLed server hits that window only by chance.)
#ifndef HUIWU_TESTS_FAULTS_COMMIT_CUT_PROXY_H_
#define HUIWU_TESTS_FAULTS_COMMIT_CUT_PROXY_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace huiwu::testing {

class CommitCutProxy final {
 public:
  // Listens on 127.0.0.1, a free port, for connections to the server on `server_port`.
  explicit CommitCutProxy(int server_port);
  ~CommitCutProxy();  // closes every connection
  CommitCutProxy(const CommitCutProxy&) = delete;
  CommitCutProxy& operator=(const CommitCutProxy&) = delete;

  int port() const { return port_; }
  // The next COMMIT of a transaction that sent `marker` (in any statement or parameter,
  // e.g. the id of the row the call changes) loses its answer, once.
  void CutCommitOf(const std::string& marker);
  // How many COMMIT answers were dropped so far.
  int cuts() const { return cuts_.load(); }

 private:
  struct Link;
  void Accept();
  void ClientToServer(Link& link);
  void ServerToClient(Link& link);

  const int server_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> cuts_{0};
  absl::Mutex mu_;
  std::string marker_ ABSL_GUARDED_BY(mu_);  // armed while not empty
  std::vector<std::unique_ptr<Link>> links_ ABSL_GUARDED_BY(mu_);
  std::vector<std::thread> threads_ ABSL_GUARDED_BY(mu_);
  std::thread acceptor_;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_FAULTS_COMMIT_CUT_PROXY_H_
