// A task is a view of a dataset, given by a label map: map[c] is the task's label for an image of
// dataset class c, or -1 when such images are outside the task's domain.
//   split tasks    (/tasks/kind "split") learn a subset of the classes, labels unchanged: the
//                  domain is the subset;
//   relabel tasks  (/tasks/kind "relabel") give every class a label of their own (for example
//                  Fashion-MNIST items -> super-categories, digits -> parity): the domain is every
//                  image.
// Models keep the dataset's output width (the widest task's); a task scores only the images of
// its domain, against its own label for them. Its answer depends on the scoring rule
// (/tasks/scoring): under "task" it is the most probable of its own labels, under "all" the most
// probable of every output, so that a model may answer with a label outside its task.
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace coinsim {

class Task {
 public:
  Task(std::vector<int> label_map, int num_outputs);

  bool in_domain(int label) const { return target(label) >= 0; }
  // The task's label for an image of dataset class `label` (-1: outside the domain).
  int target(int label) const {
    return label >= 0 && label < static_cast<int>(map_.size()) ? map_[label] : -1;
  }
  // The label with the highest score: among this task's labels (rule task), or among every one
  // of the model's outputs (rule all); the smallest label on ties.
  int predict(const float* scores, ScoringRule rule = ScoringRule::task) const;
  int num_outputs() const { return num_outputs_; }
  const std::vector<int>& labels() const { return labels_; }  // sorted, distinct
  const std::vector<int>& label_map() const { return map_; }

 private:
  std::vector<int> map_;
  std::vector<int> labels_;
  int num_outputs_;
};

std::vector<Task> make_tasks(const TaskSpec& spec, int num_outputs);

// Each task's domain must hold images to learn from and to be scored on: a task with no test
// image was reported as accuracy 0, one trained on a single image as if it were a model. Given how
// many training and test images each dataset class has, throws Error (naming /tasks and the
// dataset limits) for a task with no test image or fewer than kMinimumTrainingImages training
// images; returns one warning line per task with fewer than kFewTrainingImages.
constexpr long long kMinimumTrainingImages = 2;
constexpr long long kFewTrainingImages = 100;
std::vector<std::string> check_task_domains(const Scenario& scenario,
                                            const std::vector<long long>& train_per_class,
                                            const std::vector<long long>& test_per_class);

// A task's default answer: its most frequent label among `labels` (dataset classes) in its
// domain, the smallest such label on ties.
int majority_label(const Task& task, const std::vector<int>& labels);

// The default answer as scores: the frequency of each of the task's labels in its domain (the
// prior), 0 for every other output. Its best label under either scoring rule is the majority
// label; end to end (coin/coding/query_prediction.hpp) it weighs as little as the prior does.
std::vector<float> label_frequencies(const Task& task, const std::vector<int>& labels);

}  // namespace coinsim
