// A scenario: everything one coinsim run needs, read from one JSON file. Every field has a default
// (documented in scenarios/README.md); unknown keys and impossible values are errors naming the
// file and the JSON path. Relative paths are taken relative to the working directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenario/kinds.hpp"

namespace coinsim {

// The images a dataset holds: channels x height x width pixels.
struct ImageShape {
  int channels = 1;
  int height = 28;
  int width = 28;
  int pixels() const { return channels * height * width; }  // values per image
};

struct DatasetSpec {
  DatasetName name = DatasetName::fashion_mnist;
  std::filesystem::path path = "data/fashion-mnist";  // default: data/<name>
  CifarLabels labels = CifarLabels::fine;             // cifar-100 only
  int train_limit = 0;                                // 0: every training image
  int test_limit = 0;                                 // 0: every test image
  double validation = 0.1;  // fraction of the training images held out for validation
  int synthetic_train = 6000;
  int synthetic_test = 1000;
  // A hash of the contents of the files read (coin/data/dataset_files.hpp): part of the models'
  // cache key. Set by the commands before anything keys the cache; given in a scenario, it pins the
  // dataset (a run on other files is refused). "" for the synthetic dataset.
  std::string fingerprint;
  // 10, except CIFAR-100: 100 fine classes or 20 coarse ones.
  int num_classes() const;
  // 1 x 28 x 28 grey images, except CIFAR's 3 x 32 x 32 colour images.
  ImageShape image_shape() const;
  bool has_files() const { return name != DatasetName::synthetic; }
};

struct TaskSpec {
  TaskKind kind = TaskKind::split;        // coin/coding/task.hpp
  std::vector<std::vector<int>> classes;  // split: model i learns the classes in classes[i]
  std::vector<std::vector<int>> maps;     // relabel: maps[i][c] is task i's label for class c
  int num_classes = 10;                   // of the dataset
  // How a task's answer is scored (scenario/kinds.hpp): the accuracy of every summary and figure
  // is under this rule; tables give both rules side by side.
  ScoringRule scoring = ScoringRule::task;

  int count() const { return static_cast<int>(kind == TaskKind::relabel ? maps.size() : classes.size()); }
  // Task i's label for each dataset class, -1 outside its domain (split: the identity on its
  // classes).
  std::vector<std::vector<int>> label_maps() const;
};

struct ModelSpec {
  Architecture architecture = Architecture::mlp;  // coin/models/architectures.hpp
  std::vector<int> hidden = {200};                // mlp: hidden layer widths
  // residual-cnn: the channels of its two stages; resnet18: of its first stage (the others
  // double it), {64} unless given.
  std::vector<int> channels = {8, 16};
  int groups = 32;  // resnet18: GroupNorm's groups per layer (fewer when the width is narrower)
};

struct TrainingSpec {
  int epochs = 3;
  int batch_size = 128;
  double learning_rate = 1e-3;  // the peak rate, which the schedule scales
  Optimizer optimizer = Optimizer::adam;
  double momentum = 0.9;    // sgd only
  bool nesterov = false;    // sgd only: Nesterov momentum
  double weight_decay = 0;  // L2 penalty on every parameter (both optimizers, as LibTorch's)
  LearningRateSchedule schedule = LearningRateSchedule::constant;
  int step_epochs = 1;  // step schedule: the rate is multiplied by step_gamma every step_epochs
  double step_gamma = 0.1;
  // Adam without decay at a constant rate, the regime before the optimizer could be chosen: only
  // other regimes enter the models' cache key, so that existing caches stay valid.
  bool default_regime() const;
  // Where the task models start (scenario/kinds.hpp).
  ModelInit init = ModelInit::shared;
  int pretrain_epochs = 1;  // "pretrained": epochs of the shared base on every class
};

struct FisherSpec {
  FisherEstimator estimator = FisherEstimator::exact;
  // The images x the expectation runs over: `queries` (training images of every class, the
  // distribution queries come from: COIN's objective) or `own_task` (each model's own classes
  // only, the model-merging habit).
  FisherData data = FisherData::queries;
  int samples = 2000;
  double epsilon = 1e-8;
};

// The learned coded model (ParM-style): trained by distillation to output sum_i w_i p_i on the
// query distribution, from the shared initialisation ("learned") or from COIN's parameters
// ("coin-finetune"), for a budget of `steps` minibatches.
struct DistillationSpec {
  DistillationLoss loss = DistillationLoss::kl;  // KL(target || model) or squared error
  int steps = 300;
  int batch_size = 128;
  double learning_rate = 1e-3;
};

// RegMean (Jin et al., ICLR 2023): per Linear / Conv2d layer, the merge minimising the models'
// output differences on their own layer inputs, from Gram matrices of those inputs over
// `samples` query images; `alpha` scales their off-diagonal entries (the paper's shrinkage).
struct RegMeanSpec {
  int samples = 2000;
  double alpha = 0.9;
};

// TIES-merging (Yadav et al., NeurIPS 2023): task vectors trimmed to their top `density`
// fraction of magnitudes, signs elected, agreeing entries averaged, scaled by lambda; density and
// lambda chosen together on the validation images.
struct TiesSpec {
  std::vector<double> densities = {0.1, 0.2, 0.5};
  std::vector<double> lambdas = {0.5, 1.0, 1.5, 2.0};
};

struct CodingSpec {
  int r = 1;
  std::vector<std::vector<double>> weights;  // r x k; empty: the default code
  // Construction methods (coin/models/construction.hpp): "coin", "averaging", "task-arithmetic",
  // "ties", "regmean", "learned", "coin-finetune" build coded models; "cheap-backup" builds a
  // small model per task.
  std::vector<std::string> methods = {"coin", "averaging"};
  FisherSpec fisher;
  DistillationSpec distillation;
  // Task arithmetic theta_0 + lambda sum_i w_i (theta_i - theta_0): the lambdas tried on the
  // validation images; the one with the best mean decoded accuracy is kept.
  std::vector<double> lambdas = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0};
  RegMeanSpec regmean;
  TiesSpec ties;
  bool uses(const std::string& method) const;
  std::vector<std::string> coded_methods() const;  // the methods that build coded models
  // Hidden layers of the small per-task model a "cheap-backup" strategy serves (built only when
  // such a strategy is asked for).
  std::vector<int> backup_hidden = {16};
  DecodingSpace decoding = DecodingSpace::probability;
};

