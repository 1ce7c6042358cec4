#include "sim/background_load.hpp"

#include <algorithm>
#include <limits>
#include <simgrid/Exception.hpp>

#include "common/error.hpp"
#include "scenario/work_estimate.hpp"
#include "sim/random_streams.hpp"

namespace coinsim {
namespace sg4 = simgrid::s4u;

namespace {

constexpr double kShuffleRetry = 0.01;  // s to wait when every pair has a host down

void run_jobs(sg4::Host* host, double rate, double mean_flops, RandomStream stream) {
  for (;;) {
    sg4::this_actor::sleep_for(exponential_draw(stream, rate));
    const double flops = exponential_draw(stream, 1 / mean_flops);
    if (!host->is_on()) continue;  // nothing runs on a host that is down
    sg4::Actor::create("background-job", host, [flops] {
      sg4::this_actor::execute(flops);
    })->daemonize();
  }
}

void run_shuffles(const std::vector<sg4::Host*>& pool, double bytes, RandomStream stream) {
  const int hosts = static_cast<int>(pool.size());
  for (;;) {
    const int from = stream.uniform_int(0, hosts - 1);
    int to = stream.uniform_int(0, hosts - 2);
    to += to >= from;
    // SimGrid cannot start a transfer to or from a host that is down.
    if (!pool[from]->is_on() || !pool[to]->is_on()) {
      sg4::this_actor::sleep_for(kShuffleRetry);
      continue;
    }
    try {
      sg4::Comm::sendto(pool[from], pool[to], static_cast<uint64_t>(bytes));
    } catch (const simgrid::NetworkFailureException&) {
      // one end failed during the transfer: move on to the next pair
    }
  }
}

// The shortest a shuffle's transfer can take on this platform: over every pair of server hosts,
// latency + bytes / bandwidth of the route's narrowest link (no sharing, no TCP corrections).
double shortest_transfer_seconds(const std::vector<sg4::Host*>& pool, double bytes) {
  double shortest = std::numeric_limits<double>::infinity();
  for (const sg4::Host* from : pool)
    for (const sg4::Host* to : pool) {
      if (from == to) continue;
      std::vector<sg4::Link*> links;
      double latency = 0;
      from->route_to(to, links, &latency);
      double bandwidth = std::numeric_limits<double>::infinity();
      for (const sg4::Link* link : links) bandwidth = std::min(bandwidth, link->get_bandwidth());
      shortest = std::min(shortest, latency + bytes / bandwidth);
    }
  return shortest;
}

}  // namespace

void check_background_load(const Scenario& s, const ServingHosts& hosts) {
  if (s.background.shuffles == 0) return;
  if (hosts.pool.size() < 2)
    throw Error(s.source.string() + ": /background/shuffles: " + s.platform.file.string() +
                " has " + std::to_string(hosts.pool.size()) +
                " server host(s); shuffles need at least 2");
  // Shuffles run back to back for the whole run: their transfers count in its work
  // (scenario/work_estimate.hpp), and only the platform knows how fast they go.
  WorkEstimate work = estimate_work(s);
  work.shuffle_transfers = s.background.shuffles * work.simulated_seconds /
                           shortest_transfer_seconds(hosts.pool, s.background.shuffle_bytes);
  check_work(s, work);
}

void start_background_load(const Scenario& s, const ServingHosts& hosts) {
  check_background_load(s, hosts);
  const BackgroundSpec& spec = s.background;
  if (spec.execution_rate > 0)
    for (sg4::Host* host : hosts.pool) {
      auto stream = random_stream(s.seed, "background/jobs/" + host->get_name());
      sg4::Actor::create("background-jobs", hosts.frontend, run_jobs, host, spec.execution_rate,
                         spec.execution_flops, stream)
          ->daemonize();
    }
  for (int shuffle = 0; shuffle < spec.shuffles; ++shuffle) {
    auto stream = random_stream(s.seed, "background/shuffles/" + std::to_string(shuffle));
    sg4::Actor::create("background-shuffles", hosts.frontend, run_shuffles, hosts.pool,
                       spec.shuffle_bytes, stream)
        ->daemonize();
  }
}

}  // namespace coinsim
