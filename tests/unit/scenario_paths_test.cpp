// Where a scenario's relative paths come from (PathOrigins in scenario/scenario.hpp): the folder
// of the file that wrote them, the working directory for --set and for defaults, the sweep file's
// folder for what a sweep sets, the base file's for the base; and the shipped platforms from
// anywhere. Every scenario here lives in a scratch folder that is not the working directory.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.hpp"
#include "common/files.hpp"
#include "scenario/scenario.hpp"
#include "scenario/settings.hpp"
#include "scenario/sweep.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

class ScenarioPaths : public testing::Test {
 protected:
  void SetUp() override {
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "experiment");
    write_file_atomically(dir_ / "experiment" / "mine.xml", read_file(kShipped));
    write_file_atomically(dir_ / "experiment" / "arrivals.csv", "0.1\n0.2\n0.3\n");
  }
  fs::path write(const fs::path& name, const Json& document) const {
    write_file_atomically(dir_ / name, document.dump());
    return dir_ / name;
  }
  const fs::path dir_ = fs::path(testing::TempDir()) / "coinsim_scenario_paths";
  const fs::path kShipped = fs::path(COINSIM_SOURCE_DIR) / "platforms" / "cluster.xml";
};

TEST_F(ScenarioPaths, WrittenPathsComeFromTheFilesFolderDefaultsFromTheWorkingDirectory) {
  const fs::path file = write("experiment/s.json", {{"platform", {{"file", "mine.xml"}}},
                                                    {"load", {{"trace", "arrivals.csv"}}},
                                                    {"output", {{"dir", "../out"}}}});
  const Scenario s = load_scenario(file);
  EXPECT_EQ(s.platform.file, dir_ / "experiment" / "mine.xml");
  EXPECT_EQ(s.load.trace, dir_ / "experiment" / "arrivals.csv");
  EXPECT_EQ(s.results_dir, dir_ / "out");
  EXPECT_EQ(s.cache_dir, "cache");                  // not written: the working directory's
  EXPECT_EQ(s.dataset.path, "data/fashion-mnist");  // likewise
  // The resolved snapshot reads back the same from anywhere (the simulator's standard input).
  const Scenario again = parse_scenario(to_json(s), "snapshot", PathOrigins{});
  EXPECT_EQ(to_json(again), to_json(s));
}

TEST_F(ScenarioPaths, PathsTypedOnTheCommandLineAreTheWorkingDirectorys) {
  const fs::path file = write("experiment/s.json", {{"platform", {{"file", "mine.xml"}}}});
  const Scenario s = load_scenario(file, {{"/output/dir", "typed"}, {"/seed", 2}});
  EXPECT_EQ(s.results_dir, "typed");
  EXPECT_EQ(s.platform.file, dir_ / "experiment" / "mine.xml");
}

TEST_F(ScenarioPaths, TheShippedPlatformsAreFoundFromAnywhere) {
  // Written as from the repository root, in a folder that has no platforms/ of its own.
  const Scenario s = load_scenario(
      write("experiment/s.json", {{"platform", {{"file", "platforms/cluster.xml"}}}}));
  EXPECT_EQ(s.platform.file, kShipped);
  // A platform elsewhere is never silently swapped for a shipped one of the same name.
  try {
    load_scenario(write("experiment/t.json", {{"platform", {{"file", "other/cluster.xml"}}}}));
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir_ / "experiment/t.json").string() + ": /platform/file: platform file \"" +
                  (dir_ / "experiment/other/cluster.xml").string() +
                  "\" does not exist (looked in " + (dir_ / "experiment/other").string() +
                  "/ and among the shipped platforms, " + COINSIM_SOURCE_DIR + "/platforms/)");
  }
}

TEST_F(ScenarioPaths, ASweepTakesTheBasesPathsFromTheBaseAndItsOwnFromItself) {
  write("experiment/base.json", {{"platform", {{"file", "mine.xml"}}}});
  fs::create_directories(dir_ / "sweeps");
  write_file_atomically(dir_ / "sweeps" / "more.csv", "0.1\n0.4\n");
  const fs::path file =
      write("sweeps/sweep.json", {{"base", "../experiment/base.json"},
                                  {"set", {{"/load/trace", "more.csv"}}},
                                  {"axes", {{{"path", "/seed"}, {"values", {1, 2}}}}},
                                  {"output", {{"dir", "../results/sweep"}}}});
  const Sweep sweep = load_sweep(file);
  EXPECT_EQ(sweep.results_dir, dir_ / "results" / "sweep");
  const Scenario point = parse_scenario(sweep.points[1].scenario, file, sweep.origins);
  EXPECT_EQ(point.platform.file, dir_ / "experiment" / "mine.xml");
  EXPECT_EQ(point.load.trace, dir_ / "sweeps" / "more.csv");
  EXPECT_EQ(point.results_dir, dir_ / "results" / "sweep" / "seed=2");
}

TEST(PathOrigins, TheLongestSetPathDecides) {
  const PathOrigins origins{"file", {{"/dataset", "a"}, {"/dataset/path", "b"}, {"/load", "c"}}};
  EXPECT_EQ(origins.folder_of("/dataset/path"), "b");
  EXPECT_EQ(origins.folder_of("/dataset/other"), "a");
  EXPECT_EQ(origins.folder_of("/loader/trace"), "file");  // "/load" is not a prefix of it
  EXPECT_EQ(origins.folder_of("/platform/file"), "file");
}

}  // namespace
}  // namespace coinsim
