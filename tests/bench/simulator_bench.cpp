// Simulator throughput: simulated queries per wall-second of one `coinsim-simulate` process (one
// core), 5 servers, first 4 of 5 replies (k = 4, r = 1, coded), Poisson load at 60% server
// utilisation with bimodal stragglers, on platforms/cluster.xml. Two modes: the network modelled
// (SimGrid's LV08, every request and reply a transfer) and execution only (network "none").
// Targets (issue 4): >= 15,000 queries/s with the network, >= 40,000 execution only, and peak
// memory independent of the number of queries (compare the 100k and 400k rows).
//
// SimGrid allows one engine per process, so each iteration spawns the real binary and the time
// is taken around it (manual time). The output table is synthetic, so no LibTorch is involved.
//   build/tests/simulator_bench --benchmark_repetitions=3
// COINSIM_BENCH_QUERIES overrides the query counts (the ctest smoke run uses a small one).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "../integration/synthetic_table.hpp"
#include "app/simulate_arguments.hpp"
#include "coin/coding/code.hpp"
#include "coin/coding/output_table.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "common/subprocess.hpp"

namespace {

namespace fs = std::filesystem;

// The MLP of the default scenario: 784-200-10.
constexpr double kForwardFlops = 2 * (784 * 200 + 200 * 10) + 200 + 200 + 10;
constexpr double kMeanSlowdown = 1 + 0.05 * (10 - 1);  // bimodal: 5% take 10x

int query_count(int requested) {
  const char* text = std::getenv("COINSIM_BENCH_QUERIES");
  return text != nullptr ? std::atoi(text) : requested;
}

fs::path workspace() {
  const fs::path dir = fs::temp_directory_path() / "coinsim-bench";
  fs::create_directories(dir);
  return dir;
}

// Written afresh by every run, so that a table from an older build never gets in the way.
fs::path table_file() {
  const fs::path path = workspace() / "table.bin";
  const coinsim::Code code = coinsim::Code::vandermonde(4, 1);
  coinsim::save_table(coinsim::synthetic_table(code, {"coin"}, 1000, kForwardFlops), path);
  return path;
}

coinsim::Scenario bench_scenario(const std::string& network, int queries) {
  const double service = kForwardFlops / 1e9 * kMeanSlowdown;  // 1 Gflop/s servers
  const nlohmann::json scenario = {
      {"name", "bench"},
      {"tasks", {{"classes", {{0, 1}, {2, 3}, {4, 5}, {6, 7, 8, 9}}}}},
      {"coding", {{"r", 1}, {"weights", {{0.25, 0.25, 0.25, 0.25}}}, {"methods", {"coin"}}}},
      {"platform",
       {{"file", std::string(COINSIM_SOURCE_DIR) + "/platforms/cluster.xml"},
        {"network", network}}},
      {"stragglers", {{"model", "bimodal"}, {"probability", 0.05}, {"slowdown", 10}}},
      {"load", {{"rate", 0.6 / service}, {"queries", queries}, {"warmup", 1000}}},
      {"strategies", {"coin"}}};
  return coinsim::parse_scenario(scenario, "bench-" + network + ".json");
}

void simulate(benchmark::State& state, const std::string& network) {
  const int queries = query_count(static_cast<int>(state.range(0)));
  const fs::path out = workspace();
  coinsim::SimulateArguments arguments;  // as `coinsim run` starts it: the snapshot on stdin
  arguments.source = "bench-" + network + ".json";
  arguments.strategy = "coin";
  arguments.table = table_file();
  arguments.queries_csv = out / "queries.csv";
  arguments.summary = out / "summary.json";
  const coinsim::Command command =
      coinsim::simulate_command(std::string(COINSIM_BINARY_DIR) + "/coinsim-simulate", arguments,
                                bench_scenario(network, queries));
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    const coinsim::Finished finished = coinsim::run_measured(command);
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    if (finished.exit_code != 0) {
      state.SkipWithError("coinsim-simulate failed");
      return;
    }
    state.SetIterationTime(wall.count());
    state.counters["queries_per_s"] = queries / wall.count();
    state.counters["peak_rss_MB"] = finished.peak_rss_mb;
  }
  state.counters["queries"] = queries;
}

void BM_NetworkModelled(benchmark::State& state) {
  simulate(state, "default");
}
void BM_ExecutionOnly(benchmark::State& state) {
  simulate(state, "none");
}

BENCHMARK(BM_ExecutionOnly)
    ->Arg(100000)
    ->Arg(400000)
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_NetworkModelled)
    ->Arg(100000)
    ->Arg(400000)
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kSecond);

// The console report, remembering whether any benchmark failed: the smoke test must fail then.
class FailureAwareReporter : public benchmark::ConsoleReporter {
 public:
  FailureAwareReporter() : ConsoleReporter(OO_None) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) failed_ = failed_ || run.error_occurred;
    ConsoleReporter::ReportRuns(runs);
  }
  bool failed() const { return failed_; }

 private:
  bool failed_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  FailureAwareReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return reporter.failed() ? 1 : 0;
}
