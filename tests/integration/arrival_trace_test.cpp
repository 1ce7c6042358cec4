// Trace-driven arrivals: every query arrives at the time its line of the trace says (bursts and
// ties included), and the summary's rate is the trace's mean.
#include <gtest/gtest.h>

#include <fstream>

#include "request_rows.hpp"
#include "sim/simulation.hpp"
#include "synthetic_table.hpp"

namespace coinsim {
namespace {

TEST(ArrivalTrace, QueriesArriveAtTheTracedTimes) {
  const std::string trace = testing::TempDir() + "arrivals.csv";
  std::vector<double> times;
  {
    std::ofstream out(trace);
    out << "arrival\n";
    for (int i = 0; i < 600; ++i) {
      // Bursts of 20 simultaneous queries every 0.1 s, then a quiet stretch.
      const double t = (i / 20) * 0.1 + (i >= 300 ? 5.0 : 0.0);
      times.push_back(t);
      out << t << "\n";
    }
  }
  const Scenario s = parse_scenario({{"platform", {{"file", "tests/data/exact_star.xml"}}},
                                     {"stragglers", {{"model", "none"}}},
                                     {"load", {{"trace", trace}, {"warmup", 100}}},
                                     {"strategies", {"none"}}},
                                    "arrival_trace_test.json");
  EXPECT_EQ(s.load.queries, 600);
  EXPECT_DOUBLE_EQ(s.load.rate, 600 / times.back());
  const OutputTable table = synthetic_table(Code::vandermonde(2, 1), {"coin"}, 1000, 1e6);
  const std::string csv = testing::TempDir() + "trace-queries.csv";
  const auto summary = run_simulation(s, table, "none", csv);
  EXPECT_EQ(summary["queries_measured"], 500);
  const auto rows = read_query_rows(csv);
  for (const auto& cells : rows) {
    const int id = std::stoi(cells.at(0));
    EXPECT_NEAR(std::stod(cells.at(3)), times.at(id), 1e-9) << "query " << id;
  }
  EXPECT_EQ(rows.size(), 600u);
  // A burst of 20 on 2 servers of 1 ms each: the last of a burst waits for 19 others.
  EXPECT_NEAR(summary["latency_max_s"].get<double>(), 20e-3, 1e-6);
}

}  // namespace
}  // namespace coinsim
