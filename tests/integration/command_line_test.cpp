// coinsim's command line (app/main.cpp) as a user meets it: a help per command that lists only
// that command's options, the versions, --set, which changes a scenario before it is checked
// exactly as a sweep's "set" does, SimGrid's own --cfg / --log, passed to every simulation, and
// the Python that draws the figures at the width asked for.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "coinsim_process.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string first_line(const Outcome& outcome) {
  return std::to_string(outcome.exit_code) + " " + outcome.err.substr(0, outcome.err.find('\n'));
}

TEST(CommandLine, EachCommandHasItsOwnHelp) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_help";
  const Outcome run = coinsim("run --help", scratch);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.substr(0, run.out.find('\n')),
            "usage: coinsim run SCENARIO.json [--set PATH=VALUE]... [--cfg=NAME:VALUE]... "
            "[--log=...]");
  EXPECT_NE(run.out.find("--set arg"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("--jobs"), std::string::npos) << run.out;
  const Outcome sweep = coinsim("sweep -h", scratch);
  EXPECT_EQ(sweep.exit_code, 0);
  EXPECT_NE(sweep.out.find("--jobs arg"), std::string::npos) << sweep.out;
  EXPECT_EQ(sweep.out.find("--set"), std::string::npos) << sweep.out;
  const Outcome coin = coinsim("coin --help", scratch);
  EXPECT_EQ(coin.out.substr(0, coin.out.find('\n')),
            "usage: coinsim coin SCENARIO.json [--set PATH=VALUE]...");
  const Outcome plot = coinsim("plot --help", scratch);
  EXPECT_EQ(plot.out.substr(0, plot.out.find('\n')),
            "usage: coinsim plot RESULTS_DIR [--width column|page] [--style FILE]");
  const Outcome general = coinsim("--help", scratch);
  EXPECT_EQ(general.exit_code, 0);
  EXPECT_NE(general.out.find("coinsim COMMAND --help"), std::string::npos) << general.out;
  // A command's mistakes are followed by that command's help.
  const Outcome wrong = coinsim("sweep x.json --set /seed=2", scratch);
  EXPECT_EQ(first_line(wrong), "2 coinsim: --set goes with coin, run only");
  EXPECT_NE(wrong.err.find("\nusage: coinsim sweep SWEEP.json"), std::string::npos) << wrong.err;
}

TEST(CommandLine, VersionNamesCoinsimLibTorchAndSimGrid) {
  const Outcome version = coinsim("--version", fs::path(testing::TempDir()) / "coinsim_version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(std::regex_match(
      version.out, std::regex("coinsim 0\\.1 \\([0-9a-f]+(-dirty)?\\), LibTorch 1\\.13[.0-9]*, "
                              "SimGrid 3\\.[0-9]+\\n")))
      << version.out;
}

TEST(CommandLine, SetChangesTheScenarioBeforeItIsChecked) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_set";
  fs::remove_all(scratch);
  const fs::path scenario = tiny_scenario(scratch, {{"strategies", {"none"}}});
  const Outcome run =
      coinsim("run " + scenario.string() + " --set /load/queries=500 --set /serving/deadline=5ms",
              scratch / "run");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json resolved = Json::parse(read_file(scratch / "results" / "scenario.json"));
  EXPECT_EQ(resolved["load"]["queries"], 500);
  EXPECT_EQ(resolved["serving"]["deadline"], 0.005);
  const Json summary = Json::parse(read_file(scratch / "results" / "summary.json"));
  EXPECT_EQ(summary["strategies"]["none"]["queries"], 500);
  EXPECT_EQ(run.err.find("warning"), std::string::npos) << run.err;
  // 5 without a unit is 5 s: it runs, and says why the deadline will hardly ever act.
  const Outcome seconds =
      coinsim("run " + scenario.string() + " --set /load/queries=500 --set /serving/deadline=5",
              scratch / "seconds");
  ASSERT_EQ(seconds.exit_code, 0) << seconds.err;
  EXPECT_NE(seconds.err.find("coinsim: warning: " + scenario.string() +
                             ": /serving/deadline: 5 s is over 1000 times the mean service time"),
            std::string::npos)
      << seconds.err;
  EXPECT_EQ(
      Json::parse(read_file(scratch / "results" / "summary.json"))["strategies"]["none"]["warnings"]
          .size(),
      1u);

  // Refused as the file would be, naming the settings; nothing of the last run is touched.
  const std::string bytes = read_file(scratch / "results" / "summary.json");
  EXPECT_EQ(
      first_line(coinsim("run " + scenario.string() + " --set /load/rte=800", scratch / "unknown")),
      "1 coinsim: " + scenario.string() + " (with --set /load/rte=800): /load/rte: unknown key");
  EXPECT_EQ(first_line(coinsim("coin " + scenario.string() + " --set /load/queries/x=1",
                               scratch / "through")),
            "1 coinsim: " + scenario.string() +
                " (with --set /load/queries/x=1): /load/queries/x = 1: cannot be set in the "
                "scenario");
  EXPECT_EQ(first_line(coinsim("run " + scenario.string() + " --set load=3", scratch / "path")),
            "2 coinsim: --set load=3: the path must be a JSON path such as /load/rate");
  EXPECT_EQ(first_line(coinsim("run " + scenario.string() + " --set /seed", scratch / "value")),
            "2 coinsim: --set /seed: expected PATH=VALUE, such as /load/rate=800");
  EXPECT_EQ(read_file(scratch / "results" / "summary.json"), bytes);
}

