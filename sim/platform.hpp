// The simulated cloud's hosts: the platform XML is loaded into the engine, the host named by
// /platform/frontend runs the frontend, and every other host (sorted by name) is a server slot.
// With /platform/network = "exact", SimGrid's TCP corrections are switched off (latency and
// bandwidth factors 1, no cross-traffic, no window cap), so a transfer takes exactly
// latency + size / bandwidth: the setting the closed-form tests use. With "datacenter", link
// latencies count as measured end-to-end figures and TCP's framing overhead and window are those
// of a modern Linux host in one datacenter (see configure_network). "default" is SimGrid's LV08,
// calibrated on wide-area TCP transfers; "none" simulates no transfers at all.
#pragma once

#include <simgrid/s4u.hpp>
#include <vector>

#include "scenario/scenario.hpp"

namespace coinsim {

struct ServingHosts {
  simgrid::s4u::Host* frontend = nullptr;
  std::vector<simgrid::s4u::Host*> servers;  // the slots the strategy uses
  // Every server host of the platform, used or not: host conditions and background load apply to
  // all of them, so every strategy of a scenario runs in the same cloud.
  std::vector<simgrid::s4u::Host*> pool;
};

// Call before loading the platform.
void configure_network(NetworkModel network);

// Throws Error naming the scenario file and JSON path when the platform cannot serve.
ServingHosts load_serving_hosts(simgrid::s4u::Engine& engine, const Scenario& scenario,
                                int servers_needed);

}  // namespace coinsim
