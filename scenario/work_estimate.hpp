// How much work a scenario asks of the simulator, estimated before anything runs, so that a run
// that would take days or exhaust memory is refused up front instead of hanging: the events of
// one strategy's simulation (requests, background jobs, host-condition changes) against a budget
// the user can raise (/limits/max_events), and the host-condition profiles, which are generated
// in memory before the run, against a fixed ceiling. The parser checks what the scenario alone
// tells; the simulator's platform check adds the shuffles, whose pace the links set.
#pragma once

#include "scenario/scenario.hpp"

namespace coinsim {

// The ceiling on host-condition changes (slowdown episodes and failures over all server hosts):
// each is a line of a profile SimGrid holds in memory.
constexpr double kMaxProfileChanges = 1e7;

struct WorkEstimate {
  double simulated_seconds = 0;  // the span the arrivals cover
  double requests = 0;           // queries x servers of the largest strategy
  double background_jobs = 0;    // competing executions over the span, on those servers
  double profile_changes = 0;    // episode and failure switches over the profiles' horizon
  // Shuffle transfers over the span: only the simulator, which knows the platform's links, can
  // tell (sim/background_load.hpp); 0 from the scenario alone.
  double shuffle_transfers = 0;
  double events() const { return requests + background_jobs + profile_changes + shuffle_transfers; }
};

// Server hosts are counted as the largest strategy's servers (the platform may hold more).
WorkEstimate estimate_work(const Scenario& scenario);

// Throws Error naming /limits/max_events (or /hosts for the profiles' ceiling) when the estimate
// exceeds the budget.
void check_work(const Scenario& scenario);
void check_work(const Scenario& scenario, const WorkEstimate& work);

}  // namespace coinsim
