#include "coin/task.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace coinsim {

Task::Task(std::vector<int> label_map, int num_outputs) : map_(std::move(label_map)) {
  const std::set<int> labels(map_.begin(), map_.end());
  for (const int label : labels) {
    if (label >= num_outputs) throw std::invalid_argument("task label beyond the model's outputs");
    if (label >= 0) labels_.push_back(label);
  }
  if (labels_.empty()) throw std::invalid_argument("a task needs at least one label");
}

int Task::predict(const float* scores) const {
  int best = labels_.front();
  for (const int c : labels_)
    if (scores[c] > scores[best]) best = c;
  return best;
}

std::vector<Task> make_tasks(const TaskSpec& spec, int num_outputs) {
  std::vector<Task> tasks;
  for (const auto& map : spec.label_maps()) tasks.emplace_back(map, num_outputs);
  return tasks;
}

int majority_label(const Task& task, const std::vector<int>& labels) {
  std::map<int, int> counts;
  for (const int label : labels)
    if (task.in_domain(label)) ++counts[task.target(label)];
  int best = task.labels().front();
  for (const auto& [label, count] : counts)
    if (count > counts[best]) best = label;
  return best;
}

}  // namespace coinsim
