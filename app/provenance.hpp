// Where a result came from: the scenario (file and content hash), the seed, the git revision of
// the source tree and the versions of coinsim and its engines. Written into every summary.
#pragma once

#include <nlohmann/json.hpp>

#include "scenario/scenario.hpp"

namespace coinsim {

nlohmann::json provenance(const Scenario& scenario);

// The versions alone: coinsim, its git revision, LibTorch, SimGrid (`coinsim --version`).
nlohmann::json versions();

// The content hash of the resolved scenario: equal hashes, equal runs.
std::string scenario_hash(const Scenario& scenario);

}  // namespace coinsim
