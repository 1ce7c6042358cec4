// A sweep's tables, built from its points' own summaries in the sweep's point order, so the same
// points give the same bytes however and wherever they were run (one process, shards, MPI):
//   summary.csv   one row per point x strategy: every swept value, k, r, seed, the latency and
//                 accuracy metrics of the run summary, and provenance;
//   accuracy.csv  one row per point x construction method x erasure pattern x task, with the
//                 method's construction cost;
//   sweep.json    the sweep's axes and points.
// Swept values sit in columns named by their JSON path ("/load/rate"), which is how the plots
// (analysis/plot_sweep.py) tell swept columns from measured ones.
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
