// Coded-model constructions: parameters of one coded model from the k task models' parameters
// and one row w of the code.
//   COIN:      theta_c[m] = sum_i w_i F_i[m] theta_i[m] / sum_i w_i F_i[m], F floored at epsilon
//              (the minimiser of the Fisher-diagonal expansion of sum_i w_i KL(p_i || p_theta)).
//   averaging: theta_c = sum_i w_i theta_i.
//   task arithmetic: theta_c = theta_0 + lambda sum_i w_i (theta_i - theta_0), theta_0 the models'
//              common starting point (Ilharco et al. 2023); lambda = 1 is averaging.
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

}  // namespace coinsim
