// Runs sweep points on this machine: takes points from a queue, runs each point's strategies as
// `coinsim-simulate` processes, at most `jobs` at a time across points (a point's last strategy
// and the next point's first overlap, so no slot idles), and writes each point's summary as soon
// as its strategies are done. The accuracy stages must already be in the cache: here they are
// only loaded.
#pragma once

#include <vector>

#include "app/point_queue.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {

// A point that fails (a simulation exits non-zero, an output cannot be written) is reported to
// the queue as failed, with its reason on stderr, and the others go on. On a stop asked for by
// SIGINT or SIGTERM (common/stop_signals.hpp) it returns at once, its simulations terminated.
void run_points(const std::vector<Scenario>& scenarios, int jobs, PointQueue& queue);

}  // namespace coinsim
