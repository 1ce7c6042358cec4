// The simulator against closed forms. With the network made exact and negligible, no queueing
// (arrivals far apart) and iid exponential service of mean 1/mu, each strategy's query latency
// has a known mean: the k-th of n replies, the max of first copies, a hedged minimum, a deadline's
// truncation. Each TEST runs in its own process (one SimGrid engine per process).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "query_rows.hpp"
#include "sim/simulation.hpp"
#include "synthetic_table.hpp"
#include "test_scenario.hpp"

namespace coinsim {
namespace {

constexpr double kMeanService = 1e-3;  // 1e6 flops on a 1 Gflop/s host, times Exp(1)
constexpr int kQueries = 20000;

Scenario closed_form_scenario(int k, int r, const StrategySpec& strategy) {
  Scenario s;
  s.source = "closed_form_test";
  s.name = "closed_form";
  for (int i = 0; i < k; ++i) s.tasks.classes.emplace_back();  // k tasks splitting the 10 classes
  for (int c = 0; c < 10; ++c) s.tasks.classes[c * k / 10].push_back(c);
  s.coding.r = r;
  s.coding.methods = {"coin"};
  s.platform.file = "tests/data/exact_star.xml";
  s.platform.network = NetworkModel::exact;
  s.stragglers.model = StragglerLaw::exponential;
  s.stragglers.shift = 0;
  s.stragglers.mean = 1;
  s.load.rate = 2;  // a query every 0.5 s against 1 ms of service: no queueing to speak of
  s.load.queries = kQueries;
  s.load.warmup = 0;
  s.strategies = {strategy};
  return s;
}

// Column sums and the latency's mean and standard error, read back from the per-query CSV.
struct QueryColumns {
  double mean = 0;
  double standard_error = 0;
  std::map<std::string, long long> sums;
};

QueryColumns read_queries(const std::string& csv) {
  QueryColumns result;
  double sum = 0, sum_squares = 0;
  const std::vector<QueryRow> rows = read_query_rows(csv);
  for (const QueryRow& row : rows)
    for (const auto& [name, value] : row) {
      if (name == "latency_s") {
        sum += value;
        sum_squares += value * value;
      } else if (name != "arrival_s") {
        result.sums[name] += static_cast<long long>(value);
      }
    }
  const double n = static_cast<double>(rows.size());
  result.mean = sum / n;
  result.standard_error = std::sqrt((sum_squares / n - result.mean * result.mean) / n);
  return result;
}

struct SimulatedRun {
  nlohmann::json summary;
  QueryColumns queries;
};

SimulatedRun simulate(const Scenario& s) {
  OutputTable table = synthetic_table(Code::vandermonde(s.k(), s.r()), {"coin"}, 1000, 1e6);
  add_synthetic_backups(table, s.k(), 0.5e6);  // half an original: a 2-task backup costs one
  const std::string csv = testing::TempDir() + "closed_form_" + s.strategies.front().name + ".csv";
  SimulatedRun run;
  run.summary = run_simulation(s, table, s.strategies.front().name, csv);
  run.queries = read_queries(csv);
  EXPECT_EQ(run.summary["queries_measured"], kQueries);
  EXPECT_NEAR(run.summary["latency_mean_s"].get<double>(), run.queries.mean, 1e-9);
  return run;
}

double order_statistic_mean(int k, int n) {
  double sum = 0;
  for (int i = n - k + 1; i <= n; ++i) sum += 1.0 / i;
  return kMeanService * sum;
}

void expect_mean(const SimulatedRun& run, double expected) {
  EXPECT_NEAR(run.queries.mean, expected, 4 * run.queries.standard_error)
      << "expected " << expected;
}

// A proportion measured over kQueries trials, within 4 standard errors of p.
void expect_fraction(double measured, double p) {
  EXPECT_NEAR(measured, p, 4 * std::sqrt(p * (1 - p) / kQueries)) << "expected " << p;
}

TEST(ClosedForm, NoCodingWaitsForAllKReplies) {
  const SimulatedRun run = simulate(closed_form_scenario(3, 1, strategy_of("none")));
  EXPECT_EQ(run.summary["servers"], 3);
  expect_mean(run, order_statistic_mean(3, 3));
  EXPECT_EQ(run.queries.sums.at("tasks_decoded"), 0);
}

TEST(ClosedForm, OneCodedServerGivesSecondOfThree) {
  const SimulatedRun run = simulate(closed_form_scenario(2, 1, strategy_of("coded")));
  EXPECT_EQ(run.summary["servers"], 3);
  expect_mean(run, order_statistic_mean(2, 3));
  // Decoded answers come from exact combinations here, so every scored task is right, under
  // every rule, and every query's end-to-end answer too.
  EXPECT_EQ(run.queries.sums.at("tasks_correct_task"), run.queries.sums.at("tasks_scored"));
  EXPECT_EQ(run.queries.sums.at("tasks_correct_all"), run.queries.sums.at("tasks_scored"));
  EXPECT_EQ(run.queries.sums.at("query_correct"), kQueries);
  EXPECT_EQ(run.summary["accuracy_query"], 1.0);
  EXPECT_GT(run.queries.sums.at("tasks_decoded"), 0);
}

TEST(ClosedForm, TwoCodedServersGiveThirdOfFive) {
  const SimulatedRun run = simulate(closed_form_scenario(3, 2, strategy_of("coded")));
  EXPECT_EQ(run.summary["servers"], 5);
  expect_mean(run, order_statistic_mean(3, 5));
  EXPECT_EQ(run.queries.sums.at("tasks_correct_task"), run.queries.sums.at("tasks_scored"));
}

TEST(ClosedForm, ExecutionOnlyModeGivesTheSameOrderStatistics) {
  Scenario s = closed_form_scenario(3, 2, strategy_of("coded"));
  s.platform.network =
      NetworkModel::none;  // requests and replies handed over at once, no transfers
  const SimulatedRun run = simulate(s);
  expect_mean(run, order_statistic_mean(3, 5));
  EXPECT_EQ(run.summary["requests_executed"], 5 * kQueries);
}

TEST(ClosedForm, CheapBackupCompletesAtTheBackupOrTheSlowerOriginal) {
  // T = min(max(X1, X2), X3) with iid Exp(mu): P(T > t) = 2 e^{-2 mu t} - e^{-3 mu t}, so
  // E[T] = (1 - 1/3) / mu; task i is answered by its backup when X3 < Xi: probability 1/2.
  const SimulatedRun run = simulate(closed_form_scenario(2, 1, strategy_of("cheap-backup")));
  EXPECT_EQ(run.summary["servers"], 3);
  expect_mean(run, kMeanService * 2 / 3);
  const auto& sums = run.queries.sums;
  expect_fraction(static_cast<double>(sums.at("tasks_backup")) / sums.at("tasks_scored"), 0.5);
  EXPECT_EQ(sums.at("tasks_decoded"), 0);
  // Backups are wrong on odd images, with a label of the same task: accuracy = 1 - P(backup) / 2
  // under either rule; end to end the same, since the erring backup is the confident one.
  for (const char* rule : {"tasks_correct_task", "tasks_correct_all"})
    expect_fraction(static_cast<double>(sums.at(rule)) / sums.at("tasks_scored"), 0.75);
  expect_fraction(static_cast<double>(sums.at("query_correct")) / kQueries, 0.75);
  EXPECT_EQ(run.summary["scoring"], "task");
  EXPECT_EQ(run.summary["accuracy"], run.summary["accuracy_task"]);
}

TEST(ClosedForm, DecodedFractionMatchesProbabilityThatTheCodedReplyIsAmongTheFirstK) {
  // With k = 2, r = 1 the coded reply is among the first two of three with probability 2/3.
  const SimulatedRun run = simulate(closed_form_scenario(2, 1, strategy_of("coded")));
  expect_fraction(run.summary["fraction_queries_with_decoded_output"].get<double>(), 2.0 / 3.0);
}

TEST(ClosedForm, FullReplicationWaitsForTheMaxOfFirstCopies) {
  // Each output is the min of two Exp(mu), i.e. Exp(2 mu); the query waits for the max of k = 2.
  const SimulatedRun run = simulate(closed_form_scenario(2, 1, strategy_of("full-replication")));
  EXPECT_EQ(run.summary["servers"], 4);
  expect_mean(run, kMeanService / 2 * (1 + 0.5));
}

TEST(ClosedForm, EqualResourceReplicationReplicatesTheFirstModels) {
  // k = 2, r = 1: output 0 ~ Exp(2 mu) (two copies), output 1 ~ Exp(mu);
  // E[max(X, Y)] = E[X] + E[Y] - E[min(X, Y)] = 1/(2 mu) + 1/mu - 1/(3 mu).
  const SimulatedRun run = simulate(closed_form_scenario(2, 1, strategy_of("replication")));
  EXPECT_EQ(run.summary["servers"], 3);
  expect_mean(run, kMeanService * (0.5 + 1.0 - 1.0 / 3.0));
}

TEST(ClosedForm, HedgedRequestsTakeTheFirstOfOriginalAndDelayedBackup) {
  // Output i arrives at min(T, d + T') with T, T' ~ Exp(mu): survival S(t) = e^{-mu t} before d
  // and e^{-mu (2t - d)} after. With k = 2 independent outputs, E[max] = int (2 S - S^2) dt.
  StrategySpec hedged = strategy_of("hedged");
  hedged.delay = 1e-3;
  hedged.spares = 2;
  const SimulatedRun run = simulate(closed_form_scenario(2, 1, hedged));
  EXPECT_EQ(run.summary["servers"], 4);
  const double mu = 1 / kMeanService, d = hedged.delay;
  double expected = 0;
  const double step = 1e-7;
  for (double t = step / 2; t < 0.05; t += step) {
    const double survival = t < d ? std::exp(-mu * t) : std::exp(-mu * (2 * t - d));
    expected += (2 * survival - survival * survival) * step;
  }
  expect_mean(run, expected);
  // A backup goes out for each output still missing at d: 2 e^{-mu d} per query on average.
  const double backups = run.summary["backups_sent"].get<double>() / kQueries;
  EXPECT_NEAR(backups, 2 * std::exp(-mu * d), 4 * std::sqrt(2 * 0.37 * 0.63 / kQueries));
}

TEST(ClosedForm, DeadlineTruncatesLatencyAndFailsTheMissingOutputs) {
  // k = 2, no coding, deadline D = 2/mu: a query waits min(max(T1, T2), D); it is finalised at the
  // deadline with probability 1 - (1 - e^{-2})^2; its scored task fails when that task's own
  // output is late, with probability e^{-2}.
  Scenario s = closed_form_scenario(2, 1, strategy_of("none"));
  s.serving.deadline = 2 * kMeanService;
  const SimulatedRun run = simulate(s);
  const double late = std::exp(-2.0);
  expect_fraction(run.summary["fraction_queries_at_deadline"].get<double>(),
                  1 - (1 - late) * (1 - late));
  expect_fraction(run.summary["fraction_tasks_failed"].get<double>(), late);
  // E[min(max(T1, T2), D)] = int_0^D 1 - (1 - e^{-mu t})^2 dt.
  const double mu = 1 / kMeanService, D = s.serving.deadline;
  const double expected = 2 * (1 - std::exp(-mu * D)) / mu - (1 - std::exp(-2 * mu * D)) / (2 * mu);
  expect_mean(run, expected);
  EXPECT_LE(run.summary["latency_max_s"].get<double>(), D + 1e-9);
}

TEST(ClosedForm, DefaultAnswerFallbackIsRightOnlyForTheMajorityClass) {
  // With the default fallback, a late task answers its majority class: for the synthetic labels
  // (n mod 10, classes 0-4 and 5-9) that is the task's first class, right for 1 in 5 images.
  Scenario s = closed_form_scenario(2, 1, strategy_of("none"));
  s.serving.deadline = 2 * kMeanService;
  s.serving.fallback = Fallback::default_answer;
  const SimulatedRun run = simulate(s);
  const long long scored = run.queries.sums.at("tasks_scored");
  const long long fallback = run.queries.sums.at("tasks_fallback");
  EXPECT_EQ(run.queries.sums.at("tasks_failed"), 0);
  expect_fraction(static_cast<double>(fallback) / scored, std::exp(-2.0));
  // Every answer that was not a fallback is right (the synthetic originals are exact).
  const long long wrong = scored - run.queries.sums.at("tasks_correct_task");
  EXPECT_NEAR(static_cast<double>(wrong) / fallback, 0.8, 4 * std::sqrt(0.16 / fallback));
  // End to end, a default answer weighs as its prior (0.2 per class) against an original's 0.02
  // on another task's classes: the query is wrong when its own task's fallback is, and besides
  // when both tasks fall back (all ten classes tie at 0.2: class 0 wins) on an image of class 5:
  // probability e^-4 / 10.
  const long long query_wrong = kQueries - run.queries.sums.at("query_correct");
  EXPECT_GE(query_wrong, wrong);
  expect_fraction(static_cast<double>(query_wrong - wrong) / kQueries, std::exp(-4.0) / 10);
  EXPECT_EQ(run.queries.sums.at("tasks_correct_all"), run.queries.sums.at("tasks_correct_task"));
}

}  // namespace
}  // namespace coinsim
