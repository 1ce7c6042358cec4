#include "coin/task.hpp"

namespace coinsim {

Task::Task(std::vector<int> classes, int num_outputs)
    : classes_(std::move(classes)), member_(num_outputs, false), num_outputs_(num_outputs) {
  for (const int c : classes_) member_.at(c) = true;
}

int Task::predict(const float* scores) const {
  int best = classes_.front();
  for (const int c : classes_)
    if (scores[c] > scores[best]) best = c;
  return best;
}

std::vector<Task> make_tasks(const std::vector<std::vector<int>>& classes, int num_outputs) {
  std::vector<Task> tasks;
  for (const auto& subset : classes) tasks.emplace_back(subset, num_outputs);
  return tasks;
}

}  // namespace coinsim
