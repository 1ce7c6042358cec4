// Coded-model constructions: parameters of one coded model from the k task models' parameters
// and one row w of the code.
//   COIN:      theta_c[m] = sum_i w_i F_i[m] theta_i[m] / sum_i w_i F_i[m], F floored at epsilon
//              (the minimiser of the Fisher-diagonal expansion of sum_i w_i KL(p_i || p_theta)).
//   averaging: theta_c = sum_i w_i theta_i.
//   task arithmetic: theta_c = theta_0 + lambda sum_i w_i (theta_i - theta_0), theta_0 the models'
//              common starting point (Ilharco et al. 2023); lambda = 1 is averaging.
//   RegMean:   for each Linear / Conv2d weight (as out x D, D its inputs, a convolution's
//              unfolded), W_c = (sum_i w_i W_i G_i) (sum_i w_i G_i)^-1 with G_i model i's Gram
//              matrix of that layer's inputs, off-diagonal entries scaled by alpha (Jin et al.
//              2023): the W minimising sum_i w_i ||X_i W^T - X_i W_i^T||^2 at alpha = 1; every
//              other parameter averaged.
//   TIES:      task vectors tau_i = theta_i - theta_0 trimmed to their `density` fraction of
//              largest magnitudes (over all parameters); per entry the elected sign
//              sign(sum_i w_i tau_i); the w-weighted mean of the trimmed entries of that sign;
//              theta_c = theta_0 + lambda * that (Yadav et al. 2023).
#pragma once

#include <torch/torch.h>

#include <vector>

#include "coin/models/fisher.hpp"

namespace coinsim {

using Parameters = std::vector<torch::Tensor>;

Parameters coin_merge(const std::vector<Parameters>& models,
                      const std::vector<DiagonalFisher>& fishers,
                      const std::vector<double>& weights, double epsilon);
Parameters average_merge(const std::vector<Parameters>& models, const std::vector<double>& weights);
Parameters task_arithmetic_merge(const std::vector<Parameters>& models, const Parameters& base,
                                 const std::vector<double>& weights, double lambda);

// Per model, per parameter (in parameters_of order): the Gram matrix of the inputs of the layer
// whose weight it is (D x D), undefined for every other parameter (coin/models/gram.hpp).
using GramMatrices = std::vector<torch::Tensor>;
Parameters regmean_merge(const std::vector<Parameters>& models,
                         const std::vector<GramMatrices>& grams, const std::vector<double>& weights,
                         double alpha);
Parameters ties_merge(const std::vector<Parameters>& models, const Parameters& base,
                      const std::vector<double>& weights, double density, double lambda);

}  // namespace coinsim
