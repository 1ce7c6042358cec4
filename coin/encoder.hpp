// Coded-model constructions: parameters of one coded model from the k task models' parameters
// and one row w of the code.
//   COIN:      theta_c[m] = sum_i w_i F_i[m] theta_i[m] / sum_i w_i F_i[m], F floored at epsilon
//              (the minimiser of the Fisher-diagonal expansion of sum_i w_i KL(p_i || p_theta)).
//   averaging: theta_c = sum_i w_i theta_i.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "coin/fisher.hpp"

namespace coinsim {

using Parameters = std::vector<torch::Tensor>;

Parameters coin_merge(const std::vector<Parameters>& models,
                      const std::vector<DiagonalFisher>& fishers,
                      const std::vector<double>& weights, double epsilon);
Parameters average_merge(const std::vector<Parameters>& models, const std::vector<double>& weights);

}  // namespace coinsim
