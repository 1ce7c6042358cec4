// Sweep files: cartesian and zipped expansion, point names and folders, and one line naming the
// sweep file and JSON path for every kind of bad axis.
#include "scenario/sweep.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

using Json = nlohmann::json;

Json sweep_with(const Json& axes) {
  return {{"name", "sw"}, {"base", {{"load", {{"queries", 3000}}}}}, {"axes", axes}};
}

std::string error_of(const Json& document) {
  try {
    parse_sweep(document, "sw.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Sweep, AxesExpandAsACartesianProductLastAxisFastest) {
  const Sweep sweep = parse_sweep(
      sweep_with({{{"path", "/load/rate"}, {"values", {600, 900}}},
                  {{"path", "/stragglers/probability"}, {"values", {0.01, 0.05, 0.1}}}}),
      "sw.json");
  ASSERT_EQ(sweep.points.size(), 6u);
  EXPECT_EQ(sweep.points[0].name, "rate=600_probability=0.01");
  EXPECT_EQ(sweep.points[1].name, "rate=600_probability=0.05");
  EXPECT_EQ(sweep.points[5].name, "rate=900_probability=0.1");
  EXPECT_EQ(sweep.axis_paths, (std::vector<std::string>{"/load/rate", "/stragglers/probability"}));
  const Json& last = sweep.points[5].scenario;
  EXPECT_EQ(last["load"]["rate"], 900);
  EXPECT_EQ(last["load"]["queries"], 3000);  // the base is kept
  EXPECT_EQ(last["stragglers"]["probability"], 0.1);
  EXPECT_EQ(last["name"], "rate=900_probability=0.1");
  EXPECT_EQ(last["output"]["dir"], "results/sw/rate=900_probability=0.1");
  EXPECT_EQ(sweep.points[5].settings[1].first, "/stragglers/probability");
}

TEST(Sweep, ZippedPathsMoveTogether) {
  const Json split2 = {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}};
  const Json split3 = {{0, 1, 2}, {3, 4, 5}, {6, 7, 8, 9}};
  const Sweep sweep =
      parse_sweep(sweep_with({{{"zip",
                                {{{"path", "/tasks/classes"}, {"values", {split2, split3}}},
                                 {{"path", "/coding/r"}, {"values", {1, 2}}}}}},
                              {{"path", "/load/rate"}, {"values", {700}}}}),
                  "sw.json");
  ASSERT_EQ(sweep.points.size(), 2u);
  EXPECT_EQ(sweep.points[0].name, "classes=v0_r=1_rate=700");
  EXPECT_EQ(sweep.points[1].name, "classes=v1_r=2_rate=700");
  EXPECT_EQ(sweep.points[1].scenario["coding"]["r"], 2);
  EXPECT_EQ(sweep.points[1].scenario["tasks"]["classes"], split3);

  // Objects are named by their string fields.
  const Sweep models = parse_sweep(
      sweep_with({{{"path", "/model"},
                   {"values", {{{"architecture", "lenet5"}}, {{"hidden", {64, 32}}}}}}}),
      "sw.json");
  EXPECT_EQ(models.points[0].name, "model=lenet5");
  EXPECT_EQ(models.points[1].name, "model=v1");

  // A zip is checked step by step as a whole, and an error names every setting of the step.
  const Json methods = {{"path", "/coding/methods"}, {"values", {{"averaging"}}}};
  EXPECT_NO_THROW(parse_sweep(
      sweep_with({{{"zip", {methods, {{"path", "/strategies"}, {"values", {{"averaging"}}}}}}}}),
      "sw.json"));
  EXPECT_EQ(error_of(sweep_with(
                {{{"zip", {methods, {{"path", "/strategies"}, {"values", {{"coin"}}}}}}}})),
            "sw.json: /axes/0: /coding/methods = [\"averaging\"], /strategies = [\"coin\"]: "
            "/strategies/0: coded strategy \"coin\" needs \"coin\" in /coding/methods");
}

TEST(Sweep, BadAxesAreNamedWithTheirPaths) {
  EXPECT_EQ(error_of(sweep_with({{{"path", "/load/rte"}, {"values", {5}}}})),
            "sw.json: /axes/0: /load/rte = 5: /load/rte: unknown key");
  EXPECT_EQ(error_of(sweep_with({{{"path", "/load/rate"}, {"values", Json::array()}}})),
            "sw.json: /axes/0/values: needs at least one value");
  EXPECT_EQ(error_of(sweep_with({{{"path", "/load/rate"}, {"values", {100, "fast"}}}})),
            "sw.json: /axes/0: /load/rate = \"fast\": /load/rate: expected a number, got a string");
  EXPECT_EQ(error_of(sweep_with({{{"path", "load/rate"}, {"values", {1}}}})),
            "sw.json: /axes/0/path: expected a JSON path such as \"/load/rate\"");
  EXPECT_EQ(error_of(sweep_with({{{"zip",
                                   {{{"path", "/load/rate"}, {"values", {1, 2}}},
                                    {{"path", "/coding/r"}, {"values", {1}}}}}}})),
            "sw.json: /axes/0/zip/1/values: zipped lists must have the same length: 1 values "
            "against 2");
  EXPECT_EQ(error_of(sweep_with({{{"path", "/load/rate"}, {"values", {1}}},
                                 {{"path", "/load/rate"}, {"values", {2}}}})),
            "sw.json: /axes/1: \"/load/rate\" is swept twice");
  EXPECT_EQ(error_of(sweep_with(Json::array())),
            "sw.json: /axes: expected a non-empty list of axes");
  EXPECT_EQ(error_of({{"axes", {{{"path", "/load/rate"}, {"values", {1}}}}}}),
            "sw.json: /base: a sweep needs a base scenario");
  EXPECT_EQ(error_of({{"base", "nowhere.json"}, {"axes", Json::array()}}),
            "sw.json: /base: no such scenario file \"nowhere.json\" (relative paths are taken from "
            "the sweep file's folder)");
}

TEST(Sweep, ImpossibleCombinationsAreNamedByPoint) {
  // Two weights are right for the base's two tasks, three tasks are fine alone; together not.
  EXPECT_EQ(error_of(sweep_with({{{"path", "/coding/weights"}, {"values", {{{0.5, 0.5}}}}},
                                 {{"path", "/tasks/classes"}, {"values", {{{0}, {1}, {2}}}}}})),
            "sw.json: point weights=v0_classes=v0: /coding/weights/0: needs k = 3 weights, got 2");
}

TEST(Sweep, FixedSettingsAdjustTheBaseAndAreChecked) {
  Json document = sweep_with({{{"path", "/load/rate"}, {"values", {600, 900}}}});
  document["set"] = {{"/strategies", {"none", "replication"}}, {"/load/warmup", 10}};
  const Sweep sweep = parse_sweep(document, "sw.json");
  EXPECT_EQ(sweep.points[1].name, "rate=900");  // fixed settings are not part of the name
  EXPECT_EQ(sweep.points[1].scenario["strategies"], Json({"none", "replication"}));
  EXPECT_EQ(sweep.points[1].scenario["load"]["warmup"], 10);
  EXPECT_EQ(sweep.axis_paths, std::vector<std::string>{"/load/rate"});
  using Fixed = std::vector<std::pair<std::string, Json>>;  // in path order: the tables' columns
  EXPECT_EQ(sweep.fixed_settings,
            Fixed({{"/load/warmup", 10}, {"/strategies", Json({"none", "replication"})}}));

  document["set"] = {{"/load/warmup", -1}};
  EXPECT_EQ(error_of(document), "sw.json: /set: /load/warmup: must be between 0 and 2999, got -1");
  document["set"] = {{"/load/speed", 3}};
  EXPECT_EQ(error_of(document), "sw.json: /set: /load/speed: unknown key");
  // Settings that need each other are checked together.
  document["set"] = {{"/coding/methods", {"coin"}}, {"/strategies", {"none", "coin"}}};
  EXPECT_NO_THROW(parse_sweep(document, "sw.json"));
  document["set"] = {{"load", 3}};
  EXPECT_EQ(error_of(document),
            "sw.json: /set: load = 3: expected a JSON path such as \"/load/rate\"");
  document["set"] = 3;
  EXPECT_EQ(error_of(document), "sw.json: /set: expected an object of JSON paths and values");
}

TEST(Sweep, SettingsThatWouldShareATableColumnAreRefused) {
  Json document = sweep_with({{{"path", "/load/rate"}, {"values", {600, 900}}}});
  document["set"] = {{"/load/rate", 800}};
  EXPECT_EQ(error_of(document), "sw.json: \"/load/rate\" is both in /set and swept; keep one");
  document = sweep_with({{{"path", "/coding/fisher/samples"}, {"values", {10, 20}}},
                         {{"path", "/coding/fisher_samples"}, {"values", {1, 2}}}});
  EXPECT_EQ(error_of(document),
            "sw.json: \"/coding/fisher/samples\" and \"/coding/fisher_samples\" would share the "
            "table column \"coding_fisher_samples\"; sweep one of them");
}

TEST(Sweep, PointsThatWouldShareAFolderAreRefused) {
  EXPECT_EQ(error_of(sweep_with(
                {{{"path", "/platform/frontend"}, {"values", {"front end", "front-end"}}}})),
            "sw.json: two points are both named \"frontend=front-end\" (values that differ only in "
            "punctuation); make the values distinct");
}

TEST(Sweep, NameAndResultsFolderOfPointsCannotBeSweptOrSet) {
  // The sweep names every point and gives it a folder: a setting there would be lost silently.
  const std::string why =
      " is set by the sweep for each point (its name and results folder); use the sweep's own "
      "/name and /output/dir";
  EXPECT_EQ(error_of(sweep_with({{{"path", "/output/dir"}, {"values", {"a", "b"}}}})),
            "sw.json: /axes/0/path: \"/output/dir\"" + why);
  EXPECT_EQ(error_of(sweep_with({{{"path", "/name"}, {"values", {"a", "b"}}}})),
            "sw.json: /axes/0/path: \"/name\"" + why);
  EXPECT_EQ(error_of(sweep_with(
                {{{"zip",
                   {{{"path", "/load/rate"}, {"values", {1, 2}}},
                    {{"path", "/output"}, {"values", {Json::object(), Json::object()}}}}}}})),
            "sw.json: /axes/0/zip/1/path: \"/output\"" + why);
  Json document = sweep_with({{{"path", "/load/rate"}, {"values", {600, 900}}}});
  document["set"] = {{"/output/dir", "elsewhere"}};
  EXPECT_EQ(error_of(document), "sw.json: /set: /output/dir = \"elsewhere\": it" + why);
  document["set"] = {{"/output/requests", true}};  // the rest of /output can be set
  EXPECT_NO_THROW(parse_sweep(document, "sw.json"));
}

TEST(Sweep, MissingSweepFileIsNamed) {
  try {
    load_sweep("nowhere/sweep.json");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "nowhere/sweep.json: no such sweep file");
  }
}

// Every sweep the repository ships loads (its base found from the sweep file's folder) and writes
// under the repository's results/ folder, where the scripts that run it look: a relative path
// that was right before paths became relative to the sweep file would fail here, not in a
// measurement script's run.
TEST(Sweep, ShippedSweepsLoadAndWriteUnderResults) {
  namespace fs = std::filesystem;
  const fs::path results = fs::weakly_canonical(fs::path(COINSIM_SOURCE_DIR) / "results");
  int sweeps = 0;
  for (const char* folder : {"scenarios", "scenarios/paper", "tests/bench"})
    for (const auto& entry : fs::directory_iterator(fs::path(COINSIM_SOURCE_DIR) / folder)) {
      if (entry.path().extension() != ".json") continue;
      if (!Json::parse(read_file(entry.path())).contains("axes")) continue;  // a scenario
      Sweep sweep;
      ASSERT_NO_THROW(sweep = load_sweep(entry.path())) << entry.path();
      const fs::path dir = fs::weakly_canonical(fs::absolute(sweep.results_dir));
      EXPECT_EQ(dir.parent_path(), results) << entry.path() << " writes to " << dir;
      ++sweeps;
    }
  EXPECT_GE(sweeps, 8);
}

}  // namespace
}  // namespace coinsim
