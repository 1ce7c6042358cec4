// Random *valid* small scenarios, drawn from a seed, as the most trusted simulators test
// themselves: every strategy kind, straggler law, host condition, network model, deadline and
// fallback, cancellation, batching, failure and background setting, in combinations no one would
// write by hand. Each is small (hundreds of queries) so that hundreds run in CI in a minute.
// The output table is synthetic (tests/integration/synthetic_table.hpp), one per (k, r).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

namespace coinsim {

// The scenario file's JSON (it parses: parse_scenario accepts it). Paths are relative to the
// source folder.
nlohmann::json random_scenario(std::uint64_t seed);

}  // namespace coinsim
