// Construction methods beyond COIN: task arithmetic against its formula, distillation against
// the closed form of its loss and its flop count, and the builder's choices and costs on a small
// synthetic dataset.
#include "coin/models/construction.hpp"

#include <gtest/gtest.h>

#include "coin/models/architectures.hpp"
#include "coin/models/distillation.hpp"
#include "coin/models/encoder.hpp"
#include "common/error.hpp"

namespace coinsim {
namespace {

TEST(Encoder, TaskArithmeticScalesTheAverageTaskVector) {
  const Parameters base = {torch::tensor({1.0, 1.0})};
  const Parameters a = {torch::tensor({3.0, 1.0})};
  const Parameters b = {torch::tensor({1.0, 5.0})};
  const auto merged = task_arithmetic_merge({a, b}, base, {0.25, 0.75}, 2.0);
  // theta_0 + 2 (0.25 (2, 0) + 0.75 (0, 4)) = (1 + 1, 1 + 6)
  EXPECT_NEAR(merged[0][0].item<double>(), 2.0, 1e-12);
  EXPECT_NEAR(merged[0][1].item<double>(), 7.0, 1e-12);
  const auto one = task_arithmetic_merge({a, b}, base, {0.25, 0.75}, 1.0);
  EXPECT_TRUE(torch::allclose(one[0], average_merge({a, b}, {0.25, 0.75})[0]));
}

Network small_mlp(int seed) {
  torch::manual_seed(seed);
  return std::make_shared<Mlp>(ImageShape{}, std::vector<int>{16}, 10);
}

TEST(Distillation, LossIsTheKlToTheMixtureAndZeroForTheTeacherItself) {
  const auto teacher = small_mlp(1), other = small_mlp(2);
  const auto images = torch::randn({64, 1, 28, 28});
  EXPECT_NEAR(distillation_loss(*teacher, {teacher}, {1.0}, images, DistillationLoss::kl), 0.0, 1e-6);
  EXPECT_NEAR(distillation_loss(*teacher, {teacher}, {1.0}, images, DistillationLoss::mse), 0.0, 1e-12);
  // KL(0.5 p + 0.5 q || p) by hand.
  const torch::NoGradGuard no_grad;
  const auto p = torch::softmax(teacher->forward(images), 1);
  const auto q = torch::softmax(other->forward(images), 1);
  const auto mixture = 0.5 * p + 0.5 * q;
  const double expected = (mixture * (mixture.log() - p.log())).sum(1).mean().item<double>();
  EXPECT_NEAR(distillation_loss(*teacher, {teacher, other}, {0.5, 0.5}, images, DistillationLoss::kl), expected,
              1e-5);
}

TEST(Distillation, TrainingLowersTheLossOnUnseenImagesAndCountsItsFlops) {
  const auto a = small_mlp(1), b = small_mlp(2), student = small_mlp(3);
  const auto train = torch::randn({512, 1, 28, 28});
  const auto held_out = torch::randn({256, 1, 28, 28});
  for (const DistillationLoss loss : {DistillationLoss::kl, DistillationLoss::mse}) {
    SCOPED_TRACE(kind_name(loss));
    set_parameters(*student, parameters_of(*small_mlp(3)));
    const double before = distillation_loss(*student, {a, b}, {0.5, 0.5}, held_out, loss);
    DistillationSpec spec;
    spec.loss = loss;
    spec.steps = 150;
    spec.batch_size = 64;
    const double flops = distil(*student, {a, b}, {0.5, 0.5}, train, spec, 9, Progress(false));
    EXPECT_LT(distillation_loss(*student, {a, b}, {0.5, 0.5}, held_out, loss), 0.5 * before);
    EXPECT_DOUBLE_EQ(flops, 150.0 * 64 * (2 + 3) * forward_flops(*student));
  }
}

// Two random task models on a small synthetic dataset: enough to exercise every method.
struct BuilderCase {
  Scenario s;
  Dataset data;
  std::vector<Network> models = {small_mlp(1), small_mlp(2)};
  Network base = small_mlp(7);
  BuilderCase() {
    s.dataset.name = DatasetName::synthetic;
    s.dataset.synthetic_train = 400;
    s.dataset.synthetic_test = 100;
    s.dataset.validation = 0.25;
    s.tasks.classes = {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}};
    s.model.hidden = {16};
    s.coding.fisher.samples = 50;
    s.coding.distillation.steps = 5;
    s.coding.lambdas = {0.5, 1.0, 3.0};
    s.coding.ties = {{0.2, 0.5}, {1.0, 2.0}};
    s.coding.regmean.samples = 50;
    data = load_dataset(s.dataset, 1);
  }
  CodedModelBuilder builder() {
    return CodedModelBuilder(s, data, models, parameters_of(*base), Code({{0.5, 0.5}}),
                             Progress(false));
  }
};

// Reference for k = 2, w = (1/2, 1/2): each task's output decoded as 2 q - p_other, scored on the
// validation images of its classes, averaged over the two tasks.
double decoded_validation_accuracy(const BuilderCase& c, const Parameters& coded_parameters) {
  const torch::NoGradGuard no_grad;
  const auto coded = small_mlp(0);
  set_parameters(*coded, coded_parameters);
  const auto& images = c.data.validation.images;
  const auto labels = c.data.validation.labels.to(torch::kLong);
  const auto q = torch::softmax(coded->forward(images), 1);
  double sum = 0;
  for (int j = 0; j < 2; ++j) {
    const auto decoded = 2 * q - torch::softmax(c.models[1 - j]->forward(images), 1);
    const auto first = 5 * j;  // task j owns classes first .. first + 4
    const auto in_task = (labels >= first).logical_and(labels < first + 5);
    const auto predicted = decoded.slice(1, first, first + 5).argmax(1) + first;
    sum += predicted.eq(labels).logical_and(in_task).sum().item<double>() /
           in_task.sum().item<double>();
  }
  return sum / 2;
}

TEST(Construction, EveryMethodBuildsOneModelPerRowWithItsCost) {
  BuilderCase c;
  auto builder = c.builder();
  const auto coin = builder.build("coin");
  ASSERT_EQ(coin.rows.size(), 1u);
  EXPECT_GT(coin.cost.wall_seconds, 0);
  // Exact Fisher of two models on 50 images: k n F (1 + 2 C), plus the merge 4 k P.
  const double f = forward_flops(*c.models[0]);
  const double p = 784 * 16 + 16 + 16 * 10 + 10;
  EXPECT_DOUBLE_EQ(coin.cost.flops, 2 * 50 * f * 21 + 4 * 2 * p);
  const auto tuned = builder.build("coin-finetune");
  EXPECT_DOUBLE_EQ(tuned.cost.flops, coin.cost.flops + 5 * 128.0 * (2 + 3) * f);
  EXPECT_GE(tuned.cost.wall_seconds, coin.cost.wall_seconds);
  const auto arithmetic = builder.build("task-arithmetic");
  const double lambda = arithmetic.cost.details.at("lambda").get<double>();
  EXPECT_TRUE(lambda == 0.5 || lambda == 1.0 || lambda == 3.0);
  EXPECT_TRUE(torch::allclose(
      arithmetic.rows[0][0],
      task_arithmetic_merge({parameters_of(*c.models[0]), parameters_of(*c.models[1])},
                            parameters_of(*small_mlp(7)), {0.5, 0.5}, lambda)[0]));
  EXPECT_NEAR(arithmetic.cost.details.at("validation_accuracy").get<double>(),
              decoded_validation_accuracy(c, arithmetic.rows[0]), 1e-12);
  EXPECT_EQ(builder.build("learned").rows.size(), 1u);
  // TIES keeps the best of its density x lambda grid, with that candidate's own accuracy.
  const auto ties = builder.build("ties");
  const double density = ties.cost.details.at("density").get<double>();
  EXPECT_TRUE(torch::allclose(ties.rows[0][0],
                              ties_merge({parameters_of(*c.models[0]), parameters_of(*c.models[1])},
                                         parameters_of(*small_mlp(7)), {0.5, 0.5}, density,
                                         ties.cost.details.at("lambda").get<double>())[0]));
  EXPECT_NEAR(ties.cost.details.at("validation_accuracy").get<double>(),
              decoded_validation_accuracy(c, ties.rows[0]), 1e-12);
  const auto regmean = builder.build("regmean");
  ASSERT_EQ(regmean.rows.size(), 1u);
  EXPECT_GT(regmean.cost.flops, 2 * 50 * f);  // at least the forward passes of its samples
  EXPECT_EQ(regmean.cost.details.at("samples"), 50);
  EXPECT_DOUBLE_EQ(builder.build("averaging").cost.flops, 2 * 2 * p);
}

TEST(Construction, EveryMethodBuildsResNet18WithItsGroupNorm) {
  // Strided convolutions, projections and GroupNorm through every construction and estimator.
  BuilderCase c;
  c.s.model.architecture = Architecture::resnet18;
  c.s.model.channels = {4};
  c.s.model.groups = 2;
  const auto resnet = [&](int seed) {
    torch::manual_seed(seed);
    return make_model(c.s.model, c.s.dataset);
  };
  c.models = {resnet(1), resnet(2)};
  c.base = resnet(7);
  const std::size_t parameters = parameters_of(*c.models[0]).size();
  for (const FisherEstimator estimator : {FisherEstimator::exact, FisherEstimator::kfac}) {
    c.s.coding.fisher.estimator = estimator;
    auto builder = c.builder();
    for (const char* method :
         {"coin", "averaging", "task-arithmetic", "ties", "regmean", "learned", "coin-finetune"}) {
      SCOPED_TRACE(std::string(method) + " " + kind_name(estimator));
      const auto built = builder.build(method);
      ASSERT_EQ(built.rows.size(), 1u);
      ASSERT_EQ(built.rows[0].size(), parameters);
      for (const auto& tensor : built.rows[0]) EXPECT_TRUE(tensor.isfinite().all().item<bool>());
      EXPECT_GT(built.cost.flops, 0);
    }
  }
}

TEST(Construction, CoinOnKfacBlocksAgreesWithTheMergeItDelegatesTo) {
  BuilderCase c;
  c.s.coding.fisher.estimator = FisherEstimator::kfac;
  auto builder = c.builder();
  const auto coin = builder.build("coin");
  ASSERT_EQ(coin.rows.size(), 1u);
  // The same blocks on the same 50 Fisher images (the first 50 of the seeded draw)...
  EXPECT_GT(coin.cost.flops, 2 * 50 * forward_flops(*c.models[0]) * 21);
  EXPECT_GT(coin.cost.details.at("fisher_s").get<double>(), 0);
  // ...and a coded model that differs from the diagonal COIN's.
  BuilderCase diagonal;
  auto diagonal_builder = diagonal.builder();
  EXPECT_FALSE(torch::allclose(coin.rows[0][0], diagonal_builder.build("coin").rows[0][0]));
}

TEST(Construction, TaskArithmeticWithoutValidationImagesIsAnError) {
  BuilderCase c;
  c.s.source = "x.json";
  c.s.dataset.validation = 0;
  c.data = load_dataset(c.s.dataset, 1);
  auto builder = c.builder();
  try {
    builder.build("task-arithmetic");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "x.json: /dataset/validation: task arithmetic tunes its settings on validation "
                 "images, and there are none");
  }
}

}  // namespace
}  // namespace coinsim
