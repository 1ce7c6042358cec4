// The simulator against closed forms. With the network made exact and negligible, no queueing
// (arrivals far apart) and iid exponential service of mean 1/mu, the time until k of n replies
// have arrived is the k-th order statistic of n exponentials, with mean (1/mu) sum_{i=n-k+1}^{n}
// 1/i. Each TEST runs in its own process (one SimGrid engine per process).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "sim/simulation.hpp"
#include "synthetic_table.hpp"

namespace coinsim {
namespace {

constexpr double kMeanService = 1e-3;  // 1e6 flops on a 1 Gflop/s host, times Exp(1)

Scenario closed_form_scenario(int k, int r, const std::string& strategy) {
  Scenario s;
  s.source = "closed_form_test";
  s.name = "closed_form";
  for (int i = 0; i < k; ++i) s.tasks.classes.emplace_back();  // k tasks splitting the 10 classes
  for (int c = 0; c < 10; ++c) s.tasks.classes[c * k / 10].push_back(c);
  s.coding.r = r;
  s.coding.methods = {"coin"};
  s.platform.file = "tests/data/exact_star.xml";
  s.platform.network = "exact";
  s.stragglers.model = "exponential";
  s.stragglers.shift = 0;
  s.stragglers.mean = 1;
  s.load.rate = 2;  // a query every 0.5 s against 1 ms of service: no queueing to speak of
  s.load.queries = 20000;
  s.load.warmup = 0;
  s.strategies = {strategy};
  return s;
}

struct Latencies {
  double mean = 0;
  double standard_error = 0;
  long long decoded = 0;
  long long correct = 0;
  long long scored = 0;
};

Latencies read_latencies(const std::string& csv) {
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);
  double sum = 0, sum_squares = 0;
  long long n = 0;
  Latencies result;
  while (std::getline(in, line)) {
    std::stringstream row(line);
    std::vector<std::string> cells;
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    const double latency = std::stod(cells.at(4));
    sum += latency;
    sum_squares += latency * latency;
    ++n;
    result.scored += std::stoll(cells.at(8));
    result.decoded += std::stoll(cells.at(9));
    result.correct += std::stoll(cells.at(10));
  }
  result.mean = sum / n;
  result.standard_error = std::sqrt((sum_squares / n - result.mean * result.mean) / n);
  return result;
}

double order_statistic_mean(int k, int n) {
  double sum = 0;
  for (int i = n - k + 1; i <= n; ++i) sum += 1.0 / i;
  return kMeanService * sum;
}

void expect_kth_of_n(int k, int r, const std::string& strategy, int servers) {
  const Scenario s = closed_form_scenario(k, r, strategy);
  const Code code = Code::vandermonde(k, r);
  const OutputTable table = synthetic_table(code, {"coin"}, 1000, 1e6);
  const std::string csv = testing::TempDir() + "closed_form_" + strategy + ".csv";
  const auto summary = run_simulation(s, table, strategy, csv);
  EXPECT_EQ(summary["servers"], servers);
  EXPECT_EQ(summary["measured"], 20000);

  const Latencies measured = read_latencies(csv);
  const int needed = k;  // k of the `servers` replies
  const double expected = order_statistic_mean(needed, servers);
  EXPECT_NEAR(measured.mean, expected, 4 * measured.standard_error)
      << "k=" << k << " n=" << servers << " expected " << expected;
  EXPECT_NEAR(summary["latency"]["mean"].get<double>(), measured.mean, 1e-9);
  // Decoded answers come from exact combinations here, so every scored task is right.
  EXPECT_EQ(measured.correct, measured.scored);
  if (strategy == "none") {
    EXPECT_EQ(measured.decoded, 0);
  }
}

TEST(ClosedForm, NoCodingWaitsForAllKReplies) {
  expect_kth_of_n(3, 1, "none", 3);
}

TEST(ClosedForm, OneCodedServerGivesSecondOfThree) {
  expect_kth_of_n(2, 1, "coin", 3);
}

TEST(ClosedForm, TwoCodedServersGiveThirdOfFive) {
  expect_kth_of_n(3, 2, "coin", 5);
}

TEST(ClosedForm, DecodedFractionMatchesProbabilityThatTheCodedReplyIsAmongTheFirstK) {
  // With k = 2, r = 1 the coded reply is among the first two of three with probability 2/3, and
  // then exactly one original is decoded.
  const Scenario s = closed_form_scenario(2, 1, "coin");
  const OutputTable table = synthetic_table(Code::vandermonde(2, 1), {"coin"}, 1000, 1e6);
  const auto summary = run_simulation(s, table, "coin", testing::TempDir() + "decoded.csv");
  const double fraction = summary["fraction_decoded"].get<double>();
  EXPECT_NEAR(fraction, 2.0 / 3.0, 4 * std::sqrt(2.0 / 9.0 / 20000));
}

}  // namespace
}  // namespace coinsim
