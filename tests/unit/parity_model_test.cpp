// ParM's parity model: trained on summed synthetic images it learns the sum of the base model's
// outputs (its squared error falls well below an untrained model's), so that subtracting the other
// query's output rebuilds a missing one whose argmax is mostly the base model's own (chance: 1 in
// 10); training repeats itself from the seed.
#include "coin/models/parity_model.hpp"

#include <gtest/gtest.h>

#include "coin/models/architectures.hpp"
#include "coin/models/dataset.hpp"
#include "coin/models/training.hpp"

namespace coinsim {
namespace {

Dataset synthetic() {
  DatasetSpec spec;
  spec.name = DatasetName::synthetic;
  spec.synthetic_train = 1000;
  spec.synthetic_test = 400;
  spec.validation = 0;
  return load_dataset(spec, 5);
}

Network fresh_model(int seed) {
  torch::manual_seed(seed);
  return make_model(ModelSpec{}, DatasetSpec{});
}

Network trained_base(const Dataset& data) {
  Network base = fresh_model(3);
  TrainingSpec spec;
  spec.epochs = 2;
  train_model(*base, data.train, spec, 11, "base", Progress(false));
  return base;
}

ParityTraining pairs() {
  ParityTraining spec;
  spec.group_size = 2;
  spec.steps = 300;
  return spec;
}

TEST(ParityModel, LearnsTheSumOfTheBaseOutputsAndRebuildsAMissingOne) {
  const Dataset data = synthetic();
  const Network base = trained_base(data);
  const Network parity = fresh_model(4);
  const double untrained = parity_loss(*parity, *base, data.test.images, pairs());
  train_parity_model(*parity, *base, data.train.images, pairs(), 21, Progress(false));
  EXPECT_LT(parity_loss(*parity, *base, data.test.images, pairs()), 0.3 * untrained);

  // Consecutive test pairs (a, b): rebuild a's output as parity(a + b) - base(b).
  const torch::NoGradGuard no_grad;
  const auto a = data.test.images.slice(0, 0, 200);
  const auto b = data.test.images.slice(0, 200, 400);
  const auto base_a = outputs_in_space(*base, a, DecodingSpace::probability);
  const auto rebuilt =
      parity->forward(a + b) - outputs_in_space(*base, b, DecodingSpace::probability);
  const double agreement =
      (rebuilt.argmax(1) == base_a.argmax(1)).to(torch::kDouble).mean().item<double>();
  EXPECT_GT(agreement, 0.6);
}

TEST(ParityModel, RepeatsItselfFromTheSeed) {
  const Dataset data = synthetic();
  const Network base = trained_base(data);
  ParityTraining spec = pairs();
  spec.steps = 20;
  spec.space = DecodingSpace::logit;
  const Network first = fresh_model(4), second = fresh_model(4);
  train_parity_model(*first, *base, data.train.images, spec, 21, Progress(false));
  train_parity_model(*second, *base, data.train.images, spec, 21, Progress(false));
  EXPECT_TRUE(torch::equal(parameters_of(*first)[0], parameters_of(*second)[0]));
}

TEST(ParityModel, TargetsAreTheOutputsInTheDecodingSpace) {
  const Dataset data = synthetic();
  const Network base = fresh_model(3);
  const auto x = data.test.images.slice(0, 0, 4);
  const torch::NoGradGuard no_grad;
  const auto logits = base->forward(x);
  EXPECT_TRUE(torch::allclose(outputs_in_space(*base, x, DecodingSpace::logit),
                              torch::log_softmax(logits, 1)));
  EXPECT_TRUE(torch::allclose(outputs_in_space(*base, x, DecodingSpace::probability),
                              torch::softmax(logits, 1)));
}

}  // namespace
}  // namespace coinsim
