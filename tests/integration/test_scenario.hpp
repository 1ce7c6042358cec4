// Scenarios built in code for the simulator tests, and the error a run throws.
#pragma once

#include <functional>
#include <string>

#include "scenario/scenario.hpp"

namespace coinsim {

// A strategy of `kind`, named after it ("coded" serves COIN).
StrategySpec strategy_of(const std::string& kind);

// Two split tasks (classes 0-4 and 5-9), COIN as the only method, tests/data/exact_star.xml, no
// stragglers, no warm-up, and the one strategy of `strategy_kind`; `source` names it in errors.
Scenario test_scenario(const std::string& source, const std::string& strategy_kind);

// The message of the Error that `run` throws; "" when it throws none.
std::string error_message(const std::function<void()>& run);

}  // namespace coinsim