TEST(CommandLine, SimGridArgumentsReachEverySimulation) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_simgrid_args";
  fs::remove_all(scratch);
  const fs::path scenario = tiny_scenario(scratch, {{"strategies", {"none", "coin"}}});
  const auto p50_s = [&](const std::string& strategy) {
    const Json summary = Json::parse(read_file(scratch / "results" / "summary.json"));
    return summary["strategies"][strategy]["latency_p50_s"].get<double>();
  };
  ASSERT_EQ(coinsim("run " + scenario.string(), scratch / "plain").exit_code, 0);
  const double plain_none_s = p50_s("none");
  const double plain_coin_s = p50_s("coin");
  // Every transfer's latency x 1000 (LV08's own factor is 13.01): both simulations slow down.
  const Outcome slow = coinsim(
      "run " + scenario.string() + " --cfg=network/latency-factor:1000 --log=root.thres:error",
      scratch / "slow");
  ASSERT_EQ(slow.exit_code, 0) << slow.err;
  EXPECT_GT(p50_s("none"), 10 * plain_none_s);
  EXPECT_GT(p50_s("coin"), 10 * plain_coin_s);
  const Json summary = Json::parse(read_file(scratch / "results" / "summary.json"));
  EXPECT_EQ(summary["provenance"]["simgrid_args"],
            Json({"--cfg=network/latency-factor:1000", "--log=root.thres:error"}));

  EXPECT_EQ(first_line(
                coinsim("run " + scenario.string() + " --cfg=network/nonsense:1", scratch / "key")),
            "1 coinsim: --cfg=network/nonsense:1: SimGrid refused it: Bad config key: "
            "network/nonsense");
  EXPECT_EQ(first_line(coinsim("run " + scenario.string() + " --log=nonsense", scratch / "log")),
            "1 coinsim: " + scenario.string() +
                ": SimGrid cannot use the platform platforms/cluster.xml with --log=nonsense: "
                "Invalid control string 'nonsense'");
  EXPECT_EQ(first_line(coinsim("coin " + scenario.string() + " --cfg=a:1", scratch / "coin")),
            "2 coinsim: --cfg goes with run only");
}

// A run's folder as `coinsim run` leaves it, for one strategy, without running anything.
fs::path fake_run_folder(const fs::path& scratch) {
  const fs::path results = scratch / "results";
  fs::create_directories(results);
  write_file_atomically(results / "summary.json", "{}\n");
  write_file_atomically(results / "scenario.json",
                        R"({"strategies": [{"name": "none", "kind": "none"}]})");
  write_file_atomically(results / "summary-none.json",
                        R"({"strategy": "none", "servers": 2, "accuracy": 0.9, "scoring": "task",)"
                        R"( "latency_p999_s": 0.004})");
  std::string queries = "latency_s,warmup\n";
  for (int i = 1; i <= 100; ++i) queries += std::to_string(0.001 + i * 1e-5) + ",0\n";
  write_file_atomically(results / "queries-none.csv", queries);
  return results;
}

// A stand-in `python3` that notes it was asked and answers as a Python without matplotlib does.
fs::path python_without_matplotlib(const fs::path& folder) {
  fs::create_directories(folder);
  const fs::path python = folder / "python3";
  write_file_atomically(python, "#!/bin/sh\ntouch \"$(dirname \"$0\")/asked\"\nexit 69\n");
  fs::permissions(python, fs::perms::owner_all);
  return python;
}

TEST(CommandLine, PlotTriesThePythonOnPathThenDebians) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_plot_python";
  fs::remove_all(scratch);
  const fs::path results = fake_run_folder(scratch);
  const fs::path bin = python_without_matplotlib(scratch / "bin");
  const Outcome drawn =
      run_shell("PATH=" + (scratch / "bin").string() + ":$PATH " + coinsim_program() + " plot " +
                    results.string() + " --width page",
                scratch);
  EXPECT_EQ(drawn.exit_code, 0) << drawn.err;
  EXPECT_TRUE(fs::exists(scratch / "bin" / "asked"));  // the one on PATH came first
  // 7 in = 504 pt wide, whatever the legend's length (no tight bounding box).
  EXPECT_NE(read_file(results / "latency_cdf.pdf").find("/MediaBox [ 0 0 504 "), std::string::npos);
  const Outcome chosen = run_shell(
      "COINSIM_PYTHON=" + bin.string() + " " + coinsim_program() + " plot " + results.string(),
      scratch);
  EXPECT_EQ(first_line(chosen), "1 coinsim: no Python with matplotlib (tried " + bin.string() +
                                    "): install python3-matplotlib (scripts/setup.sh) or set "
                                    "COINSIM_PYTHON");
  EXPECT_EQ(first_line(coinsim("plot " + results.string() + " --width A4", scratch)),
            "2 coinsim: --width A4: expected column (3.5 in) or page (7 in)");
}

}  // namespace
}  // namespace coinsim
