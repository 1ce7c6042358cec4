// Gram matrices of layer inputs (coin/models/gram.hpp) against direct computations: the MLP's
// first layer sees the flattened images; LeNet-5's first convolution sees every padded 5 x 5
// patch, summed here by explicit loops.
#include "coin/models/gram.hpp"

#include <gtest/gtest.h>

#include "coin/models/architectures.hpp"

namespace coinsim {
namespace {

TEST(Gram, LinearLayerSeesTheFlattenedImages) {
  torch::manual_seed(2);
  const Network mlp = make_model(ModelSpec{}, DatasetSpec{});
  const auto images = torch::randn({300, 1, 28, 28});  // more than one batch of 256
  const GramStatistics statistics = gram_matrices(*mlp, images);
  const auto x = images.flatten(1).to(torch::kFloat64);
  ASSERT_EQ(statistics.grams.size(), 4u);  // weight, bias of two layers
  EXPECT_TRUE(torch::allclose(statistics.grams[0], x.t().mm(x) / 300, 1e-9, 1e-9));
  EXPECT_FALSE(statistics.grams[1].defined());  // a bias has none
  EXPECT_EQ(statistics.grams[2].size(0), 200);  // the hidden layer's 200 inputs
}

TEST(Gram, ConvolutionSeesEveryPaddedPatch) {
  torch::manual_seed(3);
  ModelSpec spec;
  spec.architecture = "lenet5";
  const Network lenet = make_model(spec, DatasetSpec{});
  const auto images = torch::randn({2, 1, 28, 28});
  const auto gram = gram_matrices(*lenet, images).grams[0];
  ASSERT_EQ(gram.size(0), 25);
  const auto pixels = images.to(torch::kFloat64);
  const auto at = pixels.accessor<double, 4>();
  const auto value = [&](int n, int row, int col) {
    return row < 0 || row >= 28 || col < 0 || col >= 28 ? 0.0 : at[n][0][row][col];
  };
  for (int a = 0; a < 25; a += 7)
    for (int b = 0; b < 25; b += 3) {
      double sum = 0;
      for (int n = 0; n < 2; ++n)
        for (int p = 0; p < 28; ++p)
          for (int q = 0; q < 28; ++q)
            sum += value(n, p + a / 5 - 2, q + a % 5 - 2) * value(n, p + b / 5 - 2, q + b % 5 - 2);
      EXPECT_NEAR(gram[a][b].item<double>(), sum / 2, 1e-6) << a << "," << b;
    }
}

}  // namespace
}  // namespace coinsim
