// `coinsim run SCENARIO`: the accuracy stage in this process (LibTorch), then one spawned
// coinsim-simulate per strategy (SimGrid), then the plot, then summary.json — written last, so
// its presence means the run completed.
#pragma once

#include <string>
#include <vector>

#include "scenario/settings.hpp"

namespace coinsim {

// `settings` (--set PATH=VALUE) change the scenario before it is checked.
// `simgrid_args` (--cfg=…, --log=…) go to SimGrid in every simulation.
int run_command(const std::string& scenario_file, const std::vector<Setting>& settings,
                const std::vector<std::string>& simgrid_args);

}  // namespace coinsim
