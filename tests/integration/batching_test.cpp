// Greedy batching at the servers, on a burst whose schedule is known exactly (execution only, no
// stragglers, 1 ms per request alone): one query at t = 0, nine at t = 0.5 ms. A server busy with
// the first takes the nine in batches of at most 4 when it frees up, each extra request costing
// half its own work: batches of 1, 4, 4, 1 end at 1, 3.5, 6 and 7 ms.
#include <gtest/gtest.h>

#include <fstream>

#include "request_rows.hpp"
#include "sim/simulation.hpp"
#include "synthetic_table.hpp"

namespace coinsim {
namespace {

TEST(Batching, GreedyBatchesFollowTheMarginalCost) {
  const std::string trace = testing::TempDir() + "burst.csv";
  {
    std::ofstream out(trace);
    out << "0\n";
    for (int i = 0; i < 9; ++i) out << "0.0005\n";
  }
  const Scenario s =
      parse_scenario({{"platform", {{"file", "tests/data/exact_star.xml"}, {"network", "none"}}},
                      {"stragglers", {{"model", "none"}}},
                      {"load", {{"trace", trace}, {"warmup", 0}}},
                      {"serving", {{"batching", {{"max_size", 4}, {"marginal_cost", 0.5}}}}},
                      {"strategies", {"none"}}},
                     "batching_test.json");
  const OutputTable table = synthetic_table(Code::vandermonde(2, 1), {"coin"}, 1000, 1e6);
  const std::string csv = testing::TempDir() + "batching-queries.csv";
  const auto summary = run_simulation(s, table, "none", csv);
  EXPECT_EQ(summary["executions"], 2 * 4);  // two servers, four batches each
  EXPECT_EQ(summary["requests_executed"], 2 * 10);
  const double expected[] = {1e-3, 3e-3, 3e-3, 3e-3, 3e-3, 5.5e-3, 5.5e-3, 5.5e-3, 5.5e-3, 6.5e-3};
  const auto rows = read_query_rows(csv);
  for (const auto& cells : rows) {
    const int query = std::stoi(cells.at(0));
    EXPECT_NEAR(std::stod(cells.at(4)), expected[query], 1e-9) << "query " << query;
  }
  EXPECT_EQ(rows.size(), 10u);
}

}  // namespace
}  // namespace coinsim
