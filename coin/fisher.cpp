#include "coin/fisher.hpp"

namespace coinsim {
namespace {

DiagonalFisher zeros_like_parameters(Mlp& model) {
  DiagonalFisher fisher;
  for (const auto& p : parameters_of(model)) fisher.push_back(torch::zeros_like(p));
  return fisher;
}

// Adds one batch's contribution; parameters are ordered fc0.weight, fc0.bias, fc1.weight, ...
void accumulate_batch(Mlp& model, const torch::Tensor& images, DiagonalFisher& fisher) {
  LayerTrace trace;
  const auto log_probs = torch::log_softmax(model->forward_traced(images, &trace), 1);
  const auto probs = log_probs.exp().detach();
  std::vector<torch::Tensor> squared_inputs;
  for (const auto& a : trace.inputs) squared_inputs.push_back(a.detach().square());
  const int64_t classes = log_probs.size(1);
  for (int64_t y = 0; y < classes; ++y) {
    // Samples are independent, so the gradient of the summed log-probability with respect to a
    // layer's output holds each sample's own output gradient in its row.
    const auto grads = torch::autograd::grad({log_probs.select(1, y).sum()}, trace.outputs, {},
                                             /*retain_graph=*/true);
    const auto weight = probs.select(1, y).unsqueeze(1);
    for (std::size_t layer = 0; layer < grads.size(); ++layer) {
      const auto weighted = grads[layer].square() * weight;  // B x out
      fisher[2 * layer] += weighted.t().mm(squared_inputs[layer]);
      fisher[2 * layer + 1] += weighted.sum(0);
    }
  }
}

}  // namespace

DiagonalFisher exact_fisher(Mlp& model, const torch::Tensor& images, int64_t batch_size) {
  model->eval();
  DiagonalFisher fisher = zeros_like_parameters(model);
  for (int64_t start = 0; start < images.size(0); start += batch_size)
    accumulate_batch(model, images.slice(0, start, start + batch_size), fisher);
  for (auto& f : fisher) f /= static_cast<double>(images.size(0));
  return fisher;
}

DiagonalFisher exact_fisher_reference(Mlp& model, const torch::Tensor& images) {
  model->eval();
  DiagonalFisher fisher = zeros_like_parameters(model);
  const auto parameters = parameters_of(model);
  for (int64_t n = 0; n < images.size(0); ++n) {
    const auto log_probs = torch::log_softmax(model->forward(images.slice(0, n, n + 1)), 1)[0];
    for (int64_t y = 0; y < log_probs.size(0); ++y) {
      const auto grads =
          torch::autograd::grad({log_probs[y]}, parameters, {}, /*retain_graph=*/true);
      const double p = log_probs[y].exp().item<double>();
      for (std::size_t i = 0; i < grads.size(); ++i) fisher[i] += p * grads[i].square();
    }
  }
  for (auto& f : fisher) f /= static_cast<double>(images.size(0));
  return fisher;
}

}  // namespace coinsim
