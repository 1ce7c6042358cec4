// RegMean and TIES merges (coin/models/encoder.hpp) against independent references: RegMean on
// linear maps against least squares over the stacked inputs (its defining objective) and, with
// no off-diagonal terms, against the per-input weighted average; TIES on a hand-worked case.
#include "coin/models/encoder.hpp"

#include <gtest/gtest.h>

namespace coinsim {
namespace {

torch::Tensor gram_of(const torch::Tensor& x) {
  return x.t().mm(x) / x.size(0);
}

TEST(RegMean, LinearMergeMinimisesTheWeightedOutputDifferences) {
  torch::manual_seed(4);
  const auto w1 = torch::randn({3, 4}, torch::kFloat64);
  const auto w2 = torch::randn({3, 4}, torch::kFloat64);
  const auto b1 = torch::randn({3}, torch::kFloat64);
  const auto b2 = torch::randn({3}, torch::kFloat64);
  const auto x1 = torch::randn({50, 4}, torch::kFloat64);
  const auto x2 = torch::randn({60, 4}, torch::kFloat64) * 2 + 1;
  const std::vector<double> w = {0.3, 0.7};
  const auto merged =
      regmean_merge({{w1, b1}, {w2, b2}},
                    {{gram_of(x1), torch::Tensor()}, {gram_of(x2), torch::Tensor()}}, w, 1.0);
  // argmin_W sum_i w_i / n_i ||X_i W^T - X_i W_i^T||^2: least squares on the stacked rows.
  const auto a = torch::cat({std::sqrt(w[0] / 50) * x1, std::sqrt(w[1] / 60) * x2});
  const auto b =
      torch::cat({std::sqrt(w[0] / 50) * x1.mm(w1.t()), std::sqrt(w[1] / 60) * x2.mm(w2.t())});
  const auto reference = std::get<0>(torch::linalg::lstsq(a, b, {}, {})).t();
  EXPECT_TRUE(torch::allclose(merged[0], reference, 1e-7, 1e-9)) << merged[0] - reference;
  EXPECT_TRUE(torch::allclose(merged[1], 0.3 * b1 + 0.7 * b2));  // no Gram: averaged
}

TEST(RegMean, WithoutOffDiagonalTermsEachInputIsAWeightedAverage) {
  torch::manual_seed(5);
  const auto w1 = torch::randn({2, 3}, torch::kFloat64);
  const auto w2 = torch::randn({2, 3}, torch::kFloat64);
  const auto g1 = gram_of(torch::randn({20, 3}, torch::kFloat64));
  const auto g2 = gram_of(torch::randn({20, 3}, torch::kFloat64) * 3);
  const auto merged = regmean_merge({{w1}, {w2}}, {{g1}, {g2}}, {0.5, 0.5}, 0.0)[0];
  for (int d = 0; d < 3; ++d) {
    const double a = g1[d][d].item<double>(), b = g2[d][d].item<double>();
    const auto expected = (a * w1.select(1, d) + b * w2.select(1, d)) / (a + b);
    EXPECT_TRUE(torch::allclose(merged.select(1, d), expected, 1e-7, 1e-12)) << d;  // the ridge
  }
  // Identical models merge to themselves whatever the statistics.
  EXPECT_TRUE(torch::allclose(regmean_merge({{w1}, {w1}}, {{g1}, {g2}}, {0.4, 0.6}, 0.9)[0], w1,
                              1e-7, 1e-12));
}

TEST(Ties, TrimsElectsAndAveragesTheAgreeingEntries) {
  const auto base = torch::zeros({6}, torch::kFloat64);
  // Task vectors (the base is 0). Density 0.5 keeps the 3 largest magnitudes of each:
  //   tau_1 = [ 3, -1,  2, 0.5, -4, 0.1] -> [ 3, 0, 2, 0, -4, 0]
  //   tau_2 = [-1,  5,  1,  -2,  3, 0.2] -> [ 0, 5, 0, -2, 3, 0]
  // Elected signs of the sums [3, 5, 2, -2, -1, 0]: + + + - - (none);
  // agreeing means: 3, 5, 2, -2, -4 (tau_2's +3 disagrees), 0.
  const auto t1 = torch::tensor({3.0, -1.0, 2.0, 0.5, -4.0, 0.1}, torch::kFloat64);
  const auto t2 = torch::tensor({-1.0, 5.0, 1.0, -2.0, 3.0, 0.2}, torch::kFloat64);
  const auto merged = ties_merge({{t1}, {t2}}, {base}, {0.5, 0.5}, 0.5, 2.0)[0];
  const auto expected = 2.0 * torch::tensor({3.0, 5.0, 2.0, -2.0, -4.0, 0.0}, torch::kFloat64);
  EXPECT_TRUE(torch::allclose(merged, expected)) << merged;
  // Density 1 with equal signs everywhere is the task-arithmetic average.
  const auto a = torch::tensor({1.0, 2.0}, torch::kFloat64),
             b = torch::tensor({3.0, 4.0}, torch::kFloat64);
  EXPECT_TRUE(torch::allclose(
      ties_merge({{a}, {b}}, {torch::zeros({2}, torch::kFloat64)}, {0.5, 0.5}, 1.0, 1.0)[0],
      torch::tensor({2.0, 3.0}, torch::kFloat64)));
}

}  // namespace
}  // namespace coinsim
