// The command line of `coinsim-simulate`, described once. `coinsim` builds its children's command
// lines from this struct, `coinsim-simulate` parses its own back into it, and the tests and the
// benchmark start it the same way: no second spelling of an option anywhere.
//
// The scenario reaches the child as the resolved snapshot (to_json of the scenario the parent
// parsed, the same text it writes to results/<name>/scenario.json) on standard input, so that
// what is simulated is what is recorded even if the user's file changes during the run. By hand
// the scenario can also be a file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/subprocess.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {

struct SimulateArguments {
  // The scenario file, or "-": the snapshot on standard input.
  std::string scenario = "-";
  // The file named in error messages (the user's scenario); default: `scenario`.
  std::string source;
  bool check_platform = false;  // only check the platform can serve every strategy, then exit
  std::string strategy;
  std::filesystem::path table;         // the output table of the accuracy stage
  std::filesystem::path queries_csv;   // per-query CSV to write
  std::filesystem::path requests_csv;  // per-request CSV to write (optional)
  std::filesystem::path summary;       // summary JSON to write
  double forward_seconds = 0;          // > 0: measured forward time (/platform/calibration)
  // --cfg=… / --log=… for SimGrid: the scenario's simgrid_args, passed on by simulate_command.
  std::vector<std::string> simgrid_args;
  bool help = false;
  bool version = false;
};

// The usage text `coinsim-simulate --help` prints.
std::string simulate_usage();

// Parses a command line; throws UsageError naming what is missing or wrong.
SimulateArguments parse_simulate_arguments(int argc, const char* const* argv);

// The command that runs `arguments` with the simulator at `program`, its snapshot on standard
// input when `arguments.scenario` is "-".
Command simulate_command(const std::string& program, const SimulateArguments& arguments,
                         const Scenario& scenario);

// The scenario the child simulates: the snapshot read from standard input, or the file.
Scenario load_simulated_scenario(const SimulateArguments& arguments);

}  // namespace coinsim
