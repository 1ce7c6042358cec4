// A task is a view of a dataset: here a split task, the subset of classes one model learns.
// Models keep the dataset's full output width; a task predicts the most probable of its own
// classes, and scores only the images whose label is one of them (its domain).
#pragma once

#include <vector>

namespace coinsim {

class Task {
 public:
  Task(std::vector<int> classes, int num_outputs);

  bool in_domain(int label) const { return label >= 0 && label < num_outputs_ && member_[label]; }
  // The class, among this task's, with the highest score.
  int predict(const float* scores) const;
  const std::vector<int>& classes() const { return classes_; }

 private:
  std::vector<int> classes_;
  std::vector<bool> member_;
  int num_outputs_;
};

std::vector<Task> make_tasks(const std::vector<std::vector<int>>& classes, int num_outputs);

}  // namespace coinsim
