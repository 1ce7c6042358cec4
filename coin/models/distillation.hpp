// The learned coded model (ParM-style): a model of the task models' architecture trained by
// distillation so that its output approximates sum_i w_i p_i(.|x) on the query distribution.
// Each step draws a minibatch of query images (from `seed`), computes the target mixture with the
// task models (no gradients) and takes one Adam step on
//   kl:  KL(target || softmax(student)) (cross-entropy with soft targets, minus their entropy);
//   mse: the squared error between softmax(student) and the target, summed over outputs.
#pragma once

#include <cstdint>
#include <vector>

#include "coin/models/network.hpp"
#include "common/progress.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {

// Trains `student` in place; returns the flops spent, counted as (k teacher forwards + one
// student forward + its backward at twice a forward) per image.
double distil(NetworkImpl& student, const std::vector<Network>& teachers,
              const std::vector<double>& weights, const torch::Tensor& images,
              const DistillationSpec& spec, std::uint64_t seed, const Progress& progress);

// The distillation loss of `student` against the target mixture on `images` (for tests and
// reports): the quantity distil() minimises.
double distillation_loss(NetworkImpl& student, const std::vector<Network>& teachers,
                         const std::vector<double>& weights, const torch::Tensor& images,
                         DistillationLoss loss);

}  // namespace coinsim
