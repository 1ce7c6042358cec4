// The diagonal Fisher information of a model, F[m] = E_x E_{y~p(.|x)} (d log p(y|x) / d theta_m)^2,
// three ways, always with squares of per-sample gradients (never of a batch gradient):
//   exact      the inner expectation as the sum over every class y weighted by p(y|x);
//   sampled    one y per image drawn from the model's own p(.|x) (unbiased, noisier);
//   empirical  y = the image's true label (cheap, but biased: not the model's distribution).
// The last two share one computation: the Fisher of given targets.
//
// Two implementations: a per-sample, per-class backward loop (the reference, any module), and a
// batched one that rebuilds each sample's gradient from a traced forward pass
// (coin/models/network.hpp): with a a layer's input and g the gradient at its output, per sample,
//   Linear  dW = g a^T, db = g                      -> sum_b w_b g_b^2 (a_b^2)^T, sum_b w_b g_b^2;
//   Conv2d  dW[o][c] = a[c] correlated with g[o], db[o] = sum of g[o] -> one grouped convolution
//           per batch and layer gives every sample's dW for every class (unfold + bmm: slower).
#pragma once

#include <torch/torch.h>

#include <vector>

#include "coin/models/network.hpp"

namespace coinsim {

using DiagonalFisher = std::vector<torch::Tensor>;  // one tensor per parameter, same shapes

// batch_size 0: the fastest measured for the architecture.
DiagonalFisher exact_fisher(NetworkImpl& model, const torch::Tensor& images,
                            int64_t batch_size = 0);
DiagonalFisher exact_fisher_reference(NetworkImpl& model, const torch::Tensor& images);

// Per-sample squared gradients of log p(target_n | x_n), averaged: the sampled estimator with
// targets from sampled_targets(), the empirical one with the true labels.
DiagonalFisher target_fisher(NetworkImpl& model, const torch::Tensor& images,
                             const torch::Tensor& targets, int64_t batch_size = 0);
DiagonalFisher target_fisher_reference(NetworkImpl& model, const torch::Tensor& images,
                                       const torch::Tensor& targets);
// One class per image drawn from the model's p(.|x), reproducibly from `seed`.
torch::Tensor sampled_targets(NetworkImpl& model, const torch::Tensor& images, std::uint64_t seed);

}  // namespace coinsim
