#include "sim/strategy.hpp"

#include <algorithm>

#include "coin/code.hpp"

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
  if (spec.kind == "coded") {
    const Code code = make_code(scenario);
    for (int l = 0; l < code.r(); ++l) {
      source_models_.push_back(table.model_index(coded_name(spec.method, l)));
      fan_out_.push_back({k_ + l, k_ + l});
    }
    decoder_.emplace(code, decoding_space(scenario.coding.decoding));
  } else if (spec.kind == "replication" || spec.kind == "full-replication") {
    for (int server = k_; server < servers_; ++server)
      fan_out_.push_back({server, (server - k_) % k_});
  }
  relative_work_.assign(source_models_.size(), 1.0);
  if (spec.kind == "cheap-backup") add_backups(table);
  if (scenario.serving.fallback == "default")
    for (const Task& task : tasks) default_answers_.push_back(majority_label(task, table.labels));
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
  for (int task = 0; task < k_; ++task)
    outcome.decoded_outputs += !available[task] && !decoded.empty();
  for (int task = 0; task < k_; ++task) {
    const Task& t = (*tasks_)[task];
    if (!t.in_domain(label)) continue;
    ++outcome.scored_tasks;
    int answer = -1;
    if (available[task]) {
      answer = t.predict(table_->at(source_models_[task], image));
    } else if (!decoded.empty()) {
      ++outcome.decoded_tasks;
      answer = t.predict(decoded[task].data());
    } else if (has_backup(available, task)) {
      ++outcome.backup_tasks;
      answer = t.predict(table_->at(backup_models_[task], image));
    } else if (!default_answers_.empty()) {
      ++outcome.fallback_tasks;
      answer = default_answers_[task];
    } else {
      ++outcome.failed_tasks;
    }
    outcome.correct_tasks += answer == t.target(label);
  }
  return outcome;
}

}  // namespace coinsim
