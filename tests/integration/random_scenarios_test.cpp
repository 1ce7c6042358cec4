// Hundreds of random valid scenarios (random_scenario.hpp) through the real coinsim-simulate, each
// checked against invariants that hold whatever the set-up:
//   - every query is finalised exactly once (one row per query id);
//   - requests sent = replies received + requests lost;
//   - no latency below the fastest possible service (the cheapest model on the fastest server at
//     the straggler law's least slowdown), or the deadline if that comes first;
//   - the summary's decoded fraction, measured count and decoded tasks agree with the query log;
//   - the same seed gives the same bytes (every tenth scenario is run twice).
// A scenario that breaks one is kept as a file with the command that re-runs it.
// COINSIM_RANDOM_SCENARIOS sets how many (default 200).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "app/simulate_arguments.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "query_rows.hpp"
#include "random_scenario.hpp"
#include "synthetic_table.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr double kForwardFlops = 3e5;
constexpr double kBackupFlops = 1e5;
constexpr double kFastestServer = 1e9;  // flop/s: every server of the platforms drawn from

int scenario_count() {
  const char* text = std::getenv("COINSIM_RANDOM_SCENARIOS");
  return text != nullptr ? std::atoi(text) : 200;
}

// One simulation of one strategy of one random scenario.
struct Simulation {
  std::uint64_t seed;
  Scenario scenario;
  SimulateArguments arguments;
  Command command;
};

