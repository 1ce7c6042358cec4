// Hostile scenario files, as an adversarial user would write them: each is refused before any
// work with one line naming the file and the JSON path, never a crash or an internal error. The
// reliability table in docs/testing.md counts this table. (Platform XML that SimGrid cannot parse
// is checked by the simulator: tests/integration/platform_test.cpp.)
#include <gtest/gtest.h>

#include <filesystem>
#include <utility>

#include "common/error.hpp"
#include "common/files.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

struct HostileInput {
  const char* what;
  std::string text;      // the scenario file's content
  std::string expected;  // the error, after "<file>: "
};

std::string million_tasks() {
  std::string list = "[";
  for (int i = 0; i < 1000000; ++i) list += i ? ",[0]" : "[0]";
  return list + "]";
}

class HostileScenarios : public testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_);
    write_file_atomically(dir_ / "unsorted.csv", "0.5\n0.2\n");
    write_file_atomically(dir_ / "negative.csv", "-0.5\n0.2\n");
  }
  std::string error_of(const std::string& text) const {
    const fs::path file = dir_ / "hostile.json";
    write_file_atomically(file, text);
    try {
      load_scenario(file);
    } catch (const Error& e) {
      const std::string message = e.what();
      const std::string prefix = file.string() + ": ";
      if (message.rfind(prefix, 0) != 0) return "(no file) " + message;
      // Relative paths are the scenario file's folder's: messages name it, written <dir> here.
      std::string named = message.substr(prefix.size());
      for (const auto& [folder, mark] : {std::pair{dir_.string(), "<dir>"},
                                         std::pair{std::string(COINSIM_SOURCE_DIR), "<source>"}})
        for (auto at = named.find(folder); at != std::string::npos; at = named.find(folder))
          named.replace(at, folder.size(), mark);
      return named;
    }
    return "accepted";
  }
  const fs::path dir_ = fs::path(testing::TempDir()) / "coinsim_hostile";
};

TEST_F(HostileScenarios, WorkBeyondTheBudgetRunsWhenTheUserRaisesIt) {
  EXPECT_EQ(error_of(R"({"load": {"queries": 1000000, "rate": 1000},
                        "background": {"executions": {"rate": 1000000, "flops": 1}},
                        "limits": {"max_events": 1e10}})"),
            "accepted");
  EXPECT_EQ(error_of(R"({"limits": {"max_events": 1e20}})"),
            "/limits/max_events: must be between 1000 and 1e+13 events, got 1e+20");
}

