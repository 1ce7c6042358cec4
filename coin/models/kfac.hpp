// The K-FAC approximation of the Fisher (Martens and Grosse 2015; Grosse and Martens 2016 for
// convolutions), an estimator option for COIN (/coding/fisher/estimator "kfac"): per Linear or
// Conv2d layer with weight W (out x D, a convolution's unfolded) and bias b, the Fisher block of
// the augmented weight [W b] is approximated by A (x) G, with
//   A = E[a a^T]  over the layer's augmented inputs a = [x; 1] (a convolution: every patch),
//   G = E_x sum_y p(y|x) g_y g_y^T, g_y the gradient of log p(y|x) at the layer's output (a
//       convolution: summed over output positions) -- the expectation over y taken exactly.
// COIN with these blocks minimises sum_i w_i (theta - theta_i)^T F_i (theta - theta_i) per layer:
//   sum_i w_i G_i X A_i = sum_i w_i G_i [W_i b_i] A_i,
// solved for X by conjugate gradients preconditioned with (sum_i w_i G_i)^-1 . (sum_i w_i A_i)^-1.
// Unlike the diagonal, the blocks couple every weight of a layer with every other.
#pragma once

#include <torch/torch.h>

#include <cstddef>
#include <vector>

#include "coin/models/encoder.hpp"
#include "coin/models/network.hpp"

namespace coinsim {

struct KroneckerFactors {
  std::size_t weight = 0;    // index of the layer's weight in parameters_of()
  std::ptrdiff_t bias = -1;  // index of its bias, -1 when it has none
  torch::Tensor inputs;      // A: (D + 1) x (D + 1) (D x D without a bias), float64
  torch::Tensor outputs;     // G: out x out, float64
  // GroupNorm's scale and shift (a channel affine layer) have no Kronecker structure worth the
  // name: their exact diagonal Fisher instead (A and G undefined), merged by COIN's diagonal rule.
  torch::Tensor weight_diagonal;
  torch::Tensor bias_diagonal;
};
using KroneckerFisher = std::vector<KroneckerFactors>;  // one per layer, in forward order

KroneckerFisher kfac_fisher(NetworkImpl& model, const torch::Tensor& images);

// COIN's merge with K-FAC blocks; `damping` is added to the diagonal of every A and G. Adds the
// flops of the solves to `flops` when given.
Parameters kfac_coin_merge(const std::vector<Parameters>& models,
                           const std::vector<KroneckerFisher>& fishers,
                           const std::vector<double>& weights, double damping,
                           double* flops = nullptr);

// The solver alone: X with sum_i w_i G_i X A_i = C, all float64 (exposed for the tests); the
// conjugate-gradient iterations it took go to `iterations` when given.
torch::Tensor solve_kronecker_sum(const std::vector<torch::Tensor>& outputs,
                                  const std::vector<torch::Tensor>& inputs,
                                  const std::vector<double>& weights, const torch::Tensor& c,
                                  int* iterations = nullptr);

}  // namespace coinsim
