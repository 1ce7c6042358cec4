#include "coin/models/construction.hpp"

#include <chrono>
#include <numeric>

#include "coin/coding/accuracy.hpp"
#include "coin/models/architectures.hpp"
#include "coin/models/distillation.hpp"
#include "coin/models/fisher.hpp"
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

// Fisher samples: by default from the query distribution (training images of every class); with
// /coding/fisher/data = own-task, from model i's own task only.
ImageSet fisher_images(const Scenario& s, const ImageSet& pool) {
  torch::Generator generator = at::detail::createCPUGenerator(s.seed + 7);
  const int64_t n = std::min<int64_t>(s.coding.fisher.samples, pool.size());
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
  }
  return target_fisher(model, samples.images,
                       sampled_targets(model, samples.images, s.seed * 1000 + 700 + i));
}

Network network_with(const Scenario& s, const Parameters& parameters) {
  Network model = make_model(s.model, s.dataset.num_classes());
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
  throw Error("unknown construction method \"" + method + "\"");
}

const std::vector<DiagonalFisher>& CodedModelBuilder::fishers() {
  if (fishers_) return *fishers_;
  const Stopwatch clock;
  const auto& spec = s_.coding.fisher;
  progress_.say(kind_name(spec.estimator) + " diagonal Fisher on " + std::to_string(spec.samples) +
                " images (" + spec.data + ")");
  const bool own_task = spec.data == "own-task";
  const ImageSet queries = own_task ? ImageSet{} : fisher_images(s_, data_.train);  // drawn once
  const auto maps = s_.tasks.label_maps();
  std::vector<DiagonalFisher> result;
  double samples = 0;
  for (int i = 0; i < s_.k(); ++i) {
    const ImageSet images = own_task ? fisher_images(s_, task_data(data_.train, maps[i])) : queries;
    samples += static_cast<double>(images.size());
    result.push_back(estimate_fisher(s_, *models_[i], images, i));
  }
  const double classes = spec.estimator == FisherEstimator::exact ? s_.dataset.num_classes() : 1;
  fisher_cost_.flops = samples * forward_flops_ * (1 + 2 * classes);
  fisher_cost_.wall_seconds = clock.seconds();
  fishers_ = std::move(result);
  return *fishers_;
}

CodedModels CodedModelBuilder::coin() {
  if (coin_) return *coin_;
  const auto& fisher = fishers();
  const Stopwatch clock;
  CodedModels built;
  for (const auto& row : code_.rows())
    built.rows.push_back(coin_merge(originals_, fisher, row, s_.coding.fisher.epsilon));
  built.cost.wall_seconds = fisher_cost_.wall_seconds + clock.seconds();
  built.cost.flops = fisher_cost_.flops + 4 * s_.k() * parameter_count_ * code_.r();
  built.cost.details["fisher_seconds"] = fisher_cost_.wall_seconds;
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

CodedModels CodedModelBuilder::task_arithmetic() {
  if (data_.validation.size() == 0)
    throw Error(s_.source.string() +
                ": /dataset/validation: task arithmetic tunes lambda on validation images, and "
                "there are none");
  const Stopwatch clock;
  CodedModels best;
  double best_accuracy = -1;
  for (const double lambda : s_.coding.lambdas) {
    CodedModels candidate;
    for (const auto& row : code_.rows())
      candidate.rows.push_back(task_arithmetic_merge(originals_, base_, row, lambda));
    const double accuracy = validation_accuracy(candidate.rows);
    progress_.say("    lambda " + std::to_string(lambda) + ": validation decoded accuracy " +
                  std::to_string(accuracy));
    if (accuracy > best_accuracy) {
      best_accuracy = accuracy;
      best = candidate;
      best.cost.details = {{"lambda", lambda}, {"validation_accuracy", accuracy}};
    }
  }
  const auto v = static_cast<double>(data_.validation.size());
  const auto tried = static_cast<double>(s_.coding.lambdas.size());
  best.cost.wall_seconds = clock.seconds();
  best.cost.flops = tried * code_.r() * (3 * s_.k() * parameter_count_ + v * forward_flops_) +
                    s_.k() * v * forward_flops_;
  return best;
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
                        {"loss", s_.coding.distillation.loss}};
  return built;
}

}  // namespace coinsim
