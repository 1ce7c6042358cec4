#include "coin/coding/task.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "common/error.hpp"

namespace coinsim {

Task::Task(std::vector<int> label_map, int num_outputs)
    : map_(std::move(label_map)), num_outputs_(num_outputs) {
  const std::set<int> labels(map_.begin(), map_.end());
  for (const int label : labels) {
    if (label >= num_outputs) throw std::invalid_argument("task label beyond the model's outputs");
    if (label >= 0) labels_.push_back(label);
  }
  if (labels_.empty()) throw std::invalid_argument("a task needs at least one label");
}

int Task::predict(const float* scores, ScoringRule rule) const {
  if (rule == ScoringRule::all)
    return static_cast<int>(std::max_element(scores, scores + num_outputs_) - scores);
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

std::vector<float> label_frequencies(const Task& task, const std::vector<int>& labels) {
  std::vector<double> counts(task.num_outputs(), 0.0);
  double total = 0;
  for (const int label : labels)
    if (task.in_domain(label)) {
      counts[task.target(label)] += 1;
      total += 1;
    }
  std::vector<float> frequencies(counts.size(), 0.0F);
  for (std::size_t c = 0; c < counts.size(); ++c)
    frequencies[c] = total > 0 ? static_cast<float>(counts[c] / total) : 0.0F;
  if (total == 0) frequencies[task.labels().front()] = 1.0F;  // as majority_label answers
  return frequencies;
}

namespace {
long long images_in_domain(const std::vector<int>& label_map,
                           const std::vector<long long>& per_class) {
  long long count = 0;
  for (std::size_t c = 0; c < per_class.size() && c < label_map.size(); ++c)
    if (label_map[c] >= 0) count += per_class[c];
  return count;
}
}  // namespace

std::vector<std::string> check_task_domains(const Scenario& s,
                                            const std::vector<long long>& train_per_class,
                                            const std::vector<long long>& test_per_class) {
  const auto maps = s.tasks.label_maps();
  std::vector<std::string> warnings;
  for (std::size_t t = 0; t < maps.size(); ++t) {
    const std::string task = s.source.string() + ": /tasks: task " + std::to_string(t);
    const long long test = images_in_domain(maps[t], test_per_class);
    const long long train = images_in_domain(maps[t], train_per_class);
    if (test == 0)
      throw Error(task +
                  " has no test image in its domain (its accuracy would be empty): raise "
                  "/dataset/test_limit or change its classes");
    if (train < kMinimumTrainingImages)
      throw Error(task + " has " + std::to_string(train) +
                  " training image(s) in its domain, too few to train a model: raise "
                  "/dataset/train_limit or change its classes");
    if (train < kFewTrainingImages)
      warnings.push_back("warning: " + task + " has only " + std::to_string(train) +
                         " training images: its model will be poor");
  }
  return warnings;
}

}  // namespace coinsim
