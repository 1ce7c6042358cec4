// COIN's maths on real LibTorch models: the exact diagonal Fisher against the closed form of
// softmax regression and against the per-sample reference loop on every architecture (Linear and
// Conv2d layers, residual sums); Fisher-weighted merging against its formula; one-hot weights
// giving back the chosen model bit for bit; forward flops against hand counts.
#include <gtest/gtest.h>

#include "coin/models/architectures.hpp"
#include "coin/models/encoder.hpp"
#include "coin/models/fisher.hpp"
#include "coin/models/forward_timing.hpp"

namespace coinsim {
namespace {

// Softmax regression (no hidden layer) on a few random inputs, in double precision.
struct LogisticCase {
  Mlp model{ImageShape{5, 1, 1}, std::vector<int>{}, 3};
  torch::Tensor x;
  LogisticCase() {
    torch::manual_seed(3);
    set_parameters(
        model, parameters_of(*std::make_shared<Mlp>(ImageShape{5, 1, 1}, std::vector<int>{}, 3)));
    model.to(torch::kDouble);
    x = torch::randn({40, 5}, torch::kDouble);
  }
};

TEST(Fisher, SoftmaxRegressionMatchesClosedForm) {
  // For logits z = W x + b, d log p_y / d z_c = [y = c] - p_c, so the exact Fisher is
  //   F(W[c][m]) = E_x p_c (1 - p_c) x_m^2,   F(b[c]) = E_x p_c (1 - p_c).
  LogisticCase lr;
  const auto p = torch::softmax(lr.model.forward(lr.x), 1).detach();
  const auto variance = p * (1 - p);  // N x 3
  const auto expected_weight = variance.t().mm(lr.x.square()) / lr.x.size(0);
  const auto expected_bias = variance.mean(0);
  for (const auto& fisher :
       {exact_fisher(lr.model, lr.x, 16), exact_fisher_reference(lr.model, lr.x)}) {
    ASSERT_EQ(fisher.size(), 2u);
    EXPECT_TRUE(torch::allclose(fisher[0], expected_weight, 1e-12, 1e-14));
    EXPECT_TRUE(torch::allclose(fisher[1], expected_bias, 1e-12, 1e-14));
  }
}

// Largest difference relative to the largest reference value, parameter by parameter.
void expect_same_fisher(const DiagonalFisher& batched, const DiagonalFisher& reference,
                        double tolerance) {
  ASSERT_EQ(batched.size(), reference.size());
  for (std::size_t i = 0; i < batched.size(); ++i) {
    const double scale = reference[i].abs().max().item<double>();
    EXPECT_GT(scale, 0) << "parameter " << i;
    EXPECT_LE((batched[i] - reference[i]).abs().max().item<double>(), tolerance * scale)
        << "parameter " << i;
  }
}

constexpr Architecture kArchitectures[] = {Architecture::mlp, Architecture::lenet5,
                                           Architecture::residual_cnn, Architecture::resnet18};

// Small versions of each architecture in double precision; ResNet-18 at width 4 in 2 groups.
Network double_model(Architecture architecture, int seed) {
  torch::manual_seed(seed);
  ModelSpec spec;
  spec.architecture = architecture;
  spec.hidden = {32, 16};
  spec.channels =
      architecture == Architecture::resnet18 ? std::vector<int>{4} : std::vector<int>{4, 6};
  spec.groups = 2;
  Network model = make_model(spec, DatasetSpec{});
  model->to(torch::kDouble);
  return model;
}

TEST(Fisher, BatchedEqualsPerSampleLoopOnEveryArchitecture) {
  for (const Architecture architecture : kArchitectures) {
    SCOPED_TRACE(kind_name(architecture));
    const Network model = double_model(architecture, 11);
    const auto images = torch::randn({23, 1, 28, 28}, torch::kDouble);
    // Batches that do not divide the 23 images.
    expect_same_fisher(exact_fisher(*model, images, 10), exact_fisher_reference(*model, images),
                       1e-10);
  }
}

TEST(Fisher, BatchedEqualsPerSampleLoopInSinglePrecision) {
  // What runs in coinsim: float32 LeNet-5, batched against the loop to a relative 1e-5.
  torch::manual_seed(13);
  LeNet5 model(ImageShape{}, 10);
  const auto images = torch::randn({40, 1, 28, 28});
  expect_same_fisher(exact_fisher(model, images, 16), exact_fisher_reference(model, images), 1e-5);
}

TEST(Fisher, EmpiricalMatchesClosedFormOfSoftmaxRegression) {
  // With y the given label: d log p_y / d z_c = [y = c] - p_c, squared per sample.
  LogisticCase lr;
  const auto labels = torch::randint(0, 3, {lr.x.size(0)}, torch::kLong);
  const auto p = torch::softmax(lr.model.forward(lr.x), 1).detach();
  const auto residual = torch::one_hot(labels, 3).to(torch::kDouble) - p;  // N x 3
  const auto expected_weight = residual.square().t().mm(lr.x.square()) / lr.x.size(0);
  for (const auto& fisher : {target_fisher(lr.model, lr.x, labels, 16),
                             target_fisher_reference(lr.model, lr.x, labels)}) {
    EXPECT_TRUE(torch::allclose(fisher[0], expected_weight, 1e-12, 1e-14));
    EXPECT_TRUE(torch::allclose(fisher[1], residual.square().mean(0), 1e-12, 1e-14));
  }
}

TEST(Fisher, SampledTargetsAreReproducibleAndAverageToTheExactFisher) {
  LogisticCase lr;
  const auto images = lr.x.repeat({500, 1});  // 20,000 draws over the same 40 inputs
  const auto targets = sampled_targets(lr.model, images, 5);
  EXPECT_TRUE(torch::equal(targets, sampled_targets(lr.model, images, 5)));
  EXPECT_FALSE(torch::equal(targets, sampled_targets(lr.model, images, 6)));
  // E_y~p [([y = c] - p_c)^2] = p_c (1 - p_c): the sampled estimator is unbiased for the exact.
  const auto sampled = target_fisher(lr.model, images, targets, 4096);
  const auto exact = exact_fisher(lr.model, lr.x);
  const double relative = ((sampled[1] - exact[1]).abs() / exact[1]).max().item<double>();
  EXPECT_LT(relative, 0.05);  // the standard error over 20,000 draws is ~1%
}

TEST(Fisher, BatchedTargetFisherEqualsPerSampleLoopOnEveryArchitecture) {
  for (const Architecture architecture : kArchitectures) {
    SCOPED_TRACE(kind_name(architecture));
    const Network model = double_model(architecture, 12);
    const auto images = torch::randn({23, 1, 28, 28}, torch::kDouble);
    const auto targets = sampled_targets(*model, images, 3);
    expect_same_fisher(target_fisher(*model, images, targets, 10),
                       target_fisher_reference(*model, images, targets), 1e-10);
  }
}

TEST(Encoder, CoinIsTheFisherWeightedAverage) {
  const Parameters a = {torch::tensor({1.0, 2.0}), torch::tensor({0.0})};
  const Parameters b = {torch::tensor({3.0, 2.0}), torch::tensor({4.0})};
  const DiagonalFisher fa = {torch::tensor({3.0, 0.0}), torch::tensor({1.0})};
  const DiagonalFisher fb = {torch::tensor({1.0, 0.0}), torch::tensor({1.0})};
  const auto merged = coin_merge({a, b}, {fa, fb}, {0.5, 0.5}, 1e-8);
  // (0.5*3*1 + 0.5*1*3) / (0.5*3 + 0.5*1) = 1.5; zero Fishers fall back to the plain average.
  EXPECT_NEAR(merged[0][0].item<double>(), 1.5, 1e-12);
  EXPECT_NEAR(merged[0][1].item<double>(), 2.0, 1e-12);
  EXPECT_NEAR(merged[1][0].item<double>(), 2.0, 1e-12);
  const auto weighted = coin_merge({a, b}, {fa, fb}, {0.25, 0.75}, 1e-8);
  EXPECT_NEAR(weighted[0][0].item<double>(), (0.25 * 3 * 1 + 0.75 * 1 * 3) / (0.25 * 3 + 0.75 * 1),
              1e-12);
}

TEST(Encoder, OneHotWeightsReturnTheChosenModelExactly) {
  torch::manual_seed(5);
  std::vector<Parameters> models;
  std::vector<DiagonalFisher> fishers;
  for (int i = 0; i < 3; ++i) {
    Mlp model(ImageShape{}, std::vector<int>{20}, 10);
    models.push_back(parameters_of(model));
    DiagonalFisher fisher;
    for (const auto& p : models.back()) fisher.push_back(torch::rand_like(p).detach() * 1e-3);
    fishers.push_back(fisher);
  }
  for (int chosen = 0; chosen < 3; ++chosen) {
    std::vector<double> w(3, 0.0);
    w[chosen] = 1.0;
    const auto coin = coin_merge(models, fishers, w, 1e-8);
    const auto average = average_merge(models, w);
    for (std::size_t m = 0; m < coin.size(); ++m) {
      EXPECT_TRUE(torch::equal(coin[m], models[chosen][m]))
          << "COIN, model " << chosen << " parameter " << m;
      EXPECT_TRUE(torch::equal(average[m], models[chosen][m])) << "average, parameter " << m;
    }
  }
}

TEST(Model, MlpFlopsAreCountedFromLayerShapes) {
  Mlp model(ImageShape{}, std::vector<int>{200}, 10);
  EXPECT_DOUBLE_EQ(forward_flops(model), 2.0 * 784 * 200 + 200 + 200 + 2.0 * 200 * 10 + 10);
}

TEST(Model, LeNet5FlopsAreCountedFromLayerShapes) {
  // Convolution: 2 x fan-in per output plus its bias; ReLU one per output; pooling one per input.
  const double conv1 = 2.0 * 25 * 6 * 28 * 28 + 6 * 28 * 28 + 6 * 28 * 28 + 6 * 28 * 28;
  const double conv2 = 2.0 * 150 * 16 * 10 * 10 + 3 * 16 * 10 * 10;
  const double dense =
      (2.0 * 400 * 120 + 2 * 120) + (2.0 * 120 * 84 + 2 * 84) + (2.0 * 84 * 10 + 10);
  LeNet5 model(ImageShape{}, 10);
  EXPECT_DOUBLE_EQ(forward_flops(model), conv1 + conv2 + dense);
}

TEST(Model, LeNet5OnColourImagesIsTheOriginalUnpaddedNetwork) {
  // 32 x 32 x 3: the first convolution's 5 x 5 x 3 kernels leave 28 x 28 maps without padding.
  const double conv1 = 2.0 * 75 * 6 * 28 * 28 + 6 * 28 * 28 + 6 * 28 * 28 + 6 * 28 * 28;
  const double conv2 = 2.0 * 150 * 16 * 10 * 10 + 3 * 16 * 10 * 10;
  const double dense =
      (2.0 * 400 * 120 + 2 * 120) + (2.0 * 120 * 84 + 2 * 84) + (2.0 * 84 * 100 + 100);
  LeNet5 model(ImageShape{3, 32, 32}, 100);
  EXPECT_DOUBLE_EQ(forward_flops(model), conv1 + conv2 + dense);
  EXPECT_EQ(model.forward(torch::zeros({2, 3, 32, 32})).sizes(), (std::vector<int64_t>{2, 100}));
}

TEST(Model, ResidualCnnFlopsAreCountedFromLayerShapes) {
  const double n = 8, w = 16, big = 28 * 28, small = 14 * 14;
  const auto conv = [](double in, double out, double positions) {
    return 2 * in * 9 * out * positions + out * positions;  // with bias
  };
  const double stage1 = conv(1, n, big) + n * big                  // stem + ReLU
                        + 2 * conv(n, n, big) + 3 * n * big        // block: 2 ReLU, sum
                        + n * big;                                 // pooling
  const double stage2 = conv(n, w, small) + w * small              // widen + ReLU
                        + 2 * conv(w, w, small) + 3 * w * small    // block
                        + w * small + w * 49 + (2 * w * 10 + 10);  // pool, average, head
  ResidualCnn model(ImageShape{}, 8, 16, 10);
  EXPECT_DOUBLE_EQ(forward_flops(model), stage1 + stage2);
}

TEST(Model, ResNet18FlopsAreCountedFromLayerShapes) {
  // CIFAR-10 at width 64: the convolutions' multiply-adds are ResNet-18's published 0.56 G.
  ResNet18 model(ImageShape{3, 32, 32}, 64, 32, 10);
  double macs = 3 * 9 * 64 * 1024.0, elementwise = 64 * 1024 * (6 + 1);  // stem, GroupNorm, ReLU
  int side = 32, in = 64;
  for (int stage = 0; stage < 4; ++stage) {
    const int out = 64 << stage;
    if (stage > 0) side /= 2;
    const double positions = side * side;
    for (int block = 0; block < 2; ++block) {
      const bool projected = stage > 0 && block == 0;
      const int block_in = block == 0 ? in : out;
      macs += 9.0 * block_in * out * positions + 9.0 * out * out * positions;
      elementwise +=
          out * positions * (6 + 1 + 6 + 1 + 1);  // GroupNorm, ReLU, GroupNorm, sum, ReLU
      if (projected) {
        macs += 1.0 * block_in * out * positions;
        elementwise += out * positions * 6;
      }
    }
    in = out;
  }
  elementwise += 512 * 16;  // global average over 4 x 4
  EXPECT_DOUBLE_EQ(macs, 555417600);
  EXPECT_DOUBLE_EQ(forward_flops(model), 2 * macs + elementwise + 2.0 * 512 * 10 + 10);
  EXPECT_EQ(model.forward(torch::zeros({2, 3, 32, 32})).sizes(), (std::vector<int64_t>{2, 10}));
}

TEST(Model, ResidualCnnHasSixConvolutions) {
  ResidualCnn model(ImageShape{}, 8, 16, 10);
  LayerTrace trace;
  model.forward_traced(torch::randn({2, 1, 28, 28}), &trace);
  int convolutions = 0;
  for (const auto& layer : trace.layers) convolutions += layer.kind == TracedLayer::Kind::conv2d;
  EXPECT_EQ(convolutions, 6);
}

TEST(Model, ForwardPassIsTimedOnOneCoreAndLeavesThreadsAlone) {
  torch::set_num_threads(2);
  LeNet5 model(ImageShape{}, 10);
  const double seconds = measure_forward_seconds(model, torch::rand({28, 28}), 50);
  // A real measurement: positive, and far below a second for 0.9 Mflop.
  EXPECT_GT(seconds, 0.0);
  EXPECT_LT(seconds, 0.1);
  EXPECT_EQ(torch::get_num_threads(), 2);
}

}  // namespace
}  // namespace coinsim
