// Background load against closed forms.
//   Executions: background jobs alone make each server host an M/M/1 processor-sharing queue with
//   utilisation rho, holding n jobs with probability (1 - rho) rho^n; a short request arriving
//   (Poisson, so it sees that distribution) runs at 1/(n + 1) of the host's speed, so its mean
//   service time is t / (1 - rho).
//   Shuffles: one endless transfer between two server hosts shares their links (max-min fair) with
//   requests and replies: exact times follow from the link bandwidths.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "request_rows.hpp"
#include "sim/simulation.hpp"
#include "synthetic_table.hpp"
#include "test_scenario.hpp"

namespace coinsim {
namespace {

constexpr double kService = 1e-3;  // 1e6 flops on a 1 Gflop/s host

Scenario probe_scenario(const std::string& platform, double rate, int queries) {
  Scenario s = test_scenario("background_load_test", "none");
  s.seed = 5;
  s.platform.file = platform;
  s.load.rate = rate;
  s.load.queries = queries;
  return s;
}

std::vector<RequestRow> simulate(const Scenario& s, const std::string& name,
                                 nlohmann::json* summary = nullptr) {
  const OutputTable table = synthetic_table(Code::vandermonde(2, 1), {"coin"}, 1000, 1e6);
  const std::string dir = testing::TempDir();
  const auto result =
      run_simulation(s, table, "none", dir + name + "-queries.csv", dir + name + "-requests.csv");
  if (summary != nullptr) *summary = result;
  return read_request_rows(dir + name + "-requests.csv");
}

TEST(BackgroundLoad, JobsStretchServiceToOneOverOneMinusRho) {
  // 5 probes/s of 1 ms: the probes barely load the servers themselves.
  Scenario s = probe_scenario("tests/data/exact_star.xml", 5, 10000);
  const double rho = 0.5;
  s.background.execution_rate = 5;
  s.background.execution_flops = rho / 5 * 1e9;  // 0.1 s jobs
  nlohmann::json summary;
  const auto rows = simulate(s, "jobs", &summary);
  // SimGrid's host-load plugin counts the background too: rho from the jobs plus 5 probes/s of
  // 1 ms each; the sampling error of the jobs' load over 2,000 s is about 1%.
  for (int server = 0; server < 2; ++server)
    EXPECT_NEAR(summary["host_load"][server].get<double>(), rho + 5 * kService, 0.03);
  std::vector<double> responses;
  for (const RequestRow& row : rows) responses.push_back(row.response);
  const double mean = std::accumulate(responses.begin(), responses.end(), 0.0) / responses.size();
  // The number of jobs a probe meets is correlated over ~1/(mu - lambda) = 0.2 s; 2,000 s of
  // probes give a standard error near 1.5%.
  EXPECT_NEAR(mean, kService / (1 - rho), 0.06 * kService / (1 - rho));
  std::sort(responses.begin(), responses.end());
  EXPECT_NEAR(responses.front(), kService, 1e-6);  // some probes find no job
}

TEST(BackgroundLoad, AShuffleSharesTheLinksOfItsTwoHosts) {
  // One shuffle of 1 GB at 1 MB/s lasts the whole run: a fixed pair (from, to) of the 3 servers.
  Scenario s = probe_scenario("tests/data/slow_star.xml", 5, 400);
  s.platform.network = NetworkModel::exact;
  s.background.shuffles = 1;
  s.background.shuffle_bytes = 1e9;
  std::map<int, std::vector<double>> by_server;
  for (const RequestRow& row : simulate(s, "shuffle"))
    by_server[row.server].push_back(row.response);
  const double request = 3136 / 1e6, reply = 40 / 1e6;
  const double untouched = request + kService + reply;
  const double sender = request + kService + 2 * reply;    // the reply shares its uplink
  const double receiver = 2 * request + kService + reply;  // the request shares its downlink
  std::multiset<double> seen;
  for (auto& [server, responses] : by_server) {
    std::sort(responses.begin(), responses.end());
    const double median = responses[responses.size() / 2];
    const std::vector<double> expected{untouched, sender, receiver};
    const double nearest = *std::min_element(
        expected.begin(), expected.end(),
        [median](double a, double b) { return std::abs(a - median) < std::abs(b - median); });
    EXPECT_NEAR(median, nearest, 1e-9) << "server " << server;
    seen.insert(nearest);
  }
  // Of three servers, a pair always touches at least one of the two the strategy uses, and no
  // more than one sender and one receiver.
  EXPECT_GT(seen.count(sender) + seen.count(receiver), 0u);
  EXPECT_LE(seen.count(sender), 1u);
  EXPECT_LE(seen.count(receiver), 1u);
}

}  // namespace
}  // namespace coinsim
