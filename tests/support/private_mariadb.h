// A MariaDB server of the test's own (scripts/mariadb.sh, as the run and test commands
// use), for tests that stop and restart the database.
#ifndef HUIWU_TESTS_SUPPORT_PRIVATE_MARIADB_H_
#define HUIWU_TESTS_SUPPORT_PRIVATE_MARIADB_H_

#include <sys/types.h>

#include <string>

namespace huiwu::testing {

class PrivateMariaDb final {
 public:
  PrivateMariaDb();   // installs and starts it on a free port in a temporary folder
  ~PrivateMariaDb();  // stops it and removes the folder

  int port() const { return port_; }
  bool Stop();
  bool Start();  // again, same folder and port
  // A crash (SIGKILL), waited for until the process is gone; Start() then recovers.
  bool Kill();
  // A hang, not a crash (SIGSTOP): connections stay open and nothing answers them, as
  // with a frozen VM or a stalled disk. Resume (SIGCONT) lets it go on.
  bool Pause();
  bool Resume();

 private:
  pid_t ServerPid() const;

  std::string dir_;
  int port_ = 0;
  bool running_ = false;
};

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_PRIVATE_MARIADB_H_