struct PlatformSpec {
  std::filesystem::path file = "platforms/cluster.xml";
  std::string frontend = "frontend";
  NetworkModel network = NetworkModel::lv08;  // sim/platform.hpp
  // A request's work: `counted` = the model's forward flops; `measured` = its forward pass timed
  // on one core of this machine, as the flops a 1 Gflop/s host does in that time.
  Calibration calibration = Calibration::counted;
};

struct StragglerSpec {
  StragglerLaw model = StragglerLaw::bimodal;
  double probability = 0.05;  // bimodal: chance that a request is slow
  double slowdown = 10.0;     // bimodal: factor applied to a slow request
  double shift = 1.0;         // exponential: slowdown = shift + Exp(mean)
  double mean = 0.0;
  double shape = 3.0;  // pareto: slowdown = scale / U^(1/shape), U uniform on (0, 1]
  double scale = 1.0;
};

// Conditions of the server hosts over time (SimGrid speed and state profiles), all optional.
struct HostConditionsSpec {
  // Slowdown episodes: each server alternates normal periods (mean `between` s) and slow periods
  // (mean `duration` s, at `speed` times its peak speed), both exponential: a Markov on/off
  // process.
  bool episodes = false;
  double episode_between = 0;
  double episode_duration = 0;
  double episode_speed = 1;
  // Speed traces: host name -> file in SimGrid's profile format ("date fraction" lines); they
  // replace the episodes on the hosts they name.
  std::map<std::string, std::filesystem::path> speed_traces;
  // Failures: each server is up for Exp(mtbf) s, then down for Exp(mttr) s; requests on a failed
  // host are lost, its server restarts when the host comes back.
  bool failures = false;
  double mtbf = 0;
  double mttr = 0;
};

// Work that competes with the model servers, all optional.
struct BackgroundSpec {
  double execution_rate = 0;   // competing jobs per second on each server host (Poisson)
  double execution_flops = 0;  // mean size of a job (exponential)
  int shuffles = 0;            // concurrent transfers between random pairs of server hosts
  double shuffle_bytes = 0;    // size of each transfer
};

// How one strategy serves a query (see sim/strategy.hpp for the semantics).
struct StrategySpec {
  std::string name;  // unique; names the strategy's output files
  StrategyKind kind = StrategyKind::none;
  std::string method;  // coded: the construction method whose coded models serve
  int spares = 0;      // hedged: spare servers that take backup requests
  double delay = 0;    // hedged: a backup is sent for an output still missing after this long
  int servers(int k, int r) const;
};

