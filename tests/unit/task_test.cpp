// Tasks as label maps (split and relabel) and the accuracy table built on them, against counts
// made by hand on a four-image table.
#include "coin/coding/task.hpp"

#include <gtest/gtest.h>

#include "coin/coding/accuracy.hpp"
#include "common/error.hpp"

namespace coinsim {
namespace {

TEST(Task, SplitTasksKeepTheirClassesLabels) {
  TaskSpec spec;
  spec.classes = {{0, 3}, {1, 2}};
  spec.num_classes = 4;
  const auto tasks = make_tasks(spec, 4);
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_TRUE(tasks[0].in_domain(3));
  EXPECT_FALSE(tasks[0].in_domain(1));
  EXPECT_EQ(tasks[0].target(3), 3);
  const float scores[] = {0.1f, 0.5f, 0.3f, 0.2f};
  EXPECT_EQ(tasks[0].predict(scores), 3);  // the best of its own classes, not class 1
  EXPECT_EQ(tasks[1].predict(scores), 1);
  // Under the "all" rule a task may answer outside its classes: task 0 says 1.
  EXPECT_EQ(tasks[0].predict(scores, ScoringRule::all), 1);
  EXPECT_EQ(tasks[1].predict(scores, ScoringRule::all), 1);
  const float tie[] = {0.4f, 0.1f, 0.1f, 0.4f};
  EXPECT_EQ(tasks[0].predict(tie, ScoringRule::all), 0);  // the smallest label on ties
  EXPECT_EQ(tasks[0].predict(tie, ScoringRule::task), 0);
}

TEST(Task, LabelFrequenciesArePriorsWhoseBestIsTheMajorityLabel) {
  TaskSpec spec;
  spec.classes = {{0, 3}, {1, 2}};
  spec.num_classes = 4;
  const auto tasks = make_tasks(spec, 4);
  const std::vector<int> labels = {0, 3, 3, 1, 2, 2, 2, 3};
  EXPECT_EQ(label_frequencies(tasks[0], labels), (std::vector<float>{0.25f, 0, 0, 0.75f}));
  EXPECT_EQ(label_frequencies(tasks[1], labels), (std::vector<float>{0, 0.25f, 0.75f, 0}));
  for (const ScoringRule rule : kScoringRules)
    for (const Task& task : tasks)
      EXPECT_EQ(task.predict(label_frequencies(task, labels).data(), rule),
                majority_label(task, labels));
}

TEST(Task, EmptyAndStarvedTaskDomainsAreRefusedSmallOnesWarned) {
  Scenario s;
  s.source = "s.json";
  s.tasks.classes = {{0, 1}, {2, 3}};
  const std::vector<long long> plenty(10, 500);
  EXPECT_TRUE(check_task_domains(s, plenty, plenty).empty());
  const auto error_of = [&](const std::vector<long long>& train,
                            const std::vector<long long>& test) -> std::string {
    try {
      check_task_domains(s, train, test);
    } catch (const Error& e) {
      return e.what();
    }
    return "accepted";
  };
  std::vector<long long> no_test_of_task_1 = plenty;
  no_test_of_task_1[2] = no_test_of_task_1[3] = 0;
  EXPECT_EQ(error_of(plenty, no_test_of_task_1),
            "s.json: /tasks: task 1 has no test image in its domain (its accuracy would be empty): "
            "raise /dataset/test_limit or change its classes");
  std::vector<long long> one_image = plenty;
  one_image[0] = 1;
  one_image[1] = 0;
  EXPECT_EQ(error_of(one_image, plenty),
            "s.json: /tasks: task 0 has 1 training image(s) in its domain, too few to train a "
            "model: raise /dataset/train_limit or change its classes");
  std::vector<long long> few = plenty;
  few[2] = 40;
  few[3] = 9;
  EXPECT_EQ(check_task_domains(s, few, plenty),
            std::vector<std::string>{
                "warning: s.json: /tasks: task 1 has only 49 training images: its model will be "
                "poor"});
}

TEST(Task, RelabelTasksScoreEveryImageAgainstTheirOwnLabels) {
  TaskSpec spec;
  spec.kind = TaskKind::relabel;
  spec.maps = {{0, 1, 2, 3}, {1, 0, 1, 0}};  // identity; parity (even -> 1)
  spec.num_classes = 4;
  const auto tasks = make_tasks(spec, 4);
  EXPECT_EQ(tasks[1].labels(), (std::vector<int>{0, 1}));
  for (int c = 0; c < 4; ++c) EXPECT_TRUE(tasks[1].in_domain(c));
  EXPECT_EQ(tasks[1].target(2), 1);
  EXPECT_EQ(tasks[1].target(3), 0);
  const float scores[] = {0.1f, 0.2f, 0.6f, 0.1f};
  EXPECT_EQ(tasks[1].predict(scores), 1);  // only outputs 0 and 1 are its labels
}

// Two relabel tasks on three classes, four images; coin/0 is the exact average except on the
// last image, where it was chosen so that decoding task 1 is right and decoding task 0 wrong.
OutputTable relabel_table() {
  OutputTable table;
  table.num_images = 4;
  table.num_outputs = 3;
  table.labels = {0, 1, 2, 2};
  table.models = {"original/0", "original/1", "coin/0"};
  const std::vector<std::vector<float>> p0 = {
      {.8f, .1f, .1f}, {.2f, .7f, .1f}, {.1f, .2f, .7f}, {.5f, .3f, .2f}};
  const std::vector<std::vector<float>> p1 = {
      {.6f, .3f, .1f}, {.3f, .1f, .6f}, {.1f, .8f, .1f}, {.7f, .2f, .1f}};
  std::vector<std::vector<float>> q;
  for (int i = 0; i < 3; ++i)
    q.push_back({(p0[i][0] + p1[i][0]) / 2, (p0[i][1] + p1[i][1]) / 2, (p0[i][2] + p1[i][2]) / 2});
  q.push_back({.35f, .5f, .15f});
  for (const auto& model : {p0, p1, q})
    for (const auto& row : model) table.scores.insert(table.scores.end(), row.begin(), row.end());
  return table;
}

TEST(Accuracy, RelabelTasksAreScoredAgainstTheirOwnLabels) {
  TaskSpec spec;
  spec.kind = TaskKind::relabel;
  spec.maps = {{0, 1, 2}, {0, 0, 1}};  // all classes; classes 0 and 1 merged
  spec.num_classes = 3;
  const OutputTable table = relabel_table();
  const auto result = measure_accuracy(table, make_tasks(spec, 3), Code({{0.5, 0.5}}), {"coin"});
  ASSERT_EQ(result.tasks.size(), 2u);
  EXPECT_EQ(result.tasks[0].images, 4);
  EXPECT_DOUBLE_EQ(result.tasks[0].available.task, 0.75);  // image 3 predicted 0, label 2
  EXPECT_DOUBLE_EQ(result.tasks[1].available.task, 0.75);  // image 3 predicted 0, target 1
  ASSERT_EQ(result.decoded.size(), 4u);  // coin for each task, then the default answers
  // Task 0 erased: image 3 decodes to [0, .8, .2] -> 1: wrong, and not the original's 0.
  EXPECT_DOUBLE_EQ(result.decoded[0].degraded.task, 0.75);
  EXPECT_DOUBLE_EQ(result.decoded[0].reconstruction.task, 0.75);
  // Task 1 erased: image 3 decodes to [.2, .7, .1] -> 1: right, though the original said 0.
  EXPECT_DOUBLE_EQ(result.decoded[1].degraded.task, 1.0);
  EXPECT_DOUBLE_EQ(result.decoded[1].reconstruction.task, 0.75);
  // Default answers: task 0's majority label is 2 (two of four images; its original predicted 2
  // once), task 1's is 0 (two targets 0, two 1: the smaller wins; its original predicted 0 on
  // images 0, 1 and 3).
  EXPECT_EQ(result.decoded[2].method, "default");
  EXPECT_DOUBLE_EQ(result.decoded[2].degraded.task, 0.5);
  EXPECT_DOUBLE_EQ(result.decoded[2].reconstruction.task, 0.25);
  EXPECT_DOUBLE_EQ(result.decoded[3].degraded.task, 0.5);
  EXPECT_DOUBLE_EQ(result.decoded[3].reconstruction.task, 0.75);
}

TEST(Accuracy, ScoringRulesAgreeWhereATaskOwnsEveryOutputAndDifferWhereNot) {
  TaskSpec spec;
  spec.kind = TaskKind::relabel;
  spec.maps = {{0, 1, 2}, {0, 0, 1}};
  spec.num_classes = 3;
  const auto result =
      measure_accuracy(relabel_table(), make_tasks(spec, 3), Code({{0.5, 0.5}}), {"coin"});
  // Task 0's labels are every output: the rules must agree on every row of it.
  EXPECT_EQ(result.tasks[0].available.all, result.tasks[0].available.task);
  for (const std::size_t row : {0, 2}) {
    EXPECT_EQ(result.decoded[row].degraded.all, result.decoded[row].degraded.task);
    EXPECT_EQ(result.decoded[row].reconstruction.all, result.decoded[row].reconstruction.task);
  }
  // Task 1 has labels 0 and 1 of three outputs. Its original's argmax over all three: image 0
  // -> 0 (target 0), image 1 -> 2 (target 0: wrong, where its own labels say 0), image 2 -> 1
  // (target 1), image 3 -> 0 (target 1).
  EXPECT_DOUBLE_EQ(result.tasks[1].available.all, 0.5);
  // Decoded [.3, .1, .6] on image 1 -> 2, wrong; image 3 [.2, .7, .1] -> 1, right.
  EXPECT_DOUBLE_EQ(result.decoded[1].degraded.all, 0.75);
  EXPECT_DOUBLE_EQ(result.decoded[1].reconstruction.all, 0.75);  // image 3: 1 vs the original's 0
  // The default answer 0 is one label under both rules; the original it is compared with says
  // 0 on images 0 and 3 only under "all".
  EXPECT_DOUBLE_EQ(result.decoded[3].degraded.all, 0.5);
  EXPECT_DOUBLE_EQ(result.decoded[3].reconstruction.all, 0.5);
  const std::string csv = to_csv(result);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "method,erased,task,images,available_task,degraded_task,reconstruction_task,"
            "available_all,degraded_all,reconstruction_all");
  EXPECT_NE(csv.find("\ncoin,{1},1,4,0.750000,1.000000,0.750000,0.500000,0.750000,0.750000\n"),
            std::string::npos)
      << csv;
  EXPECT_EQ(to_json(result)["decoded"][1]["degraded"]["all"], 0.75);
}

}  // namespace
}  // namespace coinsim
