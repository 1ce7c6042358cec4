#include "coin/models/construction.hpp"

#include <chrono>
#include <cmath>
#include <numeric>

#include "coin/coding/accuracy.hpp"
#include "coin/models/architectures.hpp"
#include "coin/models/distillation.hpp"
#include "coin/models/fisher.hpp"
#include "coin/models/gram.hpp"
#include "coin/models/kfac.hpp"
#include "common/error.hpp"

namespace coinsim {
namespace {

class Stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// `count` images of `pool` (all of them if it holds fewer), drawn from `seed`.
ImageSet sample_images(const ImageSet& pool, int64_t count, std::uint64_t seed) {
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  const int64_t n = std::min<int64_t>(count, pool.size());
  const auto chosen = torch::randperm(pool.size(), generator).slice(0, 0, n);
  return {pool.images.index_select(0, chosen), pool.labels.index_select(0, chosen)};
}

DiagonalFisher estimate_fisher(const Scenario& s, NetworkImpl& model, const ImageSet& samples,
                               int i) {
  switch (s.coding.fisher.estimator) {
    case FisherEstimator::exact:
      return exact_fisher(model, samples.images);
    case FisherEstimator::empirical:
      return target_fisher(model, samples.images, samples.labels);
    case FisherEstimator::sampled:
      break;
    case FisherEstimator::kfac:
      throw std::logic_error("K-FAC has no diagonal Fisher: CodedModelBuilder::kfac_coin");
  }
  return target_fisher(model, samples.images,
                       sampled_targets(model, samples.images, s.seed * 1000 + 700 + i));
}

Network network_with(const Scenario& s, const Parameters& parameters) {
  Network model = make_model(s.model, s.dataset);
  set_parameters(*model, parameters);
  model->eval();
  return model;
}

}  // namespace

void append_outputs(OutputTable& table, const std::string& name, NetworkImpl& model,
                    const torch::Tensor& images) {
  const auto probabilities = predict_probabilities(model, images).contiguous();
  table.models.push_back(name);
  const float* data = probabilities.data_ptr<float>();
  table.scores.insert(table.scores.end(), data, data + probabilities.numel());
}

CodedModelBuilder::CodedModelBuilder(const Scenario& scenario, const Dataset& data,
                                     const std::vector<Network>& models, Parameters base, Code code,
                                     const Progress& progress)
    : s_(scenario),
      data_(data),
      models_(models),
      base_(std::move(base)),
      code_(std::move(code)),
      progress_(progress) {
  for (const auto& model : models_) originals_.push_back(parameters_of(*model));
  for (const auto& p : originals_.front()) parameter_count_ += static_cast<double>(p.numel());
  forward_flops_ = forward_flops(*models_.front());
}

CodedModels CodedModelBuilder::build(const std::string& method) {
  progress_.say("coded models: " + method);
  if (method == "coin") return coin();
  if (method == "task-arithmetic") return task_arithmetic();
  if (method == "learned")
    return distilled(std::vector<Parameters>(code_.r(), base_), s_.seed * 1000 + 800);
  if (method == "coin-finetune") {
    CodedModels tuned = distilled(coin().rows, s_.seed * 1000 + 850);
    tuned.cost.wall_seconds += coin_->cost.wall_seconds;
    tuned.cost.flops += coin_->cost.flops;
    return tuned;
  }
  if (method == "averaging") return averaging();
  if (method == "ties") return ties();
  if (method == "regmean") return regmean();
  throw Error("unknown construction method \"" + method + "\"");
}

const std::vector<DiagonalFisher>& CodedModelBuilder::fishers() {
  if (fishers_) return *fishers_;
  const Stopwatch clock;
  const auto& spec = s_.coding.fisher;
  progress_.say(kind_name(spec.estimator) + " diagonal Fisher on " + std::to_string(spec.samples) +
                " images (" + kind_name(spec.data) + ")");
  const auto images = fisher_samples();
  std::vector<DiagonalFisher> result;
  double samples = 0;
  for (int i = 0; i < s_.k(); ++i) {
    samples += static_cast<double>(images[i].size());
    result.push_back(estimate_fisher(s_, *models_[i], images[i], i));
  }
  const double classes = spec.estimator == FisherEstimator::exact ? s_.dataset.num_classes() : 1;
  fisher_cost_.flops = samples * forward_flops_ * (1 + 2 * classes);
  fisher_cost_.wall_seconds = clock.seconds();
  fishers_ = std::move(result);
  return *fishers_;
}

std::vector<ImageSet> CodedModelBuilder::fisher_samples() const {
  const auto& spec = s_.coding.fisher;
  const std::uint64_t seed = s_.seed + 7;
  if (spec.data != FisherData::own_task)
    return std::vector<ImageSet>(s_.k(), sample_images(data_.train, spec.samples, seed));
  std::vector<ImageSet> per_task;
  for (const auto& map : s_.tasks.label_maps())
    per_task.push_back(sample_images(task_data(data_.train, map), spec.samples, seed));
  return per_task;
}

CodedModels CodedModelBuilder::coin() {
  if (coin_) return *coin_;
  if (s_.coding.fisher.estimator == FisherEstimator::kfac) return *(coin_ = kfac_coin());
  const auto& fisher = fishers();
  const Stopwatch clock;
  CodedModels built;
  for (const auto& row : code_.rows())
    built.rows.push_back(coin_merge(originals_, fisher, row, s_.coding.fisher.epsilon));
  built.cost.wall_seconds = fisher_cost_.wall_seconds + clock.seconds();
  built.cost.flops = fisher_cost_.flops + 4 * s_.k() * parameter_count_ * code_.r();
  built.cost.details["fisher_s"] = fisher_cost_.wall_seconds;
  coin_ = built;
  return built;
}

CodedModels CodedModelBuilder::averaging() {
  const Stopwatch clock;
  CodedModels built;
  for (const auto& row : code_.rows()) built.rows.push_back(average_merge(originals_, row));
  built.cost.wall_seconds = clock.seconds();
  built.cost.flops = 2 * s_.k() * parameter_count_ * code_.r();
  return built;
}

// Mean degraded accuracy over every erasure pattern and erased task, on the validation images,
// decoded and scored as the scenario says (both are in the table's cache key with this method).
double CodedModelBuilder::validation_accuracy(const std::vector<Parameters>& rows) {
  if (!validation_originals_) {  // the originals' outputs do not depend on the candidate
    OutputTable& table = validation_originals_.emplace();
    table.num_images = static_cast<int>(data_.validation.size());
    table.num_outputs = s_.dataset.num_classes();
    const auto labels = data_.validation.labels.to(torch::kInt32).contiguous();
    table.labels.assign(labels.data_ptr<int32_t>(), labels.data_ptr<int32_t>() + labels.numel());
    for (int i = 0; i < s_.k(); ++i)
      append_outputs(table, original_name(i), *models_[i], data_.validation.images);
  }
  OutputTable table = *validation_originals_;
  for (std::size_t row = 0; row < rows.size(); ++row)
    append_outputs(table, coded_name("candidate", static_cast<int>(row)),
                   *network_with(s_, rows[row]), data_.validation.images);
  const auto accuracy = measure_accuracy(table, make_tasks(s_.tasks, table.num_outputs), code_,
                                         {"candidate"}, s_.coding.decoding);
  // measure_accuracy adds the default answer's rows (and the backups'): they are no candidate's.
  double sum = 0;
  int rows_of_candidate = 0;
  for (const auto& decoded : accuracy.decoded) {
    if (decoded.method != "candidate") continue;
    sum += decoded.degraded[s_.tasks.scoring];
    ++rows_of_candidate;
  }
  return rows_of_candidate == 0 ? 0 : sum / rows_of_candidate;
}

// COIN with Kronecker-factored Fisher blocks (coin/models/kfac.hpp), damped by sqrt(epsilon) on
// each factor so that the blocks' diagonal floor is about /coding/fisher/epsilon.
CodedModels CodedModelBuilder::kfac_coin() {
  const Stopwatch clock;
  const auto& spec = s_.coding.fisher;
  progress_.say("K-FAC Fisher on " + std::to_string(spec.samples) + " images (" +
                kind_name(spec.data) + ")");
  const auto images = fisher_samples();
  std::vector<KroneckerFisher> fishers;
  CodedModels built;
  for (int i = 0; i < s_.k(); ++i) {
    fishers.push_back(kfac_fisher(*models_[i], images[i].images));
    // As the exact diagonal: a forward and one backward per class; then the factor products.
    built.cost.flops +=
        static_cast<double>(images[i].size()) * forward_flops_ * (1 + 2 * s_.dataset.num_classes());
  }
  const double fisher_seconds = clock.seconds();
  for (const auto& row : code_.rows())
    built.rows.push_back(
        kfac_coin_merge(originals_, fishers, row, std::sqrt(spec.epsilon), &built.cost.flops));
  built.cost.wall_seconds = clock.seconds();
  built.cost.details["fisher_s"] = fisher_seconds;
  return built;
}

// Builds each candidate's coded models (`merge(candidate, row)`) and keeps the one with the best
// mean decoded accuracy on the validation images; its settings go into the cost's details.
CodedModels CodedModelBuilder::best_on_validation(const std::string& method,
                                                  const std::vector<nlohmann::json>& candidates,
                                                  const CandidateMerge& merge) {
  if (data_.validation.size() == 0)
    throw Error(s_.source.string() + ": /dataset/validation: " + method +
                " tunes its settings on validation images, and there are none");
  CodedModels best;
  double best_accuracy = -1;
  for (const auto& settings : candidates) {
    CodedModels candidate;
    for (const auto& row : code_.rows()) candidate.rows.push_back(merge(settings, row));
    const double accuracy = validation_accuracy(candidate.rows);
    progress_.say("    " + settings.dump() + ": validation decoded accuracy " +
                  std::to_string(accuracy));
    if (accuracy > best_accuracy) {
      best_accuracy = accuracy;
      best = candidate;
      best.cost.details = settings;
      best.cost.details["validation_accuracy"] = accuracy;
    }
  }
  return best;
}

// Flops of validating one candidate's r coded models, given what merging one row costs.
double CodedModelBuilder::validation_flops(double merge_flops) const {
  return code_.r() * (merge_flops + static_cast<double>(data_.validation.size()) * forward_flops_);
}

CodedModels CodedModelBuilder::task_arithmetic() {
  const Stopwatch clock;
  std::vector<nlohmann::json> candidates;
  for (const double lambda : s_.coding.lambdas) candidates.push_back({{"lambda", lambda}});
  CodedModels best = best_on_validation(
      "task arithmetic", candidates, [&](const nlohmann::json& c, const std::vector<double>& row) {
        return task_arithmetic_merge(originals_, base_, row, c.at("lambda").get<double>());
      });
  const auto v = static_cast<double>(data_.validation.size());
  best.cost.wall_seconds = clock.seconds();
  best.cost.flops =
      static_cast<double>(candidates.size()) * validation_flops(3 * s_.k() * parameter_count_) +
      s_.k() * v * forward_flops_;
  return best;
}

CodedModels CodedModelBuilder::ties() {
  const Stopwatch clock;
  std::vector<nlohmann::json> candidates;
  for (const double density : s_.coding.ties.densities)
    for (const double lambda : s_.coding.ties.lambdas)
      candidates.push_back({{"density", density}, {"lambda", lambda}});
  CodedModels best = best_on_validation(
      "TIES", candidates, [&](const nlohmann::json& c, const std::vector<double>& row) {
        return ties_merge(originals_, base_, row, c.at("density").get<double>(),
                          c.at("lambda").get<double>());
      });
  const auto v = static_cast<double>(data_.validation.size());
  // A merge: k task vectors, a top-k selection (~ P log P), the election and the mean (~ 6 k P).
  const double merge_flops = s_.k() * parameter_count_ * (8 + std::log2(parameter_count_));
  best.cost.wall_seconds = clock.seconds();
  best.cost.flops = static_cast<double>(candidates.size()) * validation_flops(merge_flops) +
                    s_.k() * v * forward_flops_;
  return best;
}

// RegMean's Gram matrices come from the query distribution, like COIN's Fisher: `samples`
// training images of every class, drawn from the seed, the same images for every model.
CodedModels CodedModelBuilder::regmean() {
  const Stopwatch clock;
  const auto& spec = s_.coding.regmean;
  progress_.say("Gram matrices of every layer's inputs on " + std::to_string(spec.samples) +
                " query images");
  const auto images = sample_images(data_.train, spec.samples, s_.seed + 11).images;
  CodedModels built;
  std::vector<GramMatrices> grams;
  for (const auto& model : models_) {
    GramStatistics statistics = gram_matrices(*model, images);
    built.cost.flops += statistics.flops;
    grams.push_back(std::move(statistics.grams));
  }
  for (const auto& row : code_.rows())
    built.rows.push_back(regmean_merge(originals_, grams, row, spec.alpha));
  // Per coded model and layer: k products W_i G_i (2 out D^2) and a solve (~ (2/3) D^3 + 2 out
  // D^2).
  for (std::size_t m = 0; m < grams.front().size(); ++m) {
    if (!grams.front()[m].defined()) continue;
    const auto d = static_cast<double>(grams.front()[m].size(0));
    const auto out = static_cast<double>(originals_.front()[m].size(0));
    built.cost.flops += code_.r() * (2.0 / 3 * d * d * d + 2 * (s_.k() + 1) * out * d * d);
  }
  built.cost.wall_seconds = clock.seconds();
  built.cost.details = {{"samples", images.size(0)}, {"alpha", spec.alpha}};
  return built;
}

CodedModels CodedModelBuilder::distilled(const std::vector<Parameters>& starts,
                                         std::uint64_t seed) {
  const Stopwatch clock;
  CodedModels built;
  for (int row = 0; row < code_.r(); ++row) {
    const Network student = network_with(s_, starts[row]);
    built.cost.flops += distil(*student, models_, code_.rows()[row], data_.train.images,
                               s_.coding.distillation, seed + row, progress_);
    built.rows.push_back(parameters_of(*student));
  }
  built.cost.wall_seconds = clock.seconds();
  built.cost.details = {{"steps", s_.coding.distillation.steps},
                        {"loss", kind_name(s_.coding.distillation.loss)}};
  return built;
}

}  // namespace coinsim
