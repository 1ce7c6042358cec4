// Child processes started with posix_spawn (never fork: LibTorch's OpenMP pool does not survive
// a fork, and SimGrid allows one engine per process, so every simulation is its own process).
#pragma once

#include <string>
#include <vector>

namespace coinsim {

struct Command {
  std::vector<std::string> argv;  // argv[0] is the program path
};

// Runs the commands, at most `parallel` at a time; returns their exit codes in order
// (128 + signal for a child killed by a signal). Throws Error if a command cannot be started.
std::vector<int> run_commands(const std::vector<Command>& commands, int parallel);

// Runs one command to its end and reports its exit code and peak resident memory (for
// measurements: the benchmarks time and size child simulations this way).
struct Finished {
  int exit_code;
  double peak_rss_mb;
};
Finished run_measured(const Command& command);

// The folder holding the running executable (its siblings are found there).
std::string executable_dir();

// The first line printed by a command, or "" if it fails.
std::string first_line_of(const std::vector<std::string>& argv);

}  // namespace coinsim
