// The string kinds of a scenario (scoring rule, decoding space, optimizer, learning-rate
// schedule, Fisher estimator and data, dataset, CIFAR-100 label set, architecture, task kind,
// initialisation, distillation loss, network model, calibration, straggler law, strategy kind,
// fallback) as enums: parsed once at the scenario boundary, so that code below switches on types
// the compiler checks rather than comparing strings. Each kind has one table of names; parsing,
// listing and writing back all read it. The tables list names alphabetically, as error messages
// offer them.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace coinsim {

// How a task's answer is scored against its label (coin/coding/task.hpp).
//   task  the argmax over the task's own labels (an answer is always one of its labels)
//   all   the argmax over every output of the model (a model may answer outside its task)
enum class ScoringRule { task, all };
constexpr ScoringRule kScoringRules[] = {ScoringRule::task, ScoringRule::all};

// One value per scoring rule, e.g. a task's accuracy under both.
template <typename T>
struct ByRule {
  T task{};
  T all{};
  T& operator[](ScoringRule rule) { return rule == ScoringRule::task ? task : all; }
  const T& operator[](ScoringRule rule) const { return rule == ScoringRule::task ? task : all; }
};

// The space decoding solves in (coin/coding/decoder.hpp).
//   probability  the output probabilities, as COIN's code is defined
//   logit        log-probabilities; a decoded output is turned back with a softmax
//   simplex      probabilities, each decoded output projected onto the probability simplex
enum class DecodingSpace { probability, logit, simplex };

enum class Optimizer { adam, sgd };
enum class LearningRateSchedule { constant, cosine, step };
enum class FisherEstimator { exact, sampled, empirical, kfac };

// The image datasets (coin/models/dataset.hpp).
enum class DatasetName { fashion_mnist, mnist, cifar10, cifar100, synthetic };
// The task models' architectures (coin/models/architectures.hpp).
enum class Architecture { mlp, lenet5, residual_cnn, resnet18 };

// CIFAR-100's two label sets: 100 fine classes or the 20 superclasses they group into.
enum class CifarLabels { fine, coarse };

// How the k tasks are made from the classes (coin/coding/task.hpp).
enum class TaskKind { split, relabel };
// Where the task models start: the same random weights, different ones per task, or shared
// weights trained on every class first.
enum class ModelInit { shared, independent, pretrained };
// The images the Fisher's expectation runs over: the query distribution, or each model's own
// task's classes.
enum class FisherData { queries, own_task };
// The learned coded model's distillation loss: KL(target || model) or squared error.
enum class DistillationLoss { kl, mse };

// The network model (sim/platform.hpp): SimGrid's LV08 ("default"), a datacenter's TCP, exact
// latency + size / bandwidth, or none (instant delivery).
enum class NetworkModel { lv08, datacenter, exact, none };
// A request's work: the model's counted forward flops, or its measured forward time.
enum class Calibration { counted, measured };
// The law of a request's slowdown factor (sim/slowdown.hpp).
enum class StragglerLaw { none, bimodal, exponential, pareto };
// How a strategy serves a query (sim/strategy.hpp).
enum class StrategyKind { none, coded, replication, full_replication, cheap_backup, hedged };
// At the deadline, an output nothing can recover: left unanswered, or the default answer.
enum class Fallback { none, default_answer };

template <typename Kind>
using KindNames = std::vector<std::pair<Kind, const char*>>;

const KindNames<ScoringRule>& kind_names(ScoringRule);
const KindNames<DecodingSpace>& kind_names(DecodingSpace);
const KindNames<Optimizer>& kind_names(Optimizer);
const KindNames<LearningRateSchedule>& kind_names(LearningRateSchedule);
const KindNames<FisherEstimator>& kind_names(FisherEstimator);
const KindNames<DatasetName>& kind_names(DatasetName);
const KindNames<CifarLabels>& kind_names(CifarLabels);
const KindNames<Architecture>& kind_names(Architecture);
const KindNames<TaskKind>& kind_names(TaskKind);
const KindNames<ModelInit>& kind_names(ModelInit);
const KindNames<FisherData>& kind_names(FisherData);
const KindNames<DistillationLoss>& kind_names(DistillationLoss);
const KindNames<NetworkModel>& kind_names(NetworkModel);
const KindNames<Calibration>& kind_names(Calibration);
const KindNames<StragglerLaw>& kind_names(StragglerLaw);
const KindNames<StrategyKind>& kind_names(StrategyKind);
const KindNames<Fallback>& kind_names(Fallback);

template <typename Kind, typename = std::enable_if_t<std::is_enum_v<Kind>>>
std::string kind_name(Kind kind) {
  for (const auto& [k, name] : kind_names(kind))
    if (k == kind) return name;
  return "?";
}

template <typename Kind>
std::optional<Kind> parse_kind(const std::string& name) {
  for (const auto& [k, n] : kind_names(Kind{}))
    if (name == n) return k;
  return std::nullopt;
}

// "a, b, c": the names a value may take, for error messages; an older name still read (a
// second entry for the same value) is not offered.
template <typename Kind>
std::string kind_listing() {
  std::string text;
  const auto& names = kind_names(Kind{});
  for (auto entry = names.begin(); entry != names.end(); ++entry)
    if (std::none_of(names.begin(), entry, [&](const auto& e) { return e.first == entry->first; }))
      text += (text.empty() ? "" : ", ") + std::string(entry->second);
  return text;
}

}  // namespace coinsim
