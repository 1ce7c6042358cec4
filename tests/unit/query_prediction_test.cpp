// The end-to-end answer of a query (coin/coding/query_prediction.hpp) on cases worked by hand.
#include "coin/coding/query_prediction.hpp"

#include <gtest/gtest.h>

namespace coinsim {
namespace {

std::vector<Task> split_tasks() {  // classes {0, 1} and {2, 3} of four
  TaskSpec spec;
  spec.classes = {{0, 1}, {2, 3}};
  spec.num_classes = 4;
  return make_tasks(spec, 4);
}

TEST(QueryPrediction, SplitTasksAnswerWithTheMostConfidentTask) {
  const auto tasks = split_tasks();
  const std::vector<float> first = {0.7f, 0.2f, 0.05f, 0.05f};  // sure of class 0
  const std::vector<float> second = {0.1f, 0.1f, 0.3f, 0.5f};   // half sure of class 3
  EXPECT_EQ(predict_query(tasks, {first.data(), second.data()}), 0);
  const std::vector<float> surer = {0.0f, 0.0f, 0.05f, 0.95f};
  EXPECT_EQ(predict_query(tasks, {first.data(), surer.data()}), 3);
  // The task rule would score task 0 right on an image of class 1 whatever this says; end to
  // end, class 1 only wins when its task's 0.2 beats every other class's score.
}

TEST(QueryPrediction, MissingAnswersLeaveTheirClassesOutAndNoAnswerIsNoPrediction) {
  const auto tasks = split_tasks();
  const std::vector<float> second = {0.9f, 0.0f, 0.06f, 0.04f};  // its own classes: 2
  EXPECT_EQ(predict_query(tasks, {nullptr, second.data()}), 2);  // class 0's 0.9 is not task 1's
  EXPECT_EQ(predict_query(tasks, {nullptr, nullptr}), -1);
}

TEST(QueryPrediction, NegativeDecodedEntriesAreFlooredAndTiesGoToTheSmallestClass) {
  const auto tasks = split_tasks();
  const std::vector<float> decoded = {-0.3f, -0.1f, 0.7f, 0.7f};
  const std::vector<float> other = {0.0f, -0.2f, 0.5f, 0.5f};
  // Classes 0 and 1 both floor at 1e-12 in task 0; classes 2, 3 tie in task 1 (0.7 vs 0.7).
  EXPECT_EQ(predict_query(tasks, {decoded.data(), decoded.data()}), 2);
  EXPECT_EQ(predict_query(tasks, {other.data(), nullptr}), 0);
}

TEST(QueryPrediction, RelabelTasksCombineTheirAnswersByMeanLogProbability) {
  // Task 0: the identity on four classes; task 1: parity (classes 1, 3 -> label 1).
  TaskSpec spec;
  spec.kind = TaskKind::relabel;
  spec.maps = {{0, 1, 2, 3}, {0, 1, 0, 1}};
  spec.num_classes = 4;
  const auto tasks = make_tasks(spec, 4);
  const std::vector<float> identity = {0.4f, 0.35f, 0.15f, 0.1f};
  const std::vector<float> parity = {0.2f, 0.8f, 0.0f, 0.0f};  // odd
  // Class scores (log p0 + log p1) / 2: 0 -> log(.4 * .2), 1 -> log(.35 * .8): class 1 wins,
  // though the identity task alone says 0.
  EXPECT_EQ(predict_query(tasks, {identity.data(), parity.data()}), 1);
  EXPECT_EQ(predict_query(tasks, {identity.data(), nullptr}), 0);
}

}  // namespace
}  // namespace coinsim
