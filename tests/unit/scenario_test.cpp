// The scenario parser: defaults, and one clear line naming the file and JSON path for every kind
// of bad input.
#include "scenario/scenario.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/error.hpp"

namespace coinsim {
namespace {

using Json = nlohmann::json;

// Parses `document` as if read from "s.json"; returns the error message, or "" if it parsed.
std::string error_of(const Json& document) {
  try {
    parse_scenario(document, "s.json");
    return "";
  } catch (const Error& e) {
    return e.what();
  }
}

TEST(Scenario, DefaultsDescribeTheWalkingSkeleton) {
  const Scenario s = parse_scenario(Json::object(), "scenarios/example.json");
  EXPECT_EQ(s.name, "example");
  EXPECT_EQ(s.k(), 2);
  EXPECT_EQ(s.r(), 1);
  EXPECT_EQ(s.tasks.classes[1], (std::vector<int>{5, 6, 7, 8, 9}));
  EXPECT_EQ(s.strategies, (std::vector<std::string>{"none", "coin"}));
  EXPECT_EQ(s.results_dir, "results/example");
  EXPECT_EQ(s.coding.fisher.estimator, "exact");
}

TEST(Scenario, UnknownKeyIsNamedWithItsPath) {
  EXPECT_EQ(error_of({{"load", {{"rte", 5}}}}), "s.json: /load/rte: unknown key");
  EXPECT_EQ(error_of({{"sede", 5}}), "s.json: /sede: unknown key");
}

TEST(Scenario, WrongTypesAreNamed) {
  EXPECT_EQ(error_of({{"load", {{"rate", "fast"}}}}),
            "s.json: /load/rate: expected a number, got a string");
  EXPECT_EQ(error_of({{"load", {{"queries", 1.5}}}}),
            "s.json: /load/queries: expected an integer, got a number");
  EXPECT_EQ(error_of({{"tasks", {{"classes", {{0, 1}, {2, "x"}}}}}}),
            "s.json: /tasks/classes/1/1: expected integers, got a string");
  EXPECT_EQ(error_of({{"load", 3}}), "s.json: /load: expected an object, got an integer");
}

TEST(Scenario, ImpossibleValuesAreRejected) {
  EXPECT_EQ(error_of({{"load", {{"rate", -1}}}}), "s.json: /load/rate: must be positive, got -1");
  EXPECT_EQ(error_of({{"coding", {{"r", 3}}}}),
            "s.json: /coding/r: must be between 1 and 2, got 3");
  EXPECT_EQ(error_of({{"tasks", {{"classes", {Json{0, 1}, Json::array()}}}}}),
            "s.json: /tasks/classes/1: a task needs at least one class");
  EXPECT_EQ(error_of({{"tasks", {{"classes", {{0, 1}, {12}}}}}}),
            "s.json: /tasks/classes/1: class 12 is outside 0..9");
  EXPECT_EQ(error_of({{"tasks", {{"classes", {{0, 1}}}}}}),
            "s.json: /tasks/classes: needs at least 2 tasks, got 1");
  EXPECT_EQ(error_of({{"coding", {{"weights", {{0.3, 0.3}}}}}}),
            "s.json: /coding/weights/0: weights must sum to 1, got 0.6");
  EXPECT_EQ(error_of({{"coding", {{"weights", {{1.5, -0.5}}}}}}),
            "s.json: /coding/weights/0: weights must be positive");
  EXPECT_EQ(error_of({{"load", {{"queries", 10}, {"warmup", 10}}}}),
            "s.json: /load/warmup: must be between 0 and 9, got 10");
}

TEST(Scenario, UnknownNamesListTheChoices) {
  EXPECT_EQ(error_of({{"strategies", {"none", "replication"}}}),
            "s.json: /strategies/1: unknown strategy \"replication\" (expected none or a method of "
            "/coding/methods)");
  EXPECT_EQ(
      error_of({{"coding", {{"methods", {"coin"}}}}, {"strategies", {"averaging"}}}),
      "s.json: /strategies/0: coded strategy \"averaging\" needs \"averaging\" in /coding/methods");
  EXPECT_EQ(error_of({{"stragglers", {{"model", "pareto"}}}}),
            "s.json: /stragglers/model: unknown value \"pareto\" (expected one of: bimodal, "
            "exponential, none)");
}

TEST(Scenario, MissingPlatformFileIsNamed) {
  EXPECT_EQ(error_of({{"platform", {{"file", "platforms/nowhere.xml"}}}}),
            "s.json: /platform/file: platform file \"platforms/nowhere.xml\" does not exist");
}

TEST(Scenario, FileErrorsNameTheFile) {
  const auto dir = std::filesystem::temp_directory_path() / "coinsim_scenario_test";
  std::filesystem::create_directories(dir);
  const auto broken = dir / "broken.json";
  std::ofstream(broken) << "{\"seed\": 1,\n \"load\": {\"rate\": }";
  try {
    load_scenario(broken);
    FAIL() << "a truncated file parsed";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(broken.string() + ": invalid JSON: ", 0), 0u) << message;
    EXPECT_NE(message.find("line 2"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
  EXPECT_THROW(
      {
        try {
          load_scenario(dir / "absent.json");
        } catch (const Error& e) {
          EXPECT_EQ(std::string(e.what()),
                    (dir / "absent.json").string() + ": no such scenario file");
          throw;
        }
      },
      Error);
}

TEST(Scenario, LatencyKnobsDoNotChangeTheTrainingKey) {
  const Scenario a = parse_scenario({{"load", {{"rate", 100}}}}, "a.json");
  const Scenario b = parse_scenario({{"load", {{"rate", 900}}}, {"coding", {{"r", 2}}}}, "b.json");
  const Scenario c = parse_scenario({{"training", {{"epochs", 4}}}}, "c.json");
  EXPECT_EQ(training_inputs(a).dump(), training_inputs(b).dump());
  EXPECT_NE(accuracy_inputs(a).dump(), accuracy_inputs(b).dump());
  EXPECT_NE(training_inputs(a).dump(), training_inputs(c).dump());
}

}  // namespace
}  // namespace coinsim
