// Background load: work that competes with the model servers, on every server host of the
// platform and drawn from per-host streams, so that every strategy of a scenario meets the same
// background.
//   executions  on each server host, jobs arrive as a Poisson process at `rate` per second, each
//               of Exp(mean `flops`) flops; a job shares the host's cores with the model server.
//   shuffles    `concurrent` transfers of `bytes` each, back to back, each between a random pair
//               of server hosts (as in ParM's evaluation): they compete for the hosts' links.
// Jobs on a host that fails die with it; a shuffle touching a failed host is dropped. All the
// actors are daemons: the background stops with the last query.
#pragma once

#include "scenario/scenario.hpp"
#include "sim/platform.hpp"

namespace coinsim {

void start_background_load(const Scenario& scenario, const ServingHosts& hosts);

// Throws Error naming the scenario file and JSON path when the platform cannot host it.
void check_background_load(const Scenario& scenario, const ServingHosts& hosts);

}  // namespace coinsim
