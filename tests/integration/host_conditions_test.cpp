// Host conditions over time: failures (state profiles), slowdown episodes and speed traces (speed
// profiles). Each test regenerates the profile the simulation drew (same seed, same stream) and
// checks the per-request log against it: what was sent to a host that was down is lost, a failure
// loses exactly what its server owed, slow periods stretch service by 1/speed.
#include "sim/host_conditions.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "request_rows.hpp"
#include "sim/simulation.hpp"
#include "synthetic_table.hpp"
#include "test_scenario.hpp"

namespace coinsim {
namespace {

constexpr double kService = 1e-3;  // 1e6 flops on a 1 Gflop/s host

Scenario base_scenario(const std::string& strategy_kind) {
  Scenario s = test_scenario("host_conditions_test", strategy_kind);
  s.seed = 11;
  s.load.rate = 100;
  s.load.queries = 4000;
  return s;
}

nlohmann::json simulate(const Scenario& s, const std::string& name) {
  const OutputTable table = synthetic_table(Code::vandermonde(2, 1), {"coin"}, 1000, 1e6);
  const std::string dir = testing::TempDir();
  return run_simulation(s, table, s.strategies[0].name, dir + name + "-queries.csv",
                        dir + name + "-requests.csv");
}

struct Interval {
  double begin, end;
};

// The periods at value `off` of an on/off profile.
std::vector<Interval> off_periods(const std::string& profile, double off) {
  std::vector<Interval> periods;
  std::istringstream lines(profile);
  double date = 0, value = 0;
  while (lines >> date >> value) {
    if (value == off)
      periods.push_back({date, INFINITY});
    else if (!periods.empty() && std::isinf(periods.back().end))
      periods.back().end = date;
  }
  return periods;
}

std::vector<Interval> drawn_periods(const Scenario& s, const std::string& purpose,
                                    const std::string& host, double mean_on, double mean_off,
                                    double off) {
  auto stream = random_stream(s.seed, purpose + "/" + host);
  return off_periods(on_off_profile(stream, mean_on, mean_off, 1, off, profile_horizon(s)), off);
}

bool inside(const std::vector<Interval>& periods, double t) {
  return std::any_of(periods.begin(), periods.end(),
                     [t](const Interval& p) { return p.begin <= t && t < p.end; });
}

bool is_start(const std::vector<Interval>& periods, double t) {
  return std::any_of(periods.begin(), periods.end(),
                     [t](const Interval& p) { return std::abs(p.begin - t) < 1e-8; });
}

bool overlaps(const std::vector<Interval>& periods, double from, double to) {
  return std::any_of(periods.begin(), periods.end(),
                     [&](const Interval& p) { return p.begin <= to && from < p.end; });
}

Scenario failing_scenario() {
  Scenario s = base_scenario("coded");
  s.serving.deadline = 0.02;
  s.hosts.failures = true;
  s.hosts.mtbf = 2;
  s.hosts.mttr = 0.5;
  return s;
}

TEST(HostFailures, EveryRequestIsAnsweredOrLostAndTheRunEnds) {
  const Scenario s = failing_scenario();
  const auto summary = simulate(s, "failures");
  EXPECT_EQ(summary["queries_measured"], s.load.queries);
  EXPECT_EQ(summary["requests_sent"], 3 * s.load.queries);
  EXPECT_EQ(
      summary["replies_received"].get<long long>() + summary["requests_lost"].get<long long>(),
      3 * s.load.queries);
  EXPECT_GT(summary["host_failures"].get<long long>(), 10);
  EXPECT_LE(summary["latency_max_s"].get<double>(), s.serving.deadline + 1e-9);
  // With one coded server a query fails only when two of its three hosts are down: rare, but
  // the failure fraction (1/5 of the time down) must show up as decoded and failed answers.
  EXPECT_GT(summary["fraction_tasks_decoded"].get<double>(), 0.1);
  EXPECT_GT(summary["fraction_tasks_failed"].get<double>(), 0.0);
  EXPECT_LT(summary["fraction_tasks_failed"].get<double>(),
            summary["fraction_tasks_decoded"].get<double>());
}

TEST(HostFailures, LostRequestsAreExactlyThoseTheDownHostOwed) {
  const Scenario s = failing_scenario();
  simulate(s, "owed");
  std::vector<std::vector<Interval>> down;
  for (int server = 0; server < 3; ++server)
    down.push_back(drawn_periods(s, "failures", "server-" + std::to_string(server), s.hosts.mtbf,
                                 s.hosts.mttr, 0));
  long long lost_at_send = 0, lost_at_failure = 0, answered = 0;
  for (const RequestRow& row : read_request_rows(testing::TempDir() + "owed-requests.csv")) {
    const auto& periods = down.at(row.server);
    if (inside(periods, row.sent)) {  // sent to a host that was down: lost at once
      EXPECT_EQ(row.answer, "lost") << "query " << row.query;
      EXPECT_DOUBLE_EQ(row.replied, row.sent);
      ++lost_at_send;
    } else if (row.answer == "lost") {  // owed when the host failed
      EXPECT_TRUE(is_start(periods, row.replied)) << "query " << row.query;
      ++lost_at_failure;
    } else {  // answered: no failure between sending and receiving
      EXPECT_FALSE(overlaps(periods, row.sent, row.replied)) << "query " << row.query;
      ++answered;
    }
  }
  EXPECT_GT(lost_at_send, 500);   // ~20% of 12,000 requests
  EXPECT_GT(lost_at_failure, 0);  // some request was being served or in transit
  EXPECT_GT(answered, 8000);
}

TEST(SlowdownEpisodes, SlowPeriodsStretchServiceByOneOverSpeed) {
  Scenario s = base_scenario("none");
  s.hosts.episodes = true;
  s.hosts.episode_between = 2;
  s.hosts.episode_duration = 1;
  s.hosts.episode_speed = 0.25;
  simulate(s, "episodes");
  std::vector<double> slow, normal;
  for (const RequestRow& row : read_request_rows(testing::TempDir() + "episodes-requests.csv")) {
    const auto periods =
        drawn_periods(s, "episodes", "server-" + std::to_string(row.server),
                      s.hosts.episode_between, s.hosts.episode_duration, s.hosts.episode_speed);
    if (inside(periods, row.sent) && inside(periods, row.replied))
      slow.push_back(row.response);
    else if (!overlaps(periods, row.sent, row.replied))
      normal.push_back(row.response);
  }
  ASSERT_GT(slow.size(), 500u);
  ASSERT_GT(normal.size(), 2000u);
  // At 10% load most requests find an idle server: the shortest (and the median) response is the
  // service time alone.
  for (auto* sample : {&slow, &normal}) std::sort(sample->begin(), sample->end());
  EXPECT_NEAR(slow.front(), 4 * kService, 1e-6);
  EXPECT_NEAR(slow[slow.size() / 2], 4 * kService, 1e-6);
  EXPECT_NEAR(normal.front(), kService, 1e-6);
  EXPECT_NEAR(normal[normal.size() / 2], kService, 1e-6);
}

std::string write_trace(const std::string& name, const std::string& text) {
  const std::string path = testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(SpeedTraces, AHostRunsAtTheTracedSpeedFromEachDate) {
  Scenario s = base_scenario("none");
  s.hosts.speed_traces["server-0"] = write_trace("half.trace", "0 1\n20 0.5\n");
  simulate(s, "trace");
  std::vector<double> before, after, other;
  for (const RequestRow& row : read_request_rows(testing::TempDir() + "trace-requests.csv")) {
    if (row.server == 1)
      other.push_back(row.response);
    else if (row.replied < 20)
      before.push_back(row.response);
    else if (row.sent > 20)
      after.push_back(row.response);
  }
  for (auto* sample : {&before, &after, &other}) {
    ASSERT_GT(sample->size(), 1000u);
    std::sort(sample->begin(), sample->end());
  }
  EXPECT_NEAR(before[before.size() / 2], kService, 1e-6);
  EXPECT_NEAR(after[after.size() / 2], 2 * kService, 1e-6);
  EXPECT_NEAR(other[other.size() / 2], kService, 1e-6);
}

std::string trace_error(const std::string& text) {
  return error_message([&] {
    read_speed_trace(write_trace("bad.trace", text), "s.json: /hosts/speed_traces/server-0");
  });
}

TEST(SpeedTraces, MalformedTracesAreNamedWithFileAndLine) {
  const std::string file = testing::TempDir() + "bad.trace";
  EXPECT_EQ(trace_error("0 1\n5 0.5\n"), "");
  EXPECT_EQ(trace_error("# comment\nPERIODICITY 10\n0 1\n"), "");
  EXPECT_EQ(trace_error("0 1\n5 fast\n"), "s.json: /hosts/speed_traces/server-0: " + file +
                                              ":2: expected \"date speed\", got \"5 fast\"");
  EXPECT_EQ(trace_error("0 1\n5 0.5 extra\n"), "s.json: /hosts/speed_traces/server-0: " + file +
                                                   ":2: unexpected \"extra\" after the speed");
  EXPECT_EQ(trace_error("5 1\n2 0.5\n"),
            "s.json: /hosts/speed_traces/server-0: " + file + ":2: dates must increase");
  EXPECT_EQ(trace_error("-1 1\n"),
            "s.json: /hosts/speed_traces/server-0: " + file + ":1: dates must not be negative");
  EXPECT_EQ(trace_error("0 1.5\n"), "s.json: /hosts/speed_traces/server-0: " + file +
                                        ":1: speeds are fractions of peak speed in (0, 1]");
  EXPECT_EQ(trace_error("LOOPAFTER -3\n"), "s.json: /hosts/speed_traces/server-0: " + file +
                                               ":1: LOOPAFTER needs a positive number of seconds");
  EXPECT_EQ(trace_error("# nothing\n"),
            "s.json: /hosts/speed_traces/server-0: " + file + ": no \"date speed\" line");
}

TEST(SpeedTraces, AnUnknownHostIsNamed) {
  Scenario s = base_scenario("none");
  s.hosts.speed_traces["server-9"] = write_trace("ok.trace", "0 1\n");
  EXPECT_EQ(error_message([&] { simulate(s, "unknown"); }),
            "host_conditions_test: /hosts/speed_traces/server-9: no server host \"server-9\" in "
            "tests/data/exact_star.xml");
}

}  // namespace
}  // namespace coinsim
