// The diagonal Fisher information of a model, F[m] = E_x E_{y~p(.|x)} (d log p(y|x) / d theta_m)^2,
// estimated exactly: the inner expectation is the sum over every class y weighted by the model's
// own probability, and the squares are of per-sample gradients (never of a batch gradient).
//
// Two implementations: a per-sample, per-class backward loop (the reference, any module), and a
// batched one that rebuilds per-sample gradients of each Linear layer from its input a and its
// output gradient g: sum_b p_by * g_b^2 (a_b^2)^T for the weight, sum_b p_by * g_b^2 for the bias.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "coin/model.hpp"

namespace coinsim {

using DiagonalFisher = std::vector<torch::Tensor>;  // one tensor per parameter, same shapes

DiagonalFisher exact_fisher(Mlp& model, const torch::Tensor& images, int64_t batch_size = 256);
DiagonalFisher exact_fisher_reference(Mlp& model, const torch::Tensor& images);

}  // namespace coinsim
