// Child processes started with posix_spawn (never fork: LibTorch's OpenMP pool does not survive
// a fork, and SimGrid allows one engine per process, so every simulation is its own process).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace coinsim {

struct Command {
  std::vector<std::string> argv;  // argv[0] is the program path
  // Fed to the child's standard input, which is then closed; empty: the child inherits ours.
  std::string standard_input;
};

// Child processes running at once, up to a number of slots; each child carries a tag the caller
// chooses. A pool destroyed while children still run (an exception, a stop) terminates and
// reaps them, so no simulation outlives the command that started it.
class ProcessPool {
 public:
  explicit ProcessPool(int slots);
  ~ProcessPool();
  ProcessPool(const ProcessPool&) = delete;
  ProcessPool& operator=(const ProcessPool&) = delete;

  bool has_free_slot() const { return static_cast<int>(running_.size()) < slots_; }
  bool idle() const { return running_.empty(); }
  // Throws Error if the command cannot be started.
  void start(const Command& command, std::size_t tag);
  // Waits until a child ends: its tag and exit code (128 + signal if a signal killed it); empty
  // once a stop is asked for (common/stop_signals.hpp), or when `at_most` (if given) passed first.
  std::optional<std::pair<std::size_t, int>> wait_any(
      std::optional<std::chrono::milliseconds> at_most = std::nullopt);

 private:
  int slots_;
  std::map<int, std::size_t> running_;  // pid -> tag
};

// Runs the commands, at most `parallel` at a time; returns their exit codes in order
// (128 + signal for a child killed by a signal). Throws Error if a command cannot be started, and
// Interrupted (terminating the running commands) on a stop asked for by SIGINT or SIGTERM while
// StopSignals are installed.
// `tick`, if given, is called about every 200 ms while the commands run (to draw progress).
std::vector<int> run_commands(const std::vector<Command>& commands, int parallel,
                              const std::function<void()>& tick = nullptr);

// Runs one command to its end and reports its exit code and peak resident memory (for
// measurements: the benchmarks time and size child simulations this way).
struct Finished {
  int exit_code;
  double peak_rss_mb;
};
Finished run_measured(const Command& command);

// Runs one command to its end, its standard error captured (for children whose failure the
// caller turns into one line of its own).
struct Captured {
  int exit_code;
  std::string standard_error;
};
Captured run_capturing_stderr(const Command& command);

// The folder holding the running executable (its siblings are found there).
std::string executable_dir();

// The first line printed by a command, or "" if it fails.
std::string first_line_of(const std::vector<std::string>& argv);

}  // namespace coinsim
