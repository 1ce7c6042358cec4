// The platforms in platforms/: each loads and serves, and each models what its comment says —
// per-host speeds and links (heterogeneous.xml), the slower link between zones (two-zones.xml) —
// checked to the nanosecond with the network made exact and queries far apart: response =
// request transfer + forward flops / host speed + reply transfer. A transfer over a route takes
// its latencies plus bytes over its bandwidth share; the requests of one query leave together
// and share the frontend's link fairly (max-min), and so do replies that return together.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "common/files.hpp"
#include "request_rows.hpp"
#include "sim/simulation.hpp"
#include "synthetic_table.hpp"
#include "test_scenario.hpp"

namespace coinsim {
namespace {

constexpr double kFlops = 1e6;
constexpr double kRequestBytes = 3136;  // the 28x28 float image
constexpr double kReplyBytes = 40;      // 10 floats

Scenario platform_scenario(const std::string& platform, const std::string& strategy,
                           std::vector<std::vector<int>> tasks = {{0, 1, 2, 3, 4},
                                                                  {5, 6, 7, 8, 9}}) {
  Scenario s = test_scenario("platform_test", strategy);
  s.tasks.classes = std::move(tasks);
  s.platform.file = platform;
  s.platform.network = NetworkModel::exact;
  s.load.rate = 5;  // far apart: no queueing, no sharing of links
  s.load.queries = 200;
  return s;
}

// Median response time per server slot.
std::map<int, double> median_responses(const Scenario& s, double measured_seconds = 0) {
  const OutputTable table = synthetic_table(Code::vandermonde(s.k(), 1), {"coin"}, 1000, kFlops);
  const std::string dir = testing::TempDir();
  const auto summary = run_simulation(s, table, s.strategies[0].name, dir + "platform-q.csv",
                                      dir + "platform-r.csv", measured_seconds);
  EXPECT_EQ(summary["queries_measured"], s.load.queries);
  std::map<int, std::vector<double>> by_server;
  for (const RequestRow& row : read_request_rows(dir + "platform-r.csv"))
    by_server[row.server].push_back(row.response);
  std::map<int, double> medians;
  for (auto& [server, responses] : by_server) {
    std::sort(responses.begin(), responses.end());
    medians[server] = responses[responses.size() / 2];
  }
  return medians;
}

double transfer(double bytes, double latency, double bandwidth) {
  return latency + bytes / bandwidth;
}

TEST(Platforms, ClusterServesEveryStrategy) {
  const auto medians =
      median_responses(platform_scenario("platforms/cluster.xml", "full-replication"));
  ASSERT_EQ(medians.size(), 4u);
  const double one_way = 15e-6;                 // host link, backbone, host link: 5 us each
  for (const auto& [server, median] : medians)  // four requests, then four replies, together
    EXPECT_NEAR(median,
                transfer(4 * kRequestBytes, one_way, 1.25e9) + kFlops / 1e9 +
                    transfer(4 * kReplyBytes, one_way, 1.25e9),
                1e-9)
        << "server " << server;
}

TEST(Platforms, ColourImagesAreFourTimesLargerRequests) {
  // A CIFAR request carries 3 x 32 x 32 floats: 12,288 bytes where a grey image has 3,136.
  Scenario s = platform_scenario("platforms/cluster.xml", "full-replication");
  s.dataset.name = DatasetName::cifar10;
  const double image_bytes = 3 * 32 * 32 * 4.0;
  for (const auto& [server, median] : median_responses(s))
    EXPECT_NEAR(median,
                transfer(4 * image_bytes, 15e-6, 1.25e9) + kFlops / 1e9 +
                    transfer(4 * kReplyBytes, 15e-6, 1.25e9),
                1e-9)
        << "server " << server;
}

TEST(Platforms, HeterogeneousHostsRunAtTheirOwnSpeedsOverTheirOwnLinks) {
  // Full replication of k = 3: six requests per query, one to every host.
  const auto medians = median_responses(platform_scenario(
      "platforms/heterogeneous.xml", "full-replication", {{0, 1, 2}, {3, 4, 5}, {6, 7, 8, 9}}));
  ASSERT_EQ(medians.size(), 6u);
  const double links[] = {156.25e6, 156.25e6, 93.75e6, 93.75e6, 56.25e6, 56.25e6};
  const double frontend_link = 312.5e6, one_way = 100e-6;  // two 50 us links
  // Slots 0..2 hold originals 0..2, slots 3..5 their replicas: slot s is host server-0s.
  for (int server = 0; server < 6; ++server) {
    const double speed = server < 2 ? 1.2e9 : server < 4 ? 1.03e9 : 0.77e9;
    // The six requests share the frontend's uplink (each of the six downlinks is wider than
    // a sixth of it); the two replies of hosts of one type return together.
    const double request = transfer(6 * kRequestBytes, one_way, frontend_link);
    const double reply = transfer(kReplyBytes, one_way, std::min(links[server], frontend_link / 2));
    EXPECT_NEAR(medians.at(server), request + kFlops / speed + reply, 1e-9) << "server " << server;
  }
}

TEST(Platforms, TwoZonesPutTheRedundantServerAcrossTheSlowLink) {
  const auto medians = median_responses(platform_scenario("platforms/two-zones.xml", "coded"));
  ASSERT_EQ(medians.size(), 3u);
  const double near = 15e-6, far = 270e-6;  // 5+5+5 us; 5+5+250+5+5 us
  // The two zone-A requests (and replies) travel together; the zone-B one starts using
  // bandwidth only after its 270 us of latency, alone, at the inter-zone link's 5 Gb/s.
  for (const int server : {0, 1})
    EXPECT_NEAR(medians.at(server),
                transfer(2 * kRequestBytes, near, 1.25e9) + kFlops / 1e9 +
                    transfer(2 * kReplyBytes, near, 1.25e9),
                1e-9);
  EXPECT_NEAR(
      medians.at(2),
      transfer(kRequestBytes, far, 625e6) + kFlops / 1e9 + transfer(kReplyBytes, far, 625e6), 1e-9);
}

TEST(Platforms, MeasuredCalibrationRunsTheTimedForwardPassOnAOneGflopHost) {
  Scenario s = platform_scenario("platforms/heterogeneous.xml", "none");
  s.platform.calibration = Calibration::measured;
  const auto medians = median_responses(s, 2e-3);   // "timed" at 2 ms, against 1e6 flops counted
  const double one_way = 100e-6, share = 156.25e6;  // half the frontend's link = each host's
  for (const int server : {0, 1})                   // 1.2 Gflop/s hosts: 2 ms x 1e9 / 1.2e9
    EXPECT_NEAR(medians.at(server),
                transfer(kRequestBytes, one_way, share) + 2e-3 / 1.2 +
                    transfer(kReplyBytes, one_way, share),
                1e-9);
}

TEST(Platforms, MeasuredCalibrationNeedsTheMeasuredTime) {
  Scenario s = platform_scenario("platforms/cluster.xml", "none");
  s.platform.calibration = Calibration::measured;
  EXPECT_EQ(error_message([&] { median_responses(s, 0); }),
            "platform_test: /platform/calibration: \"measured\" needs the forward pass's "
            "measured time (coinsim-simulate --forward-seconds)");
}

TEST(Platforms, MalformedPlatformXmlIsOneLineNamingTheFile) {
  const std::string file = testing::TempDir() + "malformed_platform.xml";
  write_file_atomically(file, "<?xml version=\"1.0\"?><platform version=\"4.1\"><zone");
  Scenario s = platform_scenario(file, "none");
  const std::string error = error_message([&] { check_platform(s); });
  EXPECT_EQ(error.rfind("platform_test: /platform/file: cannot load " + file + ": ", 0), 0u)
      << error;
  EXPECT_EQ(error.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace coinsim
