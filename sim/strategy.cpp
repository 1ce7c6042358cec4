#include "sim/strategy.hpp"

#include <algorithm>

#include "coin/coding/code.hpp"
#include "coin/coding/query_prediction.hpp"

namespace coinsim {
namespace {

bool all_of_first(const std::vector<bool>& flags, int n) {
  return std::all_of(flags.begin(), flags.begin() + n, [](bool f) { return f; });
}

}  // namespace

Strategy::Strategy(const StrategySpec& spec, const Scenario& scenario, const OutputTable& table,
                   const std::vector<Task>& tasks)
    : spec_(spec),
      k_(scenario.k()),
      servers_(spec.servers(scenario.k(), scenario.r())),
      table_(&table),
      tasks_(&tasks) {
  for (int i = 0; i < k_; ++i) {
    source_models_.push_back(table.model_index(original_name(i)));
    fan_out_.push_back({i, i});
  }
  if (spec.kind == StrategyKind::coded) {
    const Code code = make_code(scenario);
    for (int l = 0; l < code.r(); ++l) {
      source_models_.push_back(table.model_index(coded_name(spec.method, l)));
      fan_out_.push_back({k_ + l, k_ + l});
    }
    decoder_.emplace(code, scenario.coding.decoding);
  } else if (spec.kind == StrategyKind::replication ||
             spec.kind == StrategyKind::full_replication) {
    for (int server = k_; server < servers_; ++server)
      fan_out_.push_back({server, (server - k_) % k_});
  }
  relative_work_.assign(source_models_.size(), 1.0);
  if (spec.kind == StrategyKind::cheap_backup) add_backups(table);
  if (scenario.serving.fallback == Fallback::default_answer)
    for (const Task& task : tasks) default_scores_.push_back(label_frequencies(task, table.labels));
}

// Backup slot k+j serves the backups of tasks j, j+r, j+2r, ... in one request.
void Strategy::add_backups(const OutputTable& table) {
  const int r = servers_ - k_;
  for (int task = 0; task < k_; ++task)
    backup_models_.push_back(table.model_index(backup_name(task)));
  for (int j = 0; j < r; ++j) {
    int tasks_served = 0;
    for (int task = j; task < k_; task += r) ++tasks_served;
    source_models_.push_back(-1);  // several models: see backup_models_
    relative_work_.push_back(tasks_served * table.backup_flops / table.forward_flops);
    fan_out_.push_back({k_ + j, k_ + j});
  }
}

bool Strategy::has_backup(const std::vector<bool>& available, int task) const {
  return !backup_models_.empty() && available[k_ + task % (servers_ - k_)];
}

bool Strategy::complete(const std::vector<bool>& available) const {
  if (all_of_first(available, k_)) return true;
  if (!backup_models_.empty()) {
    for (int task = 0; task < k_; ++task)
      if (!available[task] && !has_backup(available, task)) return false;
    return true;
  }
  return decoder_ && decoder_->code().decodable(available);
}

// Counts, in `outcome`, how the task was answered when its label is scored.
const float* Strategy::answer(const std::vector<bool>& available,
                              const std::vector<std::vector<float>>& decoded, int task, int image,
                              QueryOutcome* outcome) const {
  if (available[task]) return table_->at(source_models_[task], image);
  if (!decoded.empty()) {
    if (outcome) ++outcome->decoded_tasks;
    return decoded[task].data();
  }
  if (has_backup(available, task)) {
    if (outcome) ++outcome->backup_tasks;
    return table_->at(backup_models_[task], image);
  }
  if (!default_scores_.empty()) {
    if (outcome) ++outcome->fallback_tasks;
    return default_scores_[task].data();
  }
  if (outcome) ++outcome->failed_tasks;
  return nullptr;
}

QueryOutcome Strategy::score(const std::vector<bool>& available, int image) const {
  const int label = table_->labels[image];
  std::vector<std::vector<float>> decoded;
  if (decoder_ && !all_of_first(available, k_) && decoder_->code().decodable(available)) {
    std::vector<const float*> outputs(source_models_.size(), nullptr);
    for (std::size_t s = 0; s < outputs.size(); ++s)
      if (available[s]) outputs[s] = table_->at(source_models_[s], image);
    decoded = decoder_->decode(outputs, table_->num_outputs);
  }
  QueryOutcome outcome;
  std::vector<const float*> answers(k_);
  for (int task = 0; task < k_; ++task) {
    outcome.decoded_outputs += !available[task] && !decoded.empty();
    const Task& t = (*tasks_)[task];
    const bool scored = t.in_domain(label);
    answers[task] = answer(available, decoded, task, image, scored ? &outcome : nullptr);
    if (!scored) continue;
    ++outcome.scored_tasks;
    if (answers[task] == nullptr) continue;  // failed: wrong under every rule
    for (const ScoringRule rule : kScoringRules)
      outcome.correct_tasks[rule] += t.predict(answers[task], rule) == t.target(label);
  }
  outcome.query_correct = predict_query(*tasks_, answers) == label;
  return outcome;
}

}  // namespace coinsim