class RandomScenarios : public testing::Test {
 protected:
  void SetUp() override {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  // The synthetic table for k tasks and r coded rows, with cheap backups.
  fs::path table_for(int k, int r) {
    const fs::path path =
        dir_ / ("table-k" + std::to_string(k) + "-r" + std::to_string(r) + ".bin");
    if (!fs::exists(path)) {
      OutputTable table = synthetic_table(Code::vandermonde(k, r), {"coin"}, 500, kForwardFlops);
      add_synthetic_backups(table, k, kBackupFlops);
      save_table(table, path);
    }
    return path;
  }

  Simulation run_of(std::uint64_t seed, const Scenario& s, const fs::path& file,
                    const StrategySpec& spec, const std::string& tag) {
    Simulation run{seed, s, {}, {}};
    run.arguments.scenario = file.string();
    run.arguments.strategy = spec.name;
    run.arguments.table = table_for(s.k(), s.r());
    const std::string stem = std::to_string(seed) + "-" + spec.name + tag;
    run.arguments.queries_csv = dir_ / ("q-" + stem + ".csv");
    run.arguments.summary = dir_ / ("s-" + stem + ".json");
    run.command =
        simulate_command(std::string(COINSIM_BINARY_DIR) + "/coinsim-simulate", run.arguments, s);
    return run;
  }

  // Every invariant of one finished run; "" or what broke.
  static std::string broken(const Simulation& run) {
    const Scenario& s = run.scenario;
    Json summary;
    try {
      summary = Json::parse(read_file(run.arguments.summary));
    } catch (const std::exception& e) {
      return std::string("no summary: ") + e.what();
    }
    const std::vector<QueryRow> rows = read_query_rows(run.arguments.queries_csv);
    std::set<long long> ids;
    for (const auto& row : rows) ids.insert(static_cast<long long>(row.at("query")));
    if (rows.size() != static_cast<std::size_t>(s.load.queries) || ids.size() != rows.size() ||
        ids.empty() || *ids.begin() != 0 || *ids.rbegin() != s.load.queries - 1)
      return "queries finalised: " + std::to_string(rows.size()) + " rows, " +
             std::to_string(ids.size()) + " distinct, for " + std::to_string(s.load.queries);
    if (summary["requests_sent"] !=
        summary["replies_received"].get<long long>() + summary["requests_lost"].get<long long>())
      return "requests sent " + summary["requests_sent"].dump() + " != replies " +
             summary["replies_received"].dump() + " + lost " + summary["requests_lost"].dump();
    // The least work a request can be: the cheapest model at the smallest slowdown the straggler
    // law draws (shifted exponential: its shift, possibly below 1; the others: at least 1).
    const double least_slowdown =
        s.stragglers.model == StragglerLaw::exponential ? s.stragglers.shift : 1.0;
    double fastest = std::min(kForwardFlops, kBackupFlops) / kFastestServer * least_slowdown;
    if (s.serving.deadline > 0) fastest = std::min(fastest, s.serving.deadline);
    long long measured = 0, decoded_queries = 0, decoded_tasks = 0;
    for (const auto& row : rows) {
      if (row.at("latency_s") < fastest * (1 - 1e-6))
        return "query " + std::to_string(row.at("query")) + " took " +
               std::to_string(row.at("latency_s")) + " s, below the fastest possible " +
               std::to_string(fastest);
      // An answer right under "all" (best of every output) is right under "task" (best of the
      // task's own labels, which hold the target): never more correct tasks under "all".
      if (row.at("tasks_correct_all") > row.at("tasks_correct_task") ||
          row.at("tasks_correct_task") > row.at("tasks_scored"))
        return "query " + std::to_string(row.at("query")) + ": correct tasks under all " +
               std::to_string(row.at("tasks_correct_all")) + ", under task " +
               std::to_string(row.at("tasks_correct_task")) + ", scored " +
               std::to_string(row.at("tasks_scored"));
      if (row.at("warmup") != 0) continue;
      ++measured;
      decoded_queries += row.at("decoded_outputs") > 0;
      decoded_tasks += static_cast<long long>(row.at("tasks_decoded"));
    }
    if (summary["queries_measured"] != measured)
      return "measured " + summary["queries_measured"].dump();
    if (summary["tasks_decoded"] != decoded_tasks)
      return "decoded tasks " + summary["tasks_decoded"].dump() +
             " != " + std::to_string(decoded_tasks) + " in the log";
    const double fraction = measured > 0 ? static_cast<double>(decoded_queries) / measured : 0;
    if (std::abs(summary["fraction_queries_with_decoded_output"].get<double>() - fraction) > 1e-12)
      return "fraction decoded " + summary["fraction_queries_with_decoded_output"].dump() +
             " != " + std::to_string(fraction) + " in the log";
    return "";
  }

  const fs::path dir_ = fs::path(testing::TempDir()) / "coinsim_random_scenarios";
};

std::string command_line(const Command& command) {
  std::string text;
  for (const auto& arg : command.argv) text += (text.empty() ? "" : " ") + arg;
  return text;
}

TEST_F(RandomScenarios, EveryInvariantHoldsOnEveryScenario) {
  std::vector<Simulation> runs;
  std::vector<std::pair<std::size_t, std::size_t>> repeats;  // same seed twice
  const int count = scenario_count();
  for (int seed = 1; seed <= count; ++seed) {
    const fs::path file = dir_ / ("random-" + std::to_string(seed) + ".json");
    write_file_atomically(file, random_scenario(seed).dump(2) + "\n");
    Scenario s;
    try {
      s = load_scenario(file);
    } catch (const Error& e) {
      ADD_FAILURE() << "the generator drew an invalid scenario: " << e.what();
      continue;
    }
    for (const auto& spec : s.strategies) runs.push_back(run_of(seed, s, file, spec, ""));
    if (seed % 10 == 0) {
      runs.push_back(run_of(seed, s, file, s.strategies.front(), "-again"));
      repeats.emplace_back(runs.size() - 1 - s.strategies.size(), runs.size() - 1);
    }
  }
  std::vector<Command> commands;
  for (const Simulation& run : runs) commands.push_back(run.command);
  const auto codes = run_commands(commands, 2);
  int failed = 0;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string why = codes[i] != 0 ? "exit " + std::to_string(codes[i]) : broken(runs[i]);
    if (why.empty()) continue;
    ++failed;
    ADD_FAILURE() << "random scenario " << runs[i].seed << ", strategy "
                  << runs[i].arguments.strategy << ": " << why
                  << "\n  re-run: " << command_line(runs[i].command);
  }
  for (const auto& [first, again] : repeats)
    EXPECT_EQ(read_file(runs[first].arguments.queries_csv),
              read_file(runs[again].arguments.queries_csv))
        << "same seed, other bytes: " << command_line(runs[first].command);
  RecordProperty("random_scenarios", count);
  RecordProperty("simulations", static_cast<int>(runs.size()));
  std::cout << count << " random scenarios, " << runs.size() << " simulations, " << failed
            << " broke an invariant\n";
}

}  // namespace
}  // namespace coinsim
