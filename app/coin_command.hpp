// `coinsim coin SCENARIO`: the accuracy engine alone, no simulation. For every seed of /seeds it
// trains (or loads from the cache) the task models and builds every construction method's coded
// models, then reports accuracy as mean ± sd over the seeds, which method is best for each
// erasure pattern and task and which are within noise of it, and what each construction cost.
// Writes coin.csv, then coin.json (last: its presence means the report is complete) into the
// scenario's results folder, and prints the table.
#pragma once

#include <string>
#include <vector>

#include "scenario/settings.hpp"

namespace coinsim {

// `settings` (--set PATH=VALUE) change the scenario before it is checked.
int coin_command(const std::string& scenario_file, const std::vector<Setting>& settings);

}  // namespace coinsim
