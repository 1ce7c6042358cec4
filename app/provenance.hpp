// Where a result came from: the scenario (file and content hash), the seed, the git revision of
// the source tree and the versions of coinsim and its engines. Written into every summary.
#pragma once

#include <nlohmann/json.hpp>

#include "scenario/scenario.hpp"

namespace coinsim {

// The names of the output files' keys and columns (docs/outputs.md): raised whenever one changes,
// so that results an older coinsim wrote are never read, or skipped by a sweep, as current ones.
//   2: units in every name, flat per-strategy summaries (2026-12-03)
constexpr int kOutputFormat = 2;

nlohmann::json provenance(const Scenario& scenario);

// The versions alone: coinsim, its git revision, LibTorch, SimGrid (`coinsim --version`).
nlohmann::json versions();

// The content hash of the resolved scenario: equal hashes, equal runs.
std::string scenario_hash(const Scenario& scenario);

}  // namespace coinsim
