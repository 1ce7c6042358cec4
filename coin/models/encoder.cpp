#include "coin/models/encoder.hpp"

#include <algorithm>
#include <cmath>

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

namespace {

// Off-diagonal entries scaled by alpha, the diagonal kept.
torch::Tensor shrunk(const torch::Tensor& gram, double alpha) {
  return alpha * gram + (1 - alpha) * torch::diag(torch::diag(gram));
}

// The weights of one layer merged by RegMean; `weights` as the models hold them (out x ...).
torch::Tensor regmean_layer(const std::vector<torch::Tensor>& layer_weights,
                            const std::vector<torch::Tensor>& grams,
                            const std::vector<double>& weights, double alpha) {
  const auto shape = layer_weights.front().sizes();
  const int64_t out = shape[0];
  auto gram_sum = torch::zeros_like(grams.front(), torch::kFloat64);
  auto product_sum = torch::zeros({out, grams.front().size(0)}, torch::kFloat64);
  for (std::size_t i = 0; i < layer_weights.size(); ++i) {
    const auto g = shrunk(grams[i].to(torch::kFloat64), alpha);
    gram_sum += weights[i] * g;
    product_sum += weights[i] * layer_weights[i].to(torch::kFloat64).reshape({out, -1}).mm(g);
  }
  // Inputs no model ever sees (a dead unit, a constant pixel) leave the sum singular: a ridge
  // of 1e-9 of the mean diagonal decides them (towards 0) without moving the rest measurably.
  const double ridge = 1e-9 * gram_sum.diag().mean().item<double>() + 1e-30;
  gram_sum += ridge * torch::eye(gram_sum.size(0), torch::kFloat64);
  // W G = P with G symmetric: G W^T = P^T.
  const auto merged = torch::linalg::solve(gram_sum, product_sum.t(), true).t();
  return merged.to(layer_weights.front().scalar_type()).reshape(shape).contiguous();
}

}  // namespace

Parameters regmean_merge(const std::vector<Parameters>& models,
                         const std::vector<GramMatrices>& grams, const std::vector<double>& weights,
                         double alpha) {
  torch::NoGradGuard no_grad;
  Parameters merged = average_merge(models, weights);
  for (std::size_t m = 0; m < merged.size(); ++m) {
    if (!grams.front()[m].defined()) continue;
    std::vector<torch::Tensor> layer_weights, layer_grams;
    for (std::size_t i = 0; i < models.size(); ++i) {
      layer_weights.push_back(models[i][m]);
      layer_grams.push_back(grams[i][m]);
    }
    merged[m] = regmean_layer(layer_weights, layer_grams, weights, alpha);
  }
  return merged;
}

Parameters ties_merge(const std::vector<Parameters>& models, const Parameters& base,
                      const std::vector<double>& weights, double density, double lambda) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> flat_base;
  for (const auto& p : base) flat_base.push_back(p.flatten());
  const auto theta_0 = torch::cat(flat_base);
  const int64_t n = theta_0.numel();
  const auto keep = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(density * n)));
  auto elected = torch::zeros_like(theta_0);
  std::vector<torch::Tensor> trimmed;
  for (std::size_t i = 0; i < models.size(); ++i) {
    std::vector<torch::Tensor> flat;
    for (const auto& p : models[i]) flat.push_back(p.flatten());
    const auto tau = torch::cat(flat) - theta_0;
    const auto magnitude = tau.abs();
    // The keep-th largest magnitude: entries at least that large survive (ties may add a few).
    const auto threshold = std::get<0>(magnitude.topk(keep)).min();
    trimmed.push_back(torch::where(magnitude >= threshold, tau, torch::zeros_like(tau)));
    elected += weights[i] * trimmed.back();
  }
  const auto sign = elected.sign();
  auto numerator = torch::zeros_like(theta_0);
  auto denominator = torch::zeros_like(theta_0);
  for (std::size_t i = 0; i < models.size(); ++i) {
    const auto agrees = (trimmed[i].sign() == sign) & (trimmed[i] != 0);
    numerator += weights[i] * torch::where(agrees, trimmed[i], torch::zeros_like(theta_0));
    denominator += weights[i] * agrees.to(theta_0.scalar_type());
  }
  const auto merged_tau = torch::where(denominator > 0, numerator / denominator.clamp_min(1e-30),
                                       torch::zeros_like(theta_0));
  const auto merged = theta_0 + lambda * merged_tau;
  Parameters result;
  int64_t offset = 0;
  for (const auto& p : base) {
    result.push_back(merged.slice(0, offset, offset + p.numel()).view_as(p).clone());
    offset += p.numel();
  }
  return result;
}

}  // namespace coinsim
