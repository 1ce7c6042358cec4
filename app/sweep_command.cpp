// `coinsim sweep`: every point of a sweep file, resumable, on all cores of this machine (and, under
// mpirun, of every machine in the job). The order of work:
//   1. expand the sweep; write each point's scenario to <results>/<point>/point.json;
//   2. skip the points already complete (their summary carries their scenario's hash);
//   3. check every remaining point's platform, then compute each distinct accuracy stage once, in
//      this process (training is the LibTorch part; later the points only load it from the cache;
//      under MPI the ranks share the stages out, see mpi_sweep.hpp);
//   4. run the points' simulations, `--jobs` processes at a time (under MPI, on every rank: rank
//      0 hands out the points one at a time, see mpi_sweep.hpp);
//   5. build summary.csv and accuracy.csv from all points (sweep_summary.hpp).
#include "app/sweep_command.hpp"

#include <chrono>
#include <iostream>
#include <set>
#include <thread>

#include "app/mpi_sweep.hpp"
#include "app/plotting.hpp"
#include "app/point_worker.hpp"
#include "app/scenario_run.hpp"
#include "app/sweep_stages.hpp"
#include "app/sweep_summary.hpp"
#include "coin/coding/code.hpp"
#include "coin/data/dataset_files.hpp"
#include "coin/models/forward_timing.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "common/results_folder.hpp"
#include "common/stop_signals.hpp"
#include "scenario/sweep.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

std::vector<Scenario> point_scenarios(const Sweep& sweep, bool write_files) {
  std::vector<Scenario> scenarios;
  for (const auto& point : sweep.points) {
    const fs::path file = sweep.results_dir / point.name / "point.json";
    if (write_files) write_file_atomically(file, point.scenario.dump(2) + "\n");
    scenarios.push_back(parse_scenario(point.scenario, file, sweep.origins));
    fingerprint_dataset(scenarios.back());  // memoised: one stat per file after the first
  }
  return scenarios;
}

// The sweep's folder for this process: shared among the shards of `--shard`, else exclusive.
void claim_sweep_folder(SweepPlan& plan, const SweepOptions& options) {
  const bool sharded = options.shard_count > 1 && !options.merge_only;
  plan.folder = ResultsFolder::claim(
      plan.sweep.results_dir, plan.sweep.source.string() + ": /output/dir",
      "coinsim sweep " + options.file + (sharded ? " --shard" : ""),
      sharded ? ResultsFolder::Sharing::shared : ResultsFolder::Sharing::exclusive);
}

// What every point needs before any work: a code whose decoding means something, and a writable
// cache (stale temporaries removed only when no other shard may be writing).
void check_points(const std::vector<Scenario>& scenarios, bool remove_temporaries,
                  const Progress& progress) {
  std::set<fs::path> caches;
  std::set<std::string> warnings;
  for (const Scenario& s : scenarios) {
    caches.insert(s.cache_dir);
    warnings.insert(code_warning(s, make_code(s)));
  }
  for (const std::string& warning : warnings)
    if (!warning.empty()) progress.warn(warning);
  for (const fs::path& cache : caches) {
    require_writable_directory(cache);
    if (remove_temporaries) remove_stale_temporaries(cache, 3);
  }
}

std::vector<std::size_t> points_to_run(const std::vector<Scenario>& scenarios,
                                       const SweepOptions& options) {
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < scenarios.size(); ++i)
    if (static_cast<int>(i % options.shard_count) == options.shard - 1 &&
        !run_is_complete(scenarios[i]))
      pending.push_back(i);
  return pending;
}

// One check per distinct platform set-up (points often differ only in load or deadline), each
// turning a failure into one line naming the point.
void check_platforms(const std::vector<Scenario>& scenarios,
                     const std::vector<std::size_t>& pending) {
  std::set<std::string> checked;
  for (const std::size_t i : pending) {
    nlohmann::json set_up = to_json(scenarios[i]);
    set_up.erase("name");
    set_up.erase("output");
    if (!checked.insert(set_up.dump()).second) continue;
    try {
      check_platform_in_child(scenarios[i]);
    } catch (const Error& e) {
      throw Error("point " + scenarios[i].name + ": " + e.what());
    }
  }
}

std::string names_of(const std::vector<Scenario>& scenarios,
                     const std::vector<std::size_t>& points) {
  std::string names;
  for (const std::size_t i : points) names += (names.empty() ? "" : ", ") + scenarios[i].name;
  return names;
}

// `--list`: each point, whether it is complete, would run, or belongs to another shard, and how
// many accuracy stages a run would train or load. Writes nothing.
int list_sweep(const SweepOptions& options) {
  SweepPlan plan = plan_sweep(options, false);
  plan.pending = points_to_run(plan.scenarios, options);
  const std::set<std::size_t> pending(plan.pending.begin(), plan.pending.end());
  std::size_t complete = 0;
  for (std::size_t i = 0; i < plan.scenarios.size(); ++i) {
    const bool done = pending.count(i) == 0 && run_is_complete(plan.scenarios[i]);
    complete += done ? 1 : 0;
    std::cout << (pending.count(i) ? "to run    "
                  : done           ? "complete  "
                                   : "shard     ")
              << plan.sweep.points[i].name << "\n";
  }
  std::cout << plan.scenarios.size() << " points: " << complete << " complete, "
            << plan.pending.size() << " to run"
            << (options.shard_count > 1 ? " by shard " + std::to_string(options.shard) + "/" +
                                              std::to_string(options.shard_count)
                                        : std::string())
            << "; accuracy stages to train or load: " << distinct_accuracy_stages(plan).size()
            << "; results in " << plan.sweep.results_dir.string() << "/\n";
  return 0;
}

}  // namespace

