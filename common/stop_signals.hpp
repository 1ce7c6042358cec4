// A clean stop on SIGINT (Ctrl-C) or SIGTERM (a scheduler's time limit) while child processes
// run: the handler only records the request; the code that waits on the children sees it, stops
// starting new ones, terminates the running ones and reports an interrupted run, whose finished
// parts are complete and whose unfinished parts look unfinished, so running the same command
// again resumes. Outside such a scope the default disposition applies (LibTorch training is
// simply killed: every cache file is written atomically, so nothing partial looks complete).
#pragma once

#include <csignal>

#include "common/error.hpp"

namespace coinsim {

class StopSignals {
 public:
  StopSignals();   // installs the handlers (without SA_RESTART: a blocked wait returns EINTR)
  ~StopSignals();  // restores the previous ones
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // 0 if no stop was asked, else the signal (SIGINT or SIGTERM).
  static int requested();
  // The exit code of a run stopped by that signal: 128 + signal, the shell's convention.
  static int exit_code() { return 128 + requested(); }

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

// A run stopped by StopSignals: reported as one line, exit code 128 + signal.
class Interrupted : public Error {
 public:
  explicit Interrupted(const std::string& what_was_done)
      : Error("interrupted by " + signal_name() + ": " + what_was_done) {}

 private:
  static std::string signal_name() {
    return StopSignals::requested() == SIGTERM ? "SIGTERM" : "SIGINT";
  }
};

}  // namespace coinsim
