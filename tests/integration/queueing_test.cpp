// A model server is a FIFO queue: with Poisson arrivals and exponential service (network made
// exact and negligible) each server is an M/M/1 queue, whose mean response time is 1/(mu - lambda),
// or on a host with c cores an M/M/c queue (Erlang C). Checked from the per-request log; the
// standard error comes from batch means, since successive response times in a queue are correlated.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "request_rows.hpp"
#include "sim/simulation.hpp"
#include "synthetic_table.hpp"

namespace coinsim {
namespace {

constexpr double kMu = 1000;  // 1e6 flops on 1 Gflop/s, times Exp(1): mean service 1 ms
constexpr int kQueries = 100000;
constexpr int kWarmup = 5000;

Scenario queue_scenario(const std::string& platform, double rate) {
  Scenario s;
  s.source = "queueing_test";
  s.name = "mm1";
  s.tasks.classes = {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}};
  s.platform.file = platform;
  s.platform.network = NetworkModel::exact;
  s.stragglers.model = StragglerLaw::exponential;
  s.stragglers.shift = 0;
  s.stragglers.mean = 1;
  s.load.rate = rate;
  s.load.queries = kQueries;
  s.load.warmup = kWarmup;
  StrategySpec none;
  none.name = "none";
  none.kind = StrategyKind::none;
  s.strategies = {none};
  return s;
}

// Response times of server 0 after the warm-up, in the order the server answered them.
std::vector<double> server_responses(const std::string& csv) {
  std::vector<double> responses;
  for (const RequestRow& row : read_request_rows(csv))
    if (row.query >= kWarmup && row.server == 0) responses.push_back(row.response);
  return responses;
}

// Mean response time of an M/M/c queue with utilisation rho = lambda / (c mu).
double mmc_response(int c, double rho) {
  const double a = c * rho;  // offered load
  double term = 1, sum = 0;  // a^n / n!
  for (int n = 0; n < c; ++n) {
    sum += term;
    term *= a / (n + 1);
  }
  const double waiting_term = term / (1 - rho);  // a^c / (c! (1 - rho))
  const double erlang_c = waiting_term / (sum + waiting_term);
  return erlang_c / (c * kMu - rho * c * kMu) + 1 / kMu;
}

void expect_mmc(const std::string& platform, int cores, double rho) {
  const double lambda = rho * cores * kMu;
  const OutputTable table = synthetic_table(Code::vandermonde(2, 1), {"coin"}, 1000, 1e6);
  const std::string dir = testing::TempDir();
  run_simulation(queue_scenario(platform, lambda), table, "none", dir + "mm1_queries.csv",
                 dir + "mm1_requests.csv");
  const auto responses = server_responses(dir + "mm1_requests.csv");
  ASSERT_EQ(responses.size(), static_cast<std::size_t>(kQueries - kWarmup));
  constexpr int kBatches = 40;
  const std::size_t per_batch = responses.size() / kBatches;
  std::vector<double> means;
  for (int b = 0; b < kBatches; ++b) {
    double sum = 0;
    for (std::size_t i = b * per_batch; i < (b + 1) * per_batch; ++i) sum += responses[i];
    means.push_back(sum / per_batch);
  }
  double mean = 0, spread = 0;
  for (const double m : means) mean += m / kBatches;
  for (const double m : means) spread += (m - mean) * (m - mean) / (kBatches - 1);
  const double standard_error = std::sqrt(spread / kBatches);
  const double expected = mmc_response(cores, rho);
  EXPECT_NEAR(mean, expected, 4 * standard_error) << "rho " << rho << ": expected " << expected;
  EXPECT_LT(standard_error, 0.05 * expected);  // the check has teeth
}

TEST(Queueing, MM1AtHalfLoad) {
  EXPECT_DOUBLE_EQ(mmc_response(1, 0.5), 1 / (kMu - 0.5 * kMu));  // Erlang C reduces to M/M/1
  expect_mmc("tests/data/exact_star.xml", 1, 0.5);
}

TEST(Queueing, MM1AtSeventyPercentLoad) {
  expect_mmc("tests/data/exact_star.xml", 1, 0.7);
}

TEST(Queueing, MM2OnTwoCoreHostsAtSeventyPercentLoad) {
  // M/M/2: E[T] = 1/mu + (2 rho^2 / (1 + rho)) / (2 mu - lambda).
  EXPECT_NEAR(mmc_response(2, 0.7), 1 / kMu + (2 * 0.49 / 1.7) / (2 * kMu - 1.4 * kMu), 1e-15);
  expect_mmc("tests/data/dual_core_star.xml", 2, 0.7);
}

}  // namespace
}  // namespace coinsim
