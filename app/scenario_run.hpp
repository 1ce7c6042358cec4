// One scenario's run, in the pieces `coinsim run` and `coinsim sweep` share: the accuracy stage
// (in this process: it is the LibTorch part), one `coinsim-simulate` process per strategy, and the
// merged summary, written last so that its presence means the run is complete.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "coin/accuracy_stage.hpp"
#include "common/progress.hpp"
#include "common/results_folder.hpp"
#include "common/subprocess.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {

struct PreparedRun {
  Scenario scenario;
  AccuracyStage stage;
  double forward_seconds = 0;  // > 0: measured calibration (coin/models/forward_timing.hpp)
};

// The file whose presence marks a complete run.
std::filesystem::path summary_path(const Scenario& scenario);

// True if the scenario's summary exists and was written for this very scenario (same content
// hash) by a coinsim whose outputs have the same names (provenance.hpp, kOutputFormat): a sweep
// skips such points when it is run again, and runs again those an older coinsim wrote.
bool run_is_complete(const Scenario& scenario);

// Everything a run needs from its inputs, checked before its results folder is touched: the
// dataset's files (fingerprinted: the cache key names the data), a code whose decoding means
// something (coin/coding/code.hpp: refused, or a warning), a results folder coinsim may write into,
// the platform (checked by the simulator, which prints its own line: ReportedError), and a writable
// cache (before any training; stale temporaries of killed runs removed).
void check_inputs(Scenario& scenario, const Progress& progress);

// The results folder, claimed for this process (common/results_folder.hpp); errors name
// /output/dir of the scenario file.
ResultsFolder claim_results_folder(const Scenario& scenario, const std::string& command);

// Removes a previous run's summary first, so a run that dies is never mistaken for complete, then
// every strategy's outputs and figure (a strategy no longer in the scenario must not linger).
void forget_previous_run(const Scenario& scenario);

// The simulator's check of the platform (before any training). On failure the child says what is
// wrong, in one line, and exits non-zero; or SimGrid aborts it with a backtrace.
Command platform_check(const Scenario& scenario);

// Runs the check; throws Error with one line: the child's own, or for a SimGrid abort, SimGrid's
// reason and the platform file.
void check_platform_in_child(const Scenario& scenario);

// Trains or loads the models, builds the coded ones, then removes the previous run's summary and
// writes scenario.json and accuracy.{json,csv}.
PreparedRun prepare_run(const Scenario& scenario, const Progress& progress);

// One command per strategy, each writing queries-<strategy>.csv and summary-<strategy>.json.
std::vector<Command> simulation_commands(const PreparedRun& run);

// Throws Error naming the first strategy whose simulation failed.
void check_simulations(const Scenario& scenario, const std::vector<int>& exit_codes);

// Merges the strategies' summaries with the accuracy table and provenance into summary.json,
// written atomically and last; returns it.
nlohmann::json finish_run(const PreparedRun& run);

// The warnings of a run's simulations (sim/timing_warnings.hpp), each once, in strategy order.
std::vector<std::string> run_warnings(const nlohmann::json& summary);

}  // namespace coinsim
