// The string kinds of a scenario (scoring rule, decoding space, optimizer, learning-rate
// schedule, Fisher estimator, dataset, CIFAR-100 label set, architecture) as enums: parsed once at
// the scenario boundary, so that code below switches on types the compiler checks rather than
// comparing strings. Each kind has one table of names; parsing, listing and writing back all read
// it.
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
