// Under load, every request is accounted for: executed or skipped by cancellation, never lost;
// every query is finalised; cancellation saves work without changing which outputs arrive first.
#include <gtest/gtest.h>

#include "sim/simulation.hpp"
#include "synthetic_table.hpp"

namespace coinsim {
namespace {

Scenario loaded_scenario(bool cancellation, double deadline) {
  Scenario s;
  s.source = "conservation_test";
  s.name = "conservation";
  s.tasks.classes = {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}};
  s.coding.methods = {"coin"};
  s.platform.file = "tests/data/exact_star.xml";
  s.stragglers.model = StragglerLaw::bimodal;
  s.load.rate = 700;  // 1 ms base service, mean slowdown 1.45: about 100% load without cancellation
  s.load.queries = 5000;
  s.load.warmup = 0;
  s.serving.cancellation = cancellation;
  s.serving.deadline = deadline;
  StrategySpec coded;
  coded.name = "coin";
  coded.kind = StrategyKind::coded;
  coded.method = "coin";
  s.strategies = {coded};
  return s;
}

nlohmann::json simulate(const Scenario& s, const std::string& csv_name) {
  const OutputTable table = synthetic_table(Code::vandermonde(2, 1), {"coin"}, 1000, 1e6);
  return run_simulation(s, table, "coin", testing::TempDir() + csv_name);
}

TEST(Conservation, CancellationSkipsQueuedWorkAndLosesNothing) {
  const auto summary = simulate(loaded_scenario(true, 0), "cancel.csv");
  EXPECT_EQ(summary["queries_measured"], 5000);
  EXPECT_EQ(summary["requests_sent"], 3 * 5000);
  EXPECT_EQ(summary["requests_executed"].get<long long>() +
                summary["requests_cancelled"].get<long long>(),
            3 * 5000);
  EXPECT_GT(summary["requests_cancelled"].get<long long>(), 500);
  EXPECT_EQ(summary["fraction_tasks_failed"], 0.0);
}

TEST(Conservation, WithoutCancellationEveryRequestRuns) {
  const auto summary = simulate(loaded_scenario(false, 0), "no_cancel.csv");
  EXPECT_EQ(summary["requests_executed"], 3 * 5000);
  EXPECT_EQ(summary["requests_cancelled"], 0);
  // With nothing else running, SimGrid's host-load plugin sees exactly the servers' busy time.
  for (int server = 0; server < 3; ++server)
    EXPECT_NEAR(summary["host_load"][server].get<double>(),
                summary["utilisation"][server].get<double>(), 1e-9);
  EXPECT_GT(summary["utilisation"][0].get<double>(), 0.5);
}

TEST(Conservation, DeadlineUnderOverloadStillFinalisesEveryQuery) {
  const auto summary = simulate(loaded_scenario(false, 0.004), "deadline.csv");
  EXPECT_EQ(summary["queries_measured"], 5000);
  EXPECT_GT(summary["fraction_queries_at_deadline"].get<double>(), 0.0);
  EXPECT_LE(summary["latency_max_s"].get<double>(), 0.004 + 1e-9);
  EXPECT_NEAR(summary["fraction_tasks_original"].get<double>() +
                  summary["fraction_tasks_decoded"].get<double>() +
                  summary["fraction_tasks_fallback"].get<double>() +
                  summary["fraction_tasks_failed"].get<double>(),
              1.0, 1e-12);
}

}  // namespace
}  // namespace coinsim
