// A sweep's tables, built from its points' own summaries in the sweep's point order, so the same
// points give the same bytes however and wherever they were run (one process, shards, MPI):
//   summary.csv   one row per point x strategy: every swept and set value, seed, k, r, dataset,
//                 the latency (seconds) and accuracy metrics of the run summary under the same
//                 names, and provenance (scenario and models hashes);
//   accuracy.csv  one row per model configuration (models_hash, decoding, scoring) x construction
//                 method x erasure pattern x task, with the points that share it (column points,
//                 space-separated) and the settings the models depend on: points that differ only
//                 in latency settings do not repeat identical rows;
//   sweep.json    the sweep's axes, its "set" object and the column of every setting.
// Settings sit in columns named after their JSON path ("/load/rate" -> load_rate, durations in
// seconds with "_s": serving_deadline_s); sweep.json maps paths to columns for the plots.
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "scenario/sweep.hpp"

namespace coinsim {

// `scenarios[i]` is the resolved scenario of `sweep.points[i]`.
std::vector<std::string> incomplete_points(const Sweep& sweep,
                                           const std::vector<Scenario>& scenarios);

// Throws Error listing the points not complete yet.
void write_sweep_tables(const Sweep& sweep, const std::vector<Scenario>& scenarios);

}  // namespace coinsim
