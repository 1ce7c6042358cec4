// Task-model training regimes: the learning-rate schedules against their formulas, and each
// optimizer really training (loss falls on the synthetic dataset), deterministically from the
// seed, with weight decay shrinking the weights it is applied to.
#include "coin/models/training.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "coin/models/architectures.hpp"
#include "coin/models/learning_rate.hpp"

namespace coinsim {
namespace {

TEST(LearningRate, SchedulesFollowTheirFormulas) {
  TrainingSpec spec;
  spec.learning_rate = 0.1;
  spec.epochs = 4;
  EXPECT_EQ(learning_rate_at(spec, 37, 10), 0.1);  // constant
  spec.schedule = LearningRateSchedule::cosine;    // T = 40 steps
  EXPECT_DOUBLE_EQ(learning_rate_at(spec, 0, 10), 0.1);
  EXPECT_NEAR(learning_rate_at(spec, 20, 10), 0.05, 1e-15);
  EXPECT_NEAR(learning_rate_at(spec, 10, 10), 0.1 * (1 + std::cos(M_PI / 4)) / 2, 1e-15);
  EXPECT_LT(learning_rate_at(spec, 39, 10), 0.1 * 0.002);
  spec.schedule = LearningRateSchedule::step;
  spec.step_epochs = 2;
  spec.step_gamma = 0.5;
  EXPECT_DOUBLE_EQ(learning_rate_at(spec, 19, 10), 0.1);   // epochs 0 and 1
  EXPECT_DOUBLE_EQ(learning_rate_at(spec, 20, 10), 0.05);  // epoch 2
  EXPECT_DOUBLE_EQ(learning_rate_at(spec, 39, 10), 0.05);
  spec.epochs = 5;
  EXPECT_DOUBLE_EQ(learning_rate_at(spec, 40, 10), 0.025);  // epoch 4
}

ImageSet synthetic_images() {
  DatasetSpec spec;
  spec.name = DatasetName::synthetic;
  spec.synthetic_train = 600;
  spec.synthetic_test = 10;
  spec.validation = 0;
  return load_dataset(spec, 5).train;
}

double cross_entropy(NetworkImpl& model, const ImageSet& data) {
  torch::NoGradGuard no_grad;
  return torch::nn::functional::cross_entropy(model.forward(data.images), data.labels)
      .item<double>();
}

double squared_norm(NetworkImpl& model) {
  double sum = 0;
  for (const auto& p : parameters_of(model)) sum += p.pow(2).sum().item<double>();
  return sum;
}

Network trained(TrainingSpec spec, const ImageSet& data) {
  torch::manual_seed(3);
  Network model = make_model(ModelSpec{}, DatasetSpec{});
  train_model(*model, data, spec, 11, "test", Progress(false));
  return model;
}

TEST(Training, EveryOptimizerLowersTheLossAndRepeatsItselfFromTheSeed) {
  const ImageSet data = synthetic_images();
  torch::manual_seed(3);
  const Network untrained = make_model(ModelSpec{}, DatasetSpec{});
  const double initial = cross_entropy(*untrained, data);
  TrainingSpec adam;
  adam.epochs = 2;
  TrainingSpec sgd = adam;
  sgd.optimizer = Optimizer::sgd;
  sgd.learning_rate = 0.05;
  sgd.nesterov = true;
  sgd.schedule = LearningRateSchedule::cosine;
  for (const TrainingSpec& spec : {adam, sgd}) {
    const Network a = trained(spec, data);
    EXPECT_LT(cross_entropy(*a, data), 0.5 * initial) << kind_name(spec.optimizer);
    const Network b = trained(spec, data);
    EXPECT_TRUE(torch::equal(parameters_of(*a)[0], parameters_of(*b)[0]));
  }
  EXPECT_FALSE(
      torch::equal(parameters_of(*trained(adam, data))[0], parameters_of(*trained(sgd, data))[0]));
}

TEST(Training, WeightDecayShrinksTheWeights) {
  const ImageSet data = synthetic_images();
  TrainingSpec plain;
  plain.optimizer = Optimizer::sgd;
  plain.learning_rate = 0.05;
  plain.epochs = 2;
  TrainingSpec decayed = plain;
  decayed.weight_decay = 0.05;
  EXPECT_LT(squared_norm(*trained(decayed, data)), 0.9 * squared_norm(*trained(plain, data)));
}

}  // namespace
}  // namespace coinsim