struct ServingSpec {
  double deadline = 0;                 // seconds after arrival; 0: wait as long as it takes
  Fallback fallback = Fallback::none;  // at the deadline, for an unrecoverable output
  bool cancellation = false;           // servers skip requests of queries already complete
  // Greedy batching: a server (or core) that becomes free takes up to `batch_size` queued
  // requests at once; each request after the first costs `batch_marginal_cost` of its own work.
  int batch_size = 1;
  double batch_marginal_cost = 1.0;
};

struct LoadSpec {
  double rate = 1000.0;  // Poisson arrivals, queries per simulated second (with a trace: its mean)
  int queries = 20000;   // with a trace: its first `queries` arrivals (default: all)
  int warmup = 1000;     // first queries, simulated but excluded from statistics
  std::filesystem::path trace;   // empty: Poisson arrivals
  std::vector<double> arrivals;  // the trace's arrival times, read and checked when parsing
};

// What a run may ask of the machine (scenario/work_estimate.hpp).
struct LimitsSpec {
  double max_events = 1e9;  // simulation events of one strategy; about a day at 15k queries/s
};

struct Scenario {
  std::filesystem::path source;  // the file it came from
  std::string name;
  std::uint64_t seed = 1;
  // `coinsim coin` reports accuracy as mean and spread over these seeds (default seed..seed+2);
  // each seed trains its own models (initialisation, data order, validation split).
  std::vector<std::uint64_t> seeds;
  int threads = 2;
  DatasetSpec dataset;
  TaskSpec tasks;
  ModelSpec model;
  TrainingSpec training;
  CodingSpec coding;
  PlatformSpec platform;
  StragglerSpec stragglers;
  LoadSpec load;
  ServingSpec serving;
  HostConditionsSpec hosts;
  BackgroundSpec background;
  LimitsSpec limits;
  std::vector<StrategySpec> strategies;  // default: none and coin
  std::filesystem::path results_dir;
  std::filesystem::path cache_dir = "cache";
  bool request_log = false;  // also write requests-<strategy>.csv
  // `coinsim run`'s --cfg=… and --log=… arguments, handed to SimGrid in every simulation (they are
  // not part of the scenario file, its snapshot or its hash; the provenance records them).
  std::vector<std::string> simgrid_args;

  int k() const { return tasks.count(); }
  int r() const { return coding.r; }
  const StrategySpec& strategy(const std::string& name) const;  // throws Error if absent
  bool needs_backups() const;                                   // some strategy is a cheap backup
};

// Where the relative paths of a scenario document (dataset, platform, traces, results, cache) are
// taken from: the folder of the file that wrote them, so that a scenario works from any working
// directory. A document put together from several sources -- a sweep's base file and its own
// settings, a file and `--set` on the command line -- names the folder of each part by the JSON
// path it set (the longest one that holds a path decides). Paths a scenario leaves out keep their
// defaults, relative to the working directory ("data/fashion-mnist", "results/<name>", "cache").
struct PathOrigins {
  std::filesystem::path folder;                         // the document's own file's folder
  std::map<std::string, std::filesystem::path> set_at;  // JSON path -> folder of its value
  std::filesystem::path folder_of(const std::string& pointer) const;
};

// `written` as its writer meant it: an absolute path as it is, a relative one from `folder`.
std::filesystem::path path_from(const std::filesystem::path& folder,
                                const std::filesystem::path& written);

// Parses and validates; throws coinsim::Error with a one-line message on any problem. Relative
// paths come from the file's folder unless `origins` say otherwise.
Scenario load_scenario(const std::filesystem::path& file);
Scenario parse_scenario(const nlohmann::json& document, const std::filesystem::path& file);
Scenario parse_scenario(const nlohmann::json& document, const std::filesystem::path& file,
                        const PathOrigins& origins);

// The canonical JSON of what determines the trained models (their cache key): latency and coding
// knobs are left out, so changing them never retrains.
nlohmann::json training_inputs(const Scenario& scenario);

// What determines the output table: the training inputs plus the coding (methods, W, Fisher).
nlohmann::json accuracy_inputs(const Scenario& scenario);

// Every field with its resolved value, defaults filled in (written next to the results).
nlohmann::json to_json(const Scenario& scenario);

}  // namespace coinsim
