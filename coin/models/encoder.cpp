#include "coin/models/encoder.hpp"

namespace coinsim {

Parameters coin_merge(const std::vector<Parameters>& models,
                      const std::vector<DiagonalFisher>& fishers,
                      const std::vector<double>& weights, double epsilon) {
  torch::NoGradGuard no_grad;
  Parameters merged;
  for (std::size_t m = 0; m < models.front().size(); ++m) {
    std::vector<torch::Tensor> weighted_fishers;
    auto denominator = torch::zeros_like(models.front()[m]);
    for (std::size_t i = 0; i < models.size(); ++i) {
      weighted_fishers.push_back(weights[i] * fishers[i][m].clamp_min(epsilon));
      denominator += weighted_fishers.back();
    }
    // Normalised coefficients first: with a one-hot w they are exactly 1 and 0, so the coded
    // model is then bit-for-bit the chosen model.
    auto merged_parameter = torch::zeros_like(models.front()[m]);
    for (std::size_t i = 0; i < models.size(); ++i)
      merged_parameter += (weighted_fishers[i] / denominator) * models[i][m];
    merged.push_back(merged_parameter);
  }
  return merged;
}

Parameters average_merge(const std::vector<Parameters>& models,
                         const std::vector<double>& weights) {
  torch::NoGradGuard no_grad;
  Parameters merged;
  for (std::size_t m = 0; m < models.front().size(); ++m) {
    auto sum = torch::zeros_like(models.front()[m]);
    for (std::size_t i = 0; i < models.size(); ++i) sum += weights[i] * models[i][m];
    merged.push_back(sum);
  }
  return merged;
}

Parameters task_arithmetic_merge(const std::vector<Parameters>& models, const Parameters& base,
                                 const std::vector<double>& weights, double lambda) {
  torch::NoGradGuard no_grad;
  Parameters merged;
  const Parameters average = average_merge(models, weights);
  for (std::size_t m = 0; m < base.size(); ++m)  // sum_i w_i = 1: sum_i w_i theta_0 = theta_0
    merged.push_back(base[m] + lambda * (average[m] - base[m]));
  return merged;
}

}  // namespace coinsim