void parse_shard(const std::string& text, SweepOptions& options) {
  const auto slash = text.find('/');
  try {
    std::size_t used = 0;
    options.shard = std::stoi(text.substr(0, slash), &used);
    if (slash == std::string::npos || used != slash) throw std::invalid_argument(text);
    options.shard_count = std::stoi(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) throw std::invalid_argument(text);
  } catch (const std::logic_error&) {
    throw UsageError("--shard " + text + ": expected i/n, e.g. 1/4");
  }
  if (options.shard_count < 1 || options.shard < 1 || options.shard > options.shard_count)
    throw UsageError("--shard " + text + ": needs 1 <= i <= n");
}

SweepPlan plan_sweep(const SweepOptions& options, bool coordinator) {
  SweepPlan plan{load_sweep(options.file), {}, {}, std::nullopt};
  if (coordinator) claim_sweep_folder(plan, options);
  plan.scenarios = point_scenarios(plan.sweep, coordinator);
  if (coordinator && !options.merge_only) {
    check_points(plan.scenarios, options.shard_count == 1, Progress());
    plan.pending = points_to_run(plan.scenarios, options);
  }
  return plan;
}

void check_pending_platforms(const SweepPlan& plan, const Progress& progress) {
  progress.say(plan.sweep.name + ": " + std::to_string(plan.sweep.points.size()) + " points, " +
               std::to_string(plan.pending.size()) + " to run");
  check_platforms(plan.scenarios, plan.pending);
}

std::vector<std::size_t> distinct_accuracy_stages(const SweepPlan& plan) {
  std::vector<std::size_t> distinct;
  std::set<std::string> seen;
  for (const std::size_t i : plan.pending) {
    const Scenario& s = plan.scenarios[i];
    if (seen.insert(accuracy_inputs(s).dump() + kind_name(s.platform.calibration)).second)
      distinct.push_back(i);
  }
  return distinct;
}

void compute_accuracy_stage(const Scenario& s, const Progress& progress) {
  run_accuracy_stage(s, progress);
  if (s.platform.calibration == Calibration::measured) cached_forward_seconds(s);
}

void prepare_pending(const SweepPlan& plan, const Progress& progress) {
  check_pending_platforms(plan, progress);
  const auto stages = distinct_accuracy_stages(plan);
  for (std::size_t j = 0; j < stages.size(); ++j) {
    const Scenario& s = plan.scenarios[stages[j]];
    progress.say("accuracy stage " + std::to_string(j + 1) + "/" + std::to_string(stages.size()) +
                 " (point " + s.name + ")");
    compute_accuracy_stage(s, progress);
  }
}

int finish_sweep(const SweepPlan& plan, const SweepOptions& options,
                 const std::vector<std::size_t>& failed) {
  if (!failed.empty())
    throw Error(std::to_string(failed.size()) + " of " + std::to_string(plan.pending.size()) +
                " points failed (" + names_of(plan.scenarios, failed) +
                "); the others are complete, re-running retries only these");
  if (options.shard_count > 1) {
    std::cout << "shard " << options.shard << "/" << options.shard_count << ": "
              << plan.pending.size() << " points run; when every shard is done: coinsim sweep "
              << options.file << " --merge\n";
    return 0;
  }
  write_sweep_tables(plan.sweep, plan.scenarios);
  if (options.plot) plot_sweep(plan.sweep.results_dir);
  std::cout << plan.sweep.points.size() << " points (" << plan.pending.size() << " run now) in "
            << plan.sweep.results_dir.string() << "/: summary.csv, accuracy.csv"
            << (options.plot ? ", figures\n" : "\n");
  return 0;
}

int jobs_per_process(int requested, int processes_on_this_machine) {
  if (requested > 0) return requested;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, cores / std::max(1, processes_on_this_machine));
}

int sweep_command(const SweepOptions& options) {
  if (options.list_only) return list_sweep(options);
  if (launched_by_mpi()) return mpi_sweep(options);
  const Progress progress;
  const SweepPlan plan = plan_sweep(options, true);
  if (options.merge_only) {
    write_sweep_tables(plan.sweep, plan.scenarios);
    if (options.plot) plot_sweep(plan.sweep.results_dir);
    std::cout << "tables and figures of " << plan.sweep.points.size() << " points in "
              << plan.sweep.results_dir.string() << "/\n";
    return 0;
  }
  const int jobs = jobs_per_process(options.jobs, 1);
  prepare_pending(plan, progress);
  ListQueue queue(plan.pending, progress.enabled());
  {
    const StopSignals stop;
    run_points(plan.scenarios, jobs, queue);
    if (StopSignals::requested())
      throw Interrupted(std::to_string(plan.sweep.points.size() -
                                       incomplete_points(plan.sweep, plan.scenarios).size()) +
                        " of " + std::to_string(plan.sweep.points.size()) +
                        " points complete; run the same command again to resume");
  }
  return finish_sweep(plan, options, queue.failed());
}

}  // namespace coinsim
