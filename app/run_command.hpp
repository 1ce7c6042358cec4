// `coinsim run SCENARIO`: the accuracy stage in this process (LibTorch), then one spawned
// coinsim-simulate per strategy (SimGrid), then the plot, then summary.json — written last, so
// its presence means the run completed.
#pragma once

#include <string>

namespace coinsim {

int run_command(const std::string& scenario_file);

}  // namespace coinsim
