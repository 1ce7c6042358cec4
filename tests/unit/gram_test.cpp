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
  spec.architecture = Architecture::lenet5;
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

TEST(Gram, StridedConvolutionSeesEveryStridedPatch) {
  // ResNet-18's first stride-2 convolution (3 x 3, padding 1) on 8 x 8 maps: 4 x 4 positions.
  torch::manual_seed(4);
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(2, 3, 3).stride(2).padding(1).bias(false));
  const auto x = torch::randn({2, 2, 8, 8}, torch::kFloat64);
  conv->to(torch::kFloat64);
  LayerTrace trace;
  traced_conv(conv, x, &trace);
  const auto rows = input_rows(trace.layers.at(0));  // B*L x (C kh kw)
  ASSERT_EQ(rows.sizes(), (std::vector<int64_t>{2 * 16, 2 * 9}));
  const auto at = x.accessor<double, 4>();
  for (int n = 0; n < 2; ++n)
    for (int p = 0; p < 4; ++p)
      for (int q = 0; q < 4; ++q)
        for (int c = 0; c < 2; ++c)
          for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) {
              const int row = 2 * p + i - 1, col = 2 * q + j - 1;
              const double expected =
                  row < 0 || row >= 8 || col < 0 || col >= 8 ? 0.0 : at[n][c][row][col];
              ASSERT_EQ(rows[n * 16 + p * 4 + q][c * 9 + i * 3 + j].item<double>(), expected);
            }
  // Each row times the weight is the convolution's output at that position.
  const auto outputs = rows.mm(conv->weight.reshape({3, -1}).t());
  EXPECT_TRUE(
      torch::allclose(outputs, conv->forward(x).flatten(2).transpose(1, 2).reshape({-1, 3})));
}

}  // namespace
}  // namespace coinsim
