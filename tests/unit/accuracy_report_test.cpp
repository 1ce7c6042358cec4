// Aggregation over seeds: means and sample deviations against hand computations, Student's t
// quantiles against published values, and the paired "within noise" verdict on cases decided by
// hand.
#include "coin/coding/accuracy_report.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace coinsim {
namespace {

TEST(AccuracyReport, SpreadIsTheMeanAndSampleDeviation) {
  const Spread s = spread_of({0.8, 0.9, 1.0});
  EXPECT_NEAR(s.mean, 0.9, 1e-12);
  EXPECT_NEAR(s.sd, 0.1, 1e-12);  // sqrt((0.01 + 0 + 0.01) / 2)
  EXPECT_EQ(spread_of({0.7}).sd, 0.0);
}

TEST(AccuracyReport, StudentQuantilesMatchPublishedTables) {
  // Fisher and Yates' table to 3 decimals; 1 df has the closed form tan(0.475 pi) = 12.7062.
  EXPECT_NEAR(t_quantile_975(1), std::tan(0.475 * M_PI), 1e-9);
  EXPECT_NEAR(t_quantile_975(2), 4.303, 5e-4);
  EXPECT_NEAR(t_quantile_975(4), 2.776, 5e-4);
  EXPECT_NEAR(t_quantile_975(10), 2.228, 5e-4);
  EXPECT_NEAR(t_quantile_975(60), 2.000, 5e-4);
  EXPECT_NEAR(t_quantile_975(100000), 1.95996, 1e-4);  // the normal quantile in the limit
  EXPECT_THROW(t_quantile_975(0), std::invalid_argument);
}

// One task, one erasure pattern, three methods over three seeds; under the "all" rule the
// methods' accuracies are given in reverse (c, b, a), so that c is the best there.
AccuracyTable table(double a, double b, double c) {
  AccuracyTable t;
  t.tasks = {{0, 100, {0.9, 0.8}}};
  t.decoded = {{"a", "0", 0, {a, c}, {0.5, 0.4}},
               {"b", "0", 0, {b, b}, {0.5, 0.4}},
               {"c", "0", 0, {c, a}, {0.5, 0.4}}};
  return t;
}

TEST(AccuracyReport, MethodsAreComparedWithTheBestPairedOverSeeds) {
  const nlohmann::json cost = {{"a", {{"wall_s", 1.0}, {"flops", 10.0}}}};
  const nlohmann::json cost2 = {{"a", {{"wall_s", 3.0}, {"flops", 10.0}, {"lambda", 2}}}};
  // a beats b by exactly 0.01 on every seed: consistent, so "below" though tiny. c differs from a
  // by +0.05, -0.04, +0.02: mean 0.01, sd 0.0458, 95% half-width 4.303 * 0.0458 / sqrt 3 = 0.114.
  const auto report = aggregate_accuracy(
      {1, 2, 3}, {table(0.80, 0.79, 0.75), table(0.70, 0.69, 0.74), table(0.90, 0.89, 0.88)},
      {cost, cost2, cost});
  ASSERT_EQ(report.rows.size(), 3u);
  EXPECT_NEAR(report.rows[0].degraded.task.mean, 0.8, 1e-12);
  EXPECT_NEAR(report.rows[0].degraded.task.sd, 0.1, 1e-12);
  EXPECT_EQ(report.rows[0].versus_best.task, "best");
  EXPECT_EQ(report.rows[1].versus_best.task, "below");
  EXPECT_EQ(report.rows[2].versus_best.task, "within noise");
  // Under "all", c holds a's numbers: c is the best, and a within noise of it.
  EXPECT_NEAR(report.rows[2].degraded.all.mean, 0.8, 1e-12);
  EXPECT_EQ(report.rows[2].versus_best.all, "best");
  EXPECT_EQ(report.rows[0].versus_best.all, "within noise");
  EXPECT_EQ(report.rows[1].versus_best.all, "below");
  EXPECT_NEAR(report.rows[0].available.all.mean, 0.8, 1e-12);
  ASSERT_EQ(report.costs.size(), 1u);
  EXPECT_NEAR(report.costs[0].wall_seconds.mean, 5.0 / 3, 1e-12);
  EXPECT_EQ(report.costs[0].details[1]["lambda"], 2);
  const auto csv = to_csv(report);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "method,erased,task,images,seeds,available_task_mean,available_task_sd,"
            "degraded_task_mean,degraded_task_sd,reconstruction_task_mean,reconstruction_task_sd,"
            "versus_best_task,available_all_mean,available_all_sd,degraded_all_mean,"
            "degraded_all_sd,reconstruction_all_mean,reconstruction_all_sd,versus_best_all,"
            "construction_s_mean,construction_s_sd,construction_flops");
  EXPECT_NE(csv.find("a,0,0,100,3,0.900000,0.000000,0.800000,0.100000,0.500000,0.000000,best,"
                     "0.800000,0.000000,0.790000,0.078102,0.400000,0.000000,within noise,"
                     "1.66667,1.1547,10\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("b,0,0,100,3,"), std::string::npos);
  EXPECT_EQ(to_json(report)["rows"][2]["versus_best"]["task"], "within noise");
  EXPECT_EQ(to_json(report)["rows"][2]["versus_best"]["all"], "best");
}

TEST(AccuracyReport, OneSeedCannotTellNoise) {
  const auto report = aggregate_accuracy({7}, {table(0.8, 0.7, 0.6)}, {nlohmann::json::object()});
  EXPECT_EQ(report.rows[0].versus_best.task, "best");
  EXPECT_EQ(report.rows[1].versus_best.task, "n/a");
  EXPECT_EQ(few_seeds_warning(report), "");  // no verdict to warn about
}

TEST(AccuracyReport, VerdictsOnTwoSeedsAreWarnedAbout) {
  const auto two = aggregate_accuracy({1, 2}, {table(0.8, 0.7, 0.6), table(0.9, 0.6, 0.7)},
                                      {nlohmann::json::object(), nlohmann::json::object()});
  EXPECT_EQ(few_seeds_warning(two),
            "warning: the verdicts \"within noise\" and \"below\" rest on 2 seeds (a 95% "
            "interval of ±12.706205 standard errors): give /seeds at least 3 seeds before "
            "quoting them");
  const auto three = aggregate_accuracy(
      {1, 2, 3}, {table(0.8, 0.7, 0.6), table(0.9, 0.6, 0.7), table(0.9, 0.6, 0.7)},
      {nlohmann::json::object(), nlohmann::json::object(), nlohmann::json::object()});
  EXPECT_EQ(few_seeds_warning(three), "");
}

TEST(AccuracyReport, TextListsTheScenariosRuleFirst) {
  const auto report =
      aggregate_accuracy({1}, {table(0.8, 0.7, 0.6)}, {nlohmann::json::object()}, ScoringRule::all);
  const std::string text = to_text(report);
  EXPECT_EQ(text.rfind("scoring all (the scenario's):\n", 0), 0u) << text;
  EXPECT_NE(text.find("\nscoring task:\n"), std::string::npos) << text;
  EXPECT_EQ(to_json(report)["scoring"], "all");
}

}  // namespace
}  // namespace coinsim
