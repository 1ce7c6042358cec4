// K-FAC (coin/models/kfac.hpp) against closed forms: the last layer of an MLP, whose factors are
// E[[h; 1][h; 1]^T] and E[diag(p) - p p^T]; the Kronecker-sum solver against a dense solve of the
// same system; and the merge of models with equal factors, which must be the weighted average.
#include "coin/models/kfac.hpp"

#include <gtest/gtest.h>

#include "coin/models/architectures.hpp"
#include "coin/models/fisher.hpp"

namespace coinsim {
namespace {

TEST(Kfac, LastLayerFactorsOfAnMlpMatchTheirClosedForms) {
  torch::manual_seed(6);
  ModelSpec spec;
  spec.hidden = {8};
  const Network mlp = make_model(spec, DatasetSpec{});
  const auto images = torch::randn({200, 1, 28, 28});  // two batches
  const KroneckerFisher fisher = kfac_fisher(*mlp, images);
  ASSERT_EQ(fisher.size(), 2u);
  const auto p = parameters_of(*mlp);
  EXPECT_EQ(fisher[1].weight, 2u);
  EXPECT_EQ(fisher[1].bias, 3);
  torch::NoGradGuard no_grad;
  const auto x = images.flatten(1).to(torch::kFloat64);
  const auto h = torch::relu(x.mm(p[0].to(torch::kFloat64).t()) + p[1].to(torch::kFloat64));
  const auto a = torch::cat({h, torch::ones({200, 1}, torch::kFloat64)}, 1);
  EXPECT_TRUE(torch::allclose(fisher[1].inputs, a.t().mm(a) / 200, 1e-5, 1e-7));
  const auto probs =
      torch::softmax(h.mm(p[2].to(torch::kFloat64).t()) + p[3].to(torch::kFloat64), 1);
  // For log-softmax outputs, E_y g g^T = diag(p) - p p^T per image.
  const auto expected = torch::diag(probs.mean(0)) - probs.t().mm(probs) / 200;
  EXPECT_TRUE(torch::allclose(fisher[1].outputs, expected, 1e-5, 1e-7));
}

TEST(Kfac, GroupNormScalesAndShiftsGetTheExactDiagonalFisher) {
  // ResNet-18 (width 4, 2 groups): its GroupNorm parameters are not Kronecker-factored but carry
  // the exact diagonal Fisher, which must equal the diagonal estimator's entries.
  torch::manual_seed(8);
  ModelSpec spec;
  spec.architecture = Architecture::resnet18;
  spec.channels = {4};
  spec.groups = 2;
  const Network resnet = make_model(spec, DatasetSpec{});
  resnet->to(torch::kFloat64);
  const auto images = torch::randn({12, 1, 28, 28}, torch::kFloat64);
  const KroneckerFisher kfac = kfac_fisher(*resnet, images);
  const DiagonalFisher exact = exact_fisher(*resnet, images);
  int affine = 0, factored = 0;
  for (const KroneckerFactors& f : kfac) {
    if (f.inputs.defined()) {
      ++factored;
      continue;
    }
    ++affine;
    EXPECT_TRUE(torch::allclose(f.weight_diagonal, exact[f.weight], 1e-9, 1e-12));
    EXPECT_TRUE(
        torch::allclose(f.bias_diagonal, exact[static_cast<std::size_t>(f.bias)], 1e-9, 1e-12));
  }
  EXPECT_EQ(affine, 1 + 16 + 3);        // stem, two per block, three projections
  EXPECT_EQ(factored, 1 + 16 + 3 + 1);  // the same convolutions, and the head
  // The merge of two such models keeps the diagonal rule for them: equal models merge to
  // themselves.
  const Parameters p = parameters_of(*resnet);
  const Parameters merged = kfac_coin_merge({p, p}, {kfac, kfac}, {0.5, 0.5}, 1e-3);
  for (std::size_t i = 0; i < p.size(); ++i)
    EXPECT_TRUE(torch::allclose(merged[i], p[i], 1e-6, 1e-9)) << i;
}

torch::Tensor random_spd(int64_t n) {
  const auto m = torch::randn({n, n}, torch::kFloat64);
  return m.mm(m.t()) + 0.1 * torch::eye(n, torch::kFloat64);
}

TEST(Kfac, KroneckerSumSolverMatchesADenseSolve) {
  torch::manual_seed(7);
  const std::vector<double> w = {0.2, 0.3, 0.5};
  std::vector<torch::Tensor> g, a;
  auto dense = torch::zeros({12, 12}, torch::kFloat64);
  for (int i = 0; i < 3; ++i) {
    g.push_back(random_spd(3));
    a.push_back(random_spd(4));
    dense += w[i] * torch::kron(a.back(), g.back());  // vec(G X A) = (A (x) G) vec(X)
  }
  const auto c = torch::randn({3, 4}, torch::kFloat64);
  int iterations = 0;
  const auto x = solve_kronecker_sum(g, a, w, c, &iterations);
  const auto column_major = [](const torch::Tensor& m) { return m.t().reshape({-1, 1}); };
  const auto reference = torch::linalg::solve(dense, column_major(c), true);
  EXPECT_TRUE(torch::allclose(column_major(x), reference, 1e-8, 1e-10)) << x;
  EXPECT_GT(iterations, 0);
  EXPECT_LE(iterations, 12);  // conjugate gradients: at most the number of unknowns
}

TEST(Kfac, EqualFactorsMergeToTheWeightedAverage) {
  torch::manual_seed(8);
  const auto w1 = torch::randn({3, 4}), w2 = torch::randn({3, 4});
  const auto b1 = torch::randn({3}), b2 = torch::randn({3});
  KroneckerFactors f;
  f.weight = 0;
  f.bias = 1;
  f.inputs = random_spd(5);
  f.outputs = random_spd(3);
  const auto merged = kfac_coin_merge({{w1, b1}, {w2, b2}}, {{f}, {f}}, {0.25, 0.75}, 1e-4);
  EXPECT_TRUE(torch::allclose(merged[0], 0.25 * w1 + 0.75 * w2, 1e-5, 1e-6));
  EXPECT_TRUE(torch::allclose(merged[1], 0.25 * b1 + 0.75 * b2, 1e-5, 1e-6));
}

}  // namespace
}  // namespace coinsim
