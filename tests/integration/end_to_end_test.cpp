// `coinsim run` as a user runs it, on a tiny synthetic scenario: every output is written and
// reads back consistently, a second run reuses the cache and gives the same bytes, and bad input
// gives one line and a non-zero exit.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "coinsim_process.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

TEST(EndToEnd, TinySyntheticRunWritesEveryOutputAndRepeatsExactly) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_e2e";
  fs::remove_all(scratch);
  const fs::path scenario = tiny_scenario(scratch);
  const Outcome first = coinsim("run " + scenario.string(), scratch / "first");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const fs::path results = scratch / "results";
  for (const char* file :
       {"summary.json", "accuracy.json", "accuracy.csv", "scenario.json", "latency_cdf.png",
        "queries-none.csv", "queries-coin.csv", "queries-averaging.csv"})
    EXPECT_TRUE(fs::is_regular_file(results / file)) << file;

  const Json summary = Json::parse(read_file(results / "summary.json"));
  for (const std::string strategy : {"none", "coin", "averaging"}) {
    const Json& run = summary["strategies"][strategy];
    EXPECT_EQ(run["queries_measured"], 2900) << strategy;
    EXPECT_EQ(line_count(results / ("queries-" + strategy + ".csv")), 3001u) << strategy;
    EXPECT_LE(run["latency_p50_s"].get<double>(), run["latency_p99_s"].get<double>());
    EXPECT_LE(run["latency_p99_s"].get<double>(), run["latency_p999_s"].get<double>());
    EXPECT_GT(run["accuracy"].get<double>(), 0.5) << strategy;  // synthetic classes are easy
    // The summary names its rule; an answer right under "all" is right under "task".
    EXPECT_EQ(run["scoring"], "task");
    EXPECT_EQ(run["accuracy"], run["accuracy_task"]);
    EXPECT_LE(run["accuracy_all"].get<double>(), run["accuracy_task"].get<double>()) << strategy;
    EXPECT_GT(run["accuracy_query"].get<double>(), 0.5) << strategy;
  }
  // The accuracy table gives both rules, in the same order.
  const Json table = Json::parse(read_file(results / "accuracy.json"));
  for (const auto& row : table["decoded"])
    EXPECT_LE(row["degraded"]["all"].get<double>(), row["degraded"]["task"].get<double>());
  EXPECT_EQ(summary["strategies"]["none"]["servers"], 2);
  EXPECT_EQ(summary["strategies"]["coin"]["servers"], 3);
  EXPECT_EQ(summary["strategies"]["none"]["fraction_queries_with_decoded_output"], 0.0);
  EXPECT_GT(summary["strategies"]["coin"]["fraction_queries_with_decoded_output"].get<double>(),
            0.1);
  // Coding never waits longer than waiting for everything: same arrivals, same slowdowns.
  EXPECT_LT(summary["strategies"]["coin"]["latency_p99_s"].get<double>(),
            summary["strategies"]["none"]["latency_p99_s"].get<double>());
  const Json accuracy = Json::parse(read_file(results / "accuracy.json"));
  EXPECT_EQ(accuracy["decoded"].size(), 6u);  // 2 methods x 2 single erasures, 2 default answers
  EXPECT_NE(first.out.find("available"), std::string::npos);

  // Second run: the cache serves the models and outputs; every result file is byte-identical.
  const std::string first_csv = read_file(results / "queries-coin.csv");
  const std::string first_summary = read_file(results / "summary.json");
  const auto cached_table = *fs::directory_iterator(scratch / "cache" / "tables");
  const auto table_time = fs::last_write_time(cached_table);
  const Outcome second = coinsim("run " + scenario.string(), scratch / "second");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(fs::last_write_time(cached_table), table_time);
  EXPECT_EQ(read_file(results / "queries-coin.csv"), first_csv);
  EXPECT_EQ(read_file(results / "summary.json"), first_summary);
}

