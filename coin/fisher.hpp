// The diagonal Fisher information of a model, F[m] = E_x E_{y~p(.|x)} (d log p(y|x) / d theta_m)^2,
// three ways, always with squares of per-sample gradients (never of a batch gradient):
//   exact      the inner expectation as the sum over every class y weighted by p(y|x);
//   sampled    one y per image drawn from the model's own p(.|x) (unbiased, noisier);
//   empirical  y = the image's true label (cheap, but biased: not the model's distribution).
// The last two share one computation: the Fisher of given targets.
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

// Per-sample squared gradients of log p(target_n | x_n), averaged: the sampled estimator with
// targets from sampled_targets(), the empirical one with the true labels.
DiagonalFisher target_fisher(Mlp& model, const torch::Tensor& images, const torch::Tensor& targets,
                             int64_t batch_size = 256);
DiagonalFisher target_fisher_reference(Mlp& model, const torch::Tensor& images,
                                       const torch::Tensor& targets);
// One class per image drawn from the model's p(.|x), reproducibly from `seed`.
torch::Tensor sampled_targets(Mlp& model, const torch::Tensor& images, std::uint64_t seed);

}  // namespace coinsim
