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

}  // namespace
}  // namespace coinsim