TEST(EndToEnd, CoinReportsEveryMethodOverSeedsAndRepeatsExactly) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_e2e_coin";
  fs::remove_all(scratch);
  const fs::path scenario = tiny_scenario(
      scratch, {{"seeds", {1, 2}},
                {"coding",
                 {{"methods", {"coin", "averaging", "task-arithmetic", "learned", "cheap-backup"}},
                  {"distillation", {{"steps", 5}}}}}});
  const Outcome first = coinsim("coin " + scenario.string(), scratch / "first");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const fs::path results = scratch / "results";
  const Json report = Json::parse(read_file(results / "coin.json"));
  EXPECT_EQ(report["seeds"], Json({1, 2}));
  EXPECT_EQ(report["rows"].size(), 5u * 2 + 2);  // 5 methods x 2 tasks, 2 default answers
  EXPECT_EQ(report["scoring"], "task");
  for (const auto& row : report["rows"])
    for (const char* rule : {"task", "all"}) {
      EXPECT_EQ(row["degraded"][rule]["values"].size(), 2u);
      EXPECT_GE(row["degraded"][rule]["mean"].get<double>(), 0.0);
    }
  for (const char* method : {"coin", "averaging", "task-arithmetic", "learned", "cheap-backup"})
    EXPECT_GT(report["construction"][method]["flops"].get<double>(), 0) << method;
  // Cheap backups: 2 epochs x 1,800 training images (2,000 less the 10% validation) x 3 forward
  // passes of a 784-16-10 MLP (2 x 784 x 16 + 16 + 16 + 2 x 16 x 10 + 10 = 25,450 flops).
  EXPECT_DOUBLE_EQ(report["construction"]["cheap-backup"]["flops"].get<double>(),
                   2.0 * 1800 * 3 * 25450);
  EXPECT_GT(report["construction"]["cheap-backup"]["wall_s"]["mean"].get<double>(), 0);
  EXPECT_EQ(line_count(results / "coin.csv"), 1 + report["rows"].size());
  EXPECT_NE(first.out.find("within noise"), std::string::npos);
  // A second report comes from the cache (costs as measured when built): byte-identical.
  const std::string bytes = read_file(results / "coin.json");
  ASSERT_EQ(coinsim("coin " + scenario.string(), scratch / "second").exit_code, 0);
  EXPECT_EQ(read_file(results / "coin.json"), bytes);
}

TEST(EndToEnd, CorruptCacheEntriesAreRebuiltNotLoaded) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_e2e_corrupt";
  fs::remove_all(scratch);
  const fs::path scenario = tiny_scenario(scratch);
  ASSERT_EQ(coinsim("run " + scenario.string(), scratch / "first").exit_code, 0);
  // What a rebuilt entry must reproduce: everything but the construction times, re-measured.
  const auto summary_without_times = [&] {
    Json summary = Json::parse(read_file(scratch / "results" / "summary.json"));
    summary.erase("construction");
    return summary;
  };
  const Json summary = summary_without_times();
  fs::path table;
  for (const auto& entry : fs::directory_iterator(scratch / "cache" / "tables"))
    if (entry.path().extension() == ".bin") table = entry.path();
  const fs::path costs = fs::path(table).replace_extension(".construction.json");
  const std::string bytes = read_file(table);
  std::ofstream(table, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
  const Outcome again = coinsim("run " + scenario.string(), scratch / "again");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_file(table), bytes);
  EXPECT_EQ(summary_without_times(), summary);
  // A damaged record of construction costs rebuilds the entry too (the costs are re-measured).
  std::ofstream(costs, std::ios::trunc) << "{\"coin\": ";
  ASSERT_EQ(coinsim("run " + scenario.string(), scratch / "third").exit_code, 0);
  EXPECT_NO_THROW(nlohmann::json::parse(read_file(costs)).at("coin").at("wall_s"));
  EXPECT_EQ(read_file(table), bytes);

  // A flipped byte in a cached model fails its CRC-32: the model is retrained (same seed, same
  // weights), the table rebuilt from it.
  fs::path model;
  for (const auto& entry : fs::recursive_directory_iterator(scratch / "cache" / "models"))
    if (entry.path().filename() == "task0.pt") model = entry.path();
  ASSERT_FALSE(model.empty());
  const std::string model_bytes = read_file(model);
  std::string damaged = model_bytes;
  damaged[damaged.size() / 2] ^= 0x40;
  write_file_atomically(model, damaged);
  fs::remove(table);
  ASSERT_EQ(coinsim("run " + scenario.string(), scratch / "fourth").exit_code, 0);
  EXPECT_EQ(read_file(model), model_bytes);
  EXPECT_EQ(read_file(table), bytes);
  EXPECT_EQ(summary_without_times(), summary);
}

