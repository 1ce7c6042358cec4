// One simulated run: one strategy of one scenario, in this process's SimGrid engine (SimGrid
// allows one engine per process, so each strategy and each sweep point is its own process).
// Streams per-query records to `queries_csv` (and per-request records to `requests_csv`, unless
// it is empty) and returns the run's summary. `measured_forward_seconds` (the model's forward
// pass timed on one core, > 0) is needed with /platform/calibration = "measured".
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "coin/coding/output_table.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {

nlohmann::json run_simulation(const Scenario& scenario, const OutputTable& table,
                              const std::string& strategy, const std::filesystem::path& queries_csv,
                              const std::filesystem::path& requests_csv = {},
                              double measured_forward_seconds = 0);

}  // namespace coinsim

namespace coinsim {
std::string simgrid_version();

// Loads the platform in an engine of its own and checks that it has the frontend and enough
// servers for every strategy of the scenario; throws Error naming the JSON path otherwise.
void check_platform(const Scenario& scenario);
}  // namespace coinsim
