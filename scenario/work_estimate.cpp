#include "scenario/work_estimate.hpp"

#include <algorithm>
#include <cstdio>

#include "common/error.hpp"

namespace coinsim {
namespace {

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2g", value);
  return text;
}

}  // namespace

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
  const WorkEstimate work = estimate_work(s);
  if (work.profile_changes > kMaxProfileChanges)
    throw Error(s.source.string() +
                ": /hosts: slowdown episodes and failures would change the hosts about " +
                number_text(work.profile_changes) + " times over the run, above the " +
                number_text(kMaxProfileChanges) +
                " coinsim holds in memory: lengthen their mean durations or shorten the run");
  if (work.events() > s.limits.max_events)
    throw Error(s.source.string() + ": /limits/max_events: the run would take about " +
                number_text(work.events()) + " simulation events (requests " +
                number_text(work.requests) + ", background jobs " +
                number_text(work.background_jobs) + ", host changes " +
                number_text(work.profile_changes) + "), above the budget of " +
                number_text(s.limits.max_events) + ": raise /limits/max_events to run it anyway");
}

}  // namespace coinsim