TEST(EndToEnd, BadScenarioGivesOneLineAndNonZeroExit) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_e2e_bad";
  fs::remove_all(scratch);
  fs::create_directories(scratch);
  write_file_atomically(scratch / "bad.json", R"({"load": {"rate": "fast"}})");
  const Outcome bad = coinsim("run " + (scratch / "bad.json").string(), scratch);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err, "coinsim: " + (scratch / "bad.json").string() +
                         ": /load/rate: expected a number, got a string\n");

  const Outcome missing = coinsim("run " + (scratch / "none.json").string(), scratch);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err,
            "coinsim: " + (scratch / "none.json").string() + ": no such scenario file\n");

  // A platform that cannot serve the scenario is reported before any training.
  Json few_hosts = Json::parse(read_file("tests/data/tiny.json"));
  const std::string star = std::string(COINSIM_SOURCE_DIR) + "/tests/data/exact_star.xml";
  few_hosts["platform"] = {{"file", star}, {"frontend", "gateway"}};
  few_hosts["output"] = {{"dir", (scratch / "results").string()},
                         {"cache", (scratch / "cache").string()}};
  write_file_atomically(scratch / "few.json", few_hosts.dump());
  const Outcome platform = coinsim("run " + (scratch / "few.json").string(), scratch);
  EXPECT_EQ(platform.exit_code, 1);
  EXPECT_EQ(platform.err, "coinsim: " + (scratch / "few.json").string() +
                              ": /platform/frontend: no host \"gateway\" in " + star + "\n");
  EXPECT_FALSE(fs::exists(scratch / "cache"));

  // An output folder that cannot be written is reported before any training.
  Json unwritable = Json::parse(read_file("tests/data/tiny.json"));
  unwritable["output"] = {{"dir", "/proc/coinsim-results"},
                          {"cache", (scratch / "cache").string()}};
  write_file_atomically(scratch / "unwritable.json", unwritable.dump());
  const Outcome denied = coinsim("run " + (scratch / "unwritable.json").string(), scratch);
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_EQ(denied.err, "coinsim: " + (scratch / "unwritable.json").string() +
                            ": /output/dir: /proc/coinsim-results is a system folder; results go "
                            "in a folder of their own (e.g. results/<name>)\n");
  EXPECT_FALSE(fs::exists(scratch / "cache"));

  const Outcome usage = coinsim("frobnicate", scratch);
  EXPECT_EQ(usage.exit_code, 2);
}

TEST(EndToEnd, TerminatedRunStopsItsSimulationsAndLeavesNoSummary) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_e2e_sigterm";
  fs::remove_all(scratch);
  const fs::path scenario = tiny_scenario(scratch, {{"load", {{"queries", 400000}}}});
  const fs::path results = scratch / "results";
  const fs::path err = scratch / "err.txt";
  const int pid = start_in_own_group(
      {"/bin/sh", "-c",
       "exec " + coinsim_program() + " run " + scenario.string() + " 2> " + err.string()});
  // The simulations start once the accuracy stage has written its tables.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!fs::exists(results / "accuracy.csv") && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM);
  EXPECT_EQ(read_file(err),
            "coinsim: interrupted by SIGTERM: stopped the running commands; nothing unfinished "
            "is marked complete\n");
  EXPECT_FALSE(fs::exists(results / "summary.json"));
  EXPECT_EQ(::kill(-pid, 0), -1) << "a simulation outlived the run";
}

TEST(EndToEnd, MeasuredCalibrationTimesTheModelOnceAndUsesIt) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_e2e_measured";
  fs::remove_all(scratch);
  const fs::path scenario = tiny_scenario(
      scratch, {{"platform", {{"calibration", "measured"}}}, {"strategies", {"none"}}});
  const Outcome first = coinsim("run " + scenario.string(), scratch / "first");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string summary_text = read_file(scratch / "results" / "summary.json");
  const Json summary = Json::parse(summary_text);
  const double seconds = summary.at("measured_forward_seconds").get<double>();
  EXPECT_GT(seconds, 0.0);
  EXPECT_LT(seconds, 0.01);  // a 784-32-10 MLP on one core
  EXPECT_DOUBLE_EQ(summary["strategies"]["none"]["request_flops"].get<double>(), seconds * 1e9);
  ASSERT_EQ(std::distance(fs::directory_iterator(scratch / "cache" / "timings"),
                          fs::directory_iterator{}),
            1);
  // The measurement is cached: a second run reproduces the summary byte for byte.
  const Outcome second = coinsim("run " + scenario.string(), scratch / "second");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(read_file(scratch / "results" / "summary.json"), summary_text);
}

}  // namespace
}  // namespace coinsim
