// Determinism, through coinsim-simulate as `coinsim run` spawns it: the same scenario and seed
// give byte-identical outputs; another seed gives different queries with consistent statistics.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/simulate_arguments.hpp"
#include "coin/coding/output_table.hpp"
#include "common/files.hpp"
#include "synthetic_table.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct Outputs {
  std::string queries;
  std::string requests;
  Json summary;
};

Outputs simulate(const fs::path& dir, int seed, const std::string& tag) {
  const Json scenario = {{"seed", seed},
                         {"tasks", {{"classes", {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}}}}},
                         {"coding", {{"methods", {"coin"}}}},
                         {"platform", {{"file", "tests/data/exact_star.xml"}}},
                         {"stragglers", {{"model", "pareto"}, {"shape", 2.5}}},
                         {"load", {{"rate", 500}, {"queries", 20000}, {"warmup", 500}}},
                         {"serving", {{"deadline", 0.01}, {"cancellation", true}}},
                         {"strategies", {"coin"}}};
  SimulateArguments arguments;  // the snapshot on standard input, as `coinsim run` hands it
  arguments.source = "determinism-" + tag + ".json";
  arguments.strategy = "coin";
  arguments.table = dir / "table.bin";
  arguments.queries_csv = dir / ("q-" + tag + ".csv");
  arguments.requests_csv = dir / ("r-" + tag + ".csv");
  arguments.summary = dir / ("s-" + tag + ".json");
  const Command command = simulate_command(std::string(COINSIM_BINARY_DIR) + "/coinsim-simulate",
                                           arguments, parse_scenario(scenario, arguments.source));
  EXPECT_EQ(run_commands({command}, 1).front(), 0) << command.argv.at(0);
  return {read_file(dir / ("q-" + tag + ".csv")), read_file(dir / ("r-" + tag + ".csv")),
          Json::parse(read_file(dir / ("s-" + tag + ".json")))};
}

TEST(Determinism, SameSeedSameBytesOtherSeedSameStatistics) {
  const fs::path dir = fs::path(testing::TempDir()) / "coinsim_determinism";
  fs::remove_all(dir);
  fs::create_directories(dir);
  save_table(synthetic_table(Code::vandermonde(2, 1), {"coin"}, 1000, 1e6), dir / "table.bin");

  const Outputs first = simulate(dir, 1, "a");
  const Outputs again = simulate(dir, 1, "b");
  const Outputs other = simulate(dir, 2, "c");
  EXPECT_EQ(first.queries, again.queries);
  EXPECT_EQ(first.requests, again.requests);
  EXPECT_EQ(first.summary.dump(), again.summary.dump());
  EXPECT_NE(first.queries, other.queries);

  // 19,500 measured queries each: means agree within a few percent, fractions within noise.
  const double mean_a = first.summary["latency_mean_s"].get<double>();
  const double mean_c = other.summary["latency_mean_s"].get<double>();
  EXPECT_NEAR(mean_a / mean_c, 1.0, 0.05);
  const double decoded_a = first.summary["fraction_queries_with_decoded_output"].get<double>();
  const double decoded_c = other.summary["fraction_queries_with_decoded_output"].get<double>();
  EXPECT_NEAR(decoded_a, decoded_c, 4 * std::sqrt(2 * 0.25 / 19500));
}

}  // namespace
}  // namespace coinsim
