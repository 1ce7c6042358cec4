// The stages of `coinsim sweep` (see sweep_command.cpp for their order), shared by the run on one
// machine and the run under MPI (mpi_sweep.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "app/sweep_command.hpp"
#include "common/progress.hpp"
#include "common/results_folder.hpp"
#include "scenario/scenario.hpp"
#include "scenario/sweep.hpp"

namespace coinsim {

struct SweepPlan {
  Sweep sweep;
  std::vector<Scenario> scenarios;      // of sweep.points, in order
  std::vector<std::size_t> pending;     // this invocation's points not complete yet
  std::optional<ResultsFolder> folder;  // the coordinator's claim on the sweep's folder
};

// Expands the sweep. The coordinating process claims the sweep's folder (shared among the shards
// of `--shard`, else exclusive), checks the caches, writes each point's scenario file and finds
// the pending points; other MPI ranks only parse.
SweepPlan plan_sweep(const SweepOptions& options, bool coordinator);

// Checks the pending points' platforms, then computes each distinct accuracy stage once.
void prepare_pending(const SweepPlan& plan, const Progress& progress);

// The two halves of prepare_pending, for MPI, where the ranks share the stages out.
void check_pending_platforms(const SweepPlan& plan, const Progress& progress);
// One pending point for each distinct accuracy stage (model configuration, coding, calibration).
std::vector<std::size_t> distinct_accuracy_stages(const SweepPlan& plan);
// Trains (or finds in the cache) what a point's accuracy stage needs; throws Error.
void compute_accuracy_stage(const Scenario& s, const Progress& progress);

// Reports failed points, or builds the tables (not for a shard); the exit code.
int finish_sweep(const SweepPlan& plan, const SweepOptions& options,
                 const std::vector<std::size_t>& failed);

// Simulations at once on this machine: the request, else the cores shared among the processes
// of this sweep on this machine.
int jobs_per_process(int requested, int processes_on_this_machine);

}  // namespace coinsim