TEST_F(HostileScenarios, EveryOneIsRefusedWithOneLineNamingFileAndPath) {
  const std::vector<HostileInput> inputs = {
      {"truncated JSON", R"({"load": {"rate": 1000)",
       "invalid JSON: [json.exception.parse_error.101] parse error at line 1, column 23: syntax "
       "error while parsing object - unexpected end of input; expected '}'"},
      {"empty file", "",
       "invalid JSON: [json.exception.parse_error.101] parse error at line 1, column 1: syntax "
       "error while parsing value - unexpected end of input; expected '[', '{', or a literal"},
      {"not an object", "[1, 2, 3]", "/: expected an object, got a list"},
      {"number out of range", R"({"load": {"rate": 1e400}})",
       "invalid JSON: [json.exception.out_of_range.406] number overflow parsing '1e400'"},
      {"NaN", R"({"load": {"rate": NaN}})",
       "invalid JSON: [json.exception.parse_error.101] parse error at line 1, column 19: syntax "
       "error while parsing value - invalid literal; last read: '\"rate\": N'"},
      {"negative rate", R"({"load": {"rate": -5}})", "/load/rate: must be positive, got -5"},
      {"zero rate", R"({"load": {"rate": 0}})", "/load/rate: must be positive, got 0"},
      {"rate as text", R"({"load": {"rate": "fast"}})",
       "/load/rate: expected a number, got a string"},
      {"a billion queries", R"({"load": {"queries": 1000000000}})",
       "/load/queries: must be between 1 and 100000000, got 1000000000"},
      {"negative queries", R"({"load": {"queries": -1}})",
       "/load/queries: must be between 1 and 100000000, got -1"},
      {"fractional queries", R"({"load": {"queries": 2.5}})",
       "/load/queries: expected an integer, got a number"},
      {"every query warm-up", R"({"load": {"queries": 5, "warmup": 5}})",
       "/load/warmup: must be between 0 and 4, got 5"},
      {"a million tasks", R"({"tasks": {"classes": )" + million_tasks() + "}}",
       "/tasks/classes: k = 1000000 tasks exceed the 10 classes of the dataset"},
      {"r of a million", R"({"coding": {"r": 1000000}})",
       "/coding/r: must be between 1 and 2, got 1000000"},
      {"one task", R"({"tasks": {"classes": [[0, 1, 2]]}})",
       "/tasks/classes: needs at least 2 tasks, got 1"},
      {"empty task", R"({"tasks": {"classes": [[0, 1], []]}})",
       "/tasks/classes/1: a task needs at least one class"},
      {"class out of range", R"({"tasks": {"classes": [[0, 1], [10]]}})",
       "/tasks/classes/1: class 10 is outside 0..9"},
      {"unknown strategy", R"({"strategies": ["teleport"]})",
       "/strategies/0: unknown strategy \"teleport\" (expected none, replication, "
       "full-replication, cheap-backup, a method of /coding/methods, or an object)"},
      {"unknown method", R"({"coding": {"methods": ["magic"]}})",
       "/coding/methods/0: unknown method \"magic\" (expected one of: averaging, cheap-backup, "
       "coin, coin-finetune, learned, regmean, task-arithmetic, ties)"},
      {"unknown key", R"({"load": {"speed": 3}})", "/load/speed: unknown key"},
      {"newline in a value (found by fuzzing)", R"({"dataset": {"name": "sy\nthetic"}})",
       "/dataset/name: unknown value \"sy\\nthetic\" (expected one of: fashion-mnist, mnist-10k, "
       "cifar-10, cifar-100, synthetic)"},
      {"negative seed", R"({"seed": -1})", "/seed: must not be negative"},
      {"a million epochs", R"({"training": {"epochs": 1000000}})",
       "/training/epochs: must be between 1 and 1000, got 1000000"},
      {"negative deadline", R"({"serving": {"deadline": -1}})",
       "/serving/deadline: must not be negative (0: no deadline)"},
      {"probability above 1", R"({"stragglers": {"probability": 1.5}})",
       "/stragglers/probability: must be within [0, 1]"},
      {"missing platform", R"({"platform": {"file": "nowhere.xml"}})",
       "/platform/file: platform file \"<dir>/nowhere.xml\" does not exist (looked in <dir>/ and "
       "among the shipped platforms, <source>/platforms/)"},
      {"platform is a folder", R"({"platform": {"file": "/tmp"}})",
       "/platform/file: platform file \"/tmp\" is not a regular file"},
      {"missing trace", R"({"load": {"trace": "nowhere.csv"}})",
       "/load/trace: arrival trace \"<dir>/nowhere.csv\" does not exist"},
      {"endless trace device", R"({"load": {"trace": "/dev/zero"}})",
       "/load/trace: arrival trace \"/dev/zero\" is not a regular file"},
      {"unsorted trace", R"({"load": {"trace": "unsorted.csv"}})",
       "/load/trace: <dir>/unsorted.csv:2: arrival times must not decrease"},
      {"negative arrival", R"({"load": {"trace": "negative.csv"}})",
       "/load/trace: <dir>/negative.csv:1: arrival times must be finite and not negative"},
      {"name escaping results/", R"({"name": "../../etc"})",
       "/name: must be a plain file name (no '/', not starting with '.', no control characters)"},
      {"strategy name escaping results/", R"({"strategies": [{"kind": "none", "name": "../x"}]})",
       "/strategies/0/name: must be a plain name (letters, digits, - _ .)"},
      {"speed trace is a folder", R"({"hosts": {"speed_traces": {"server0": "/tmp"}}})",
       "/hosts/speed_traces/server0: speed trace \"/tmp\" is not a regular file"},
      {"duplicate key", R"({"load": {"rate": 1000, "queries": 50, "rate": 5000}})",
       "/load/rate: duplicate key (each key may appear once)"},
      {"duplicate section", R"({"load": {}, "seed": 2, "load": {"rate": 5}})",
       "/load: duplicate key (each key may appear once)"},
      {"duplicate key in a list's object",
       R"({"strategies": ["none", {"kind": "hedged", "delay": 1, "delay": 2}]})",
       "/strategies/1/delay: duplicate key (each key may appear once)"},
      {"control character in the name", R"({"name": "run\u0007"})",
       "/name: must be a plain file name (no '/', not starting with '.', no control characters)"},
      {"denormal rate (aborted SimGrid)", R"({"load": {"rate": 5e-324}})",
       "/load/rate: must be between 0.001 and 1e+07 queries per second, got 4.94066e-324"},
      {"rate 1e-300 (every latency 0, exit 0)", R"({"load": {"rate": 1e-300}})",
       "/load/rate: must be between 0.001 and 1e+07 queries per second, got 1e-300"},
      {"slowdown 1e308 (deadlock)", R"({"stragglers": {"slowdown": 1e308}})",
       "/stragglers/slowdown: must be between 1 and 10000 times, got 1e+308"},
      {"shift 1e308 (deadlock)",
       R"({"stragglers": {"model": "exponential", "shift": 1e308, "mean": 1}})",
       "/stragglers/shift: must be between 0 and 10000, got 1e+308"},
      {"background rate 1e9/s", R"({"background": {"executions": {"rate": 1e9, "flops": 1e6}}})",
       "/background/executions/rate: must be between 0 and 1e+06 jobs per second, got 1e+09"},
      {"episodes every nanosecond",
       R"({"hosts": {"episodes": {"mean_between": 1e-9, "mean_duration": 1}}})",
       "/hosts/episodes/mean_between: must be between 1e-06 and 1e+09 s, got 1e-09"},
      {"MTBF of a nanosecond",
       R"({"serving": {"deadline": 1}, "hosts": {"failures": {"mtbf": 1e-9, "mttr": 1}}})",
       "/hosts/failures/mtbf: must be between 1e-06 and 1e+09 s, got 1e-09"},
      {"shuffles of 1e300 bytes (a hang)",
       R"({"background": {"shuffles": {"concurrent": 1000, "bytes": 1e300}}})",
       "/background/shuffles/bytes: must be between 1 and 1e+12 bytes, got 1e+300"},
      {"deadline of a century", R"({"serving": {"deadline": 3e9}})",
       "/serving/deadline: must be between 1e-09 and 1e+06 s (or 0: none), got 3e+09"},
      {"episodes too many to hold",
       R"({"hosts": {"episodes": {"mean_between": 1e-6, "mean_duration": 1e-6}}})",
       // 3 servers x 2 switches x a 50 s horizon / 2 us per on-off cycle
       "/hosts: slowdown episodes and failures would change the hosts about 1.5e+08 times over the "
       "run, above the 1e+07 coinsim holds in memory: lengthen their mean durations or shorten "
       "the run"},
      {"work beyond the event budget",
       R"({"load": {"queries": 1000000, "rate": 1000},
           "background": {"executions": {"rate": 1000000, "flops": 1}}})",
       // none and coin: 3 servers; 1e6 jobs/s on each for the 1,000 s the arrivals span
       "/limits/max_events: the run would take about 3e+09 simulation events (requests 3e+06, "
       "background jobs 3e+09, host changes 0), above the budget of 1e+09: raise "
       "/limits/max_events to run it anyway"},
      {"platform plugin", R"({"platform": {"file": "/proc/self/exe"}})",
       "/platform/file: platform file \"/proc/self/exe\" is not a SimGrid XML platform (C++ "
       "platform plugins are not supported)"},
  };
  for (const auto& input : inputs) EXPECT_EQ(error_of(input.text), input.expected) << input.what;
  RecordProperty("hostile_inputs", static_cast<int>(inputs.size()));
}

}  // namespace
}  // namespace coinsim
