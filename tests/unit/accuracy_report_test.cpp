// Aggregation over seeds: means and sample deviations against hand computations, Student's t
// quantiles against published values, and the paired "within noise" verdict on cases decided by
// hand.
#include "coin/accuracy_report.hpp"

#include <gtest/gtest.h>

namespace coinsim {
namespace {

TEST(AccuracyReport, SpreadIsTheMeanAndSampleDeviation) {
  const Spread s = spread_of({0.8, 0.9, 1.0});
  EXPECT_NEAR(s.mean, 0.9, 1e-12);
  EXPECT_NEAR(s.sd, 0.1, 1e-12);  // sqrt((0.01 + 0 + 0.01) / 2)
  EXPECT_EQ(spread_of({0.7}).sd, 0.0);
}

TEST(AccuracyReport, StudentQuantilesMatchTables) {
  EXPECT_DOUBLE_EQ(t_quantile_975(1), 12.706);
  EXPECT_DOUBLE_EQ(t_quantile_975(2), 4.303);
  EXPECT_DOUBLE_EQ(t_quantile_975(10), 2.228);
  EXPECT_NEAR(t_quantile_975(60), 2.000, 0.003);
  EXPECT_NEAR(t_quantile_975(1000), 1.962, 0.003);
}

// One task, one erasure pattern, three methods over three seeds.
AccuracyTable table(double a, double b, double c) {
  AccuracyTable t;
  t.tasks = {{0, 100, 0.9}};
  t.decoded = {{"a", "0", 0, a, 0.5}, {"b", "0", 0, b, 0.5}, {"c", "0", 0, c, 0.5}};
  return t;
}

TEST(AccuracyReport, MethodsAreComparedWithTheBestPairedOverSeeds) {
  const nlohmann::json cost = {{"a", {{"wall_seconds", 1.0}, {"flops", 10.0}}}};
  const nlohmann::json cost2 = {{"a", {{"wall_seconds", 3.0}, {"flops", 10.0}, {"lambda", 2}}}};
  // a beats b by exactly 0.01 on every seed: consistent, so "below" though tiny. c differs from a
  // by +0.05, -0.04, +0.02: mean 0.01, sd 0.0458, 95% half-width 4.303 * 0.0458 / sqrt 3 = 0.114.
  const auto report = aggregate_accuracy(
      {1, 2, 3}, {table(0.80, 0.79, 0.75), table(0.70, 0.69, 0.74), table(0.90, 0.89, 0.88)},
      {cost, cost2, cost});
  ASSERT_EQ(report.rows.size(), 3u);
  EXPECT_NEAR(report.rows[0].degraded.mean, 0.8, 1e-12);
  EXPECT_NEAR(report.rows[0].degraded.sd, 0.1, 1e-12);
  EXPECT_EQ(report.rows[0].versus_best, "best");
  EXPECT_EQ(report.rows[1].versus_best, "below");
  EXPECT_EQ(report.rows[2].versus_best, "within noise");
  ASSERT_EQ(report.costs.size(), 1u);
  EXPECT_NEAR(report.costs[0].wall_seconds.mean, 5.0 / 3, 1e-12);
  EXPECT_EQ(report.costs[0].details[1]["lambda"], 2);
  const auto csv = to_csv(report);
  EXPECT_NE(csv.find("a,0,0,100,3,0.900000,0.000000,0.800000,0.100000,0.500000,0.000000,best,"
                     "1.66667,1.1547,10\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("b,0,0,100,3,"), std::string::npos);
  EXPECT_EQ(to_json(report)["rows"][2]["versus_best"], "within noise");
}

TEST(AccuracyReport, OneSeedCannotTellNoise) {
  const auto report = aggregate_accuracy({7}, {table(0.8, 0.7, 0.6)}, {nlohmann::json::object()});
  EXPECT_EQ(report.rows[0].versus_best, "best");
  EXPECT_EQ(report.rows[1].versus_best, "n/a");
}

}  // namespace
}  // namespace coinsim
