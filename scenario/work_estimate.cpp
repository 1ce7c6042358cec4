#include "scenario/work_estimate.hpp"

#include <algorithm>

#include "common/error.hpp"
#include "common/number_text.hpp"

namespace coinsim {
WorkEstimate estimate_work(const Scenario& s) {
  int servers = s.k();
  for (const auto& strategy : s.strategies)
    servers = std::max(servers, strategy.servers(s.k(), s.r()));
  WorkEstimate work;
  work.simulated_seconds =
      s.load.arrivals.empty() ? s.load.queries / s.load.rate : s.load.arrivals.back();
  work.requests = static_cast<double>(s.load.queries) * servers;
  work.background_jobs = s.background.execution_rate * work.simulated_seconds * servers;
  // The profiles cover twice the arrivals' span and 10 s more (sim/host_conditions.hpp).
  const double horizon = 2 * s.load.queries / s.load.rate + 10;
  if (s.hosts.episodes)
    work.profile_changes += 2 * horizon / (s.hosts.episode_between + s.hosts.episode_duration);
  if (s.hosts.failures) work.profile_changes += 2 * horizon / (s.hosts.mtbf + s.hosts.mttr);
  work.profile_changes *= servers;
  return work;
}

void check_work(const Scenario& s) {
  check_work(s, estimate_work(s));
}

void check_work(const Scenario& s, const WorkEstimate& work) {
  if (work.profile_changes > kMaxProfileChanges)
    throw Error(s.source.string() +
                ": /hosts: slowdown episodes and failures would change the hosts about " +
                number_text(work.profile_changes, "%.2g") + " times over the run, above the " +
                number_text(kMaxProfileChanges, "%.2g") +
                " coinsim holds in memory: lengthen their mean durations or shorten the run");
  if (work.events() > s.limits.max_events)
    throw Error(s.source.string() + ": /limits/max_events: the run would take about " +
                number_text(work.events(), "%.2g") + " simulation events (requests " +
                number_text(work.requests, "%.2g") + ", background jobs " +
                number_text(work.background_jobs, "%.2g") + ", host changes " +
                number_text(work.profile_changes, "%.2g") +
                (work.shuffle_transfers > 0
                     ? ", shuffle transfers " + number_text(work.shuffle_transfers, "%.2g")
                     : std::string()) +
                "), above the budget of " + number_text(s.limits.max_events, "%.2g") +
                ": raise /limits/max_events to run it anyway");
}

}  // namespace coinsim
