#include "coin/fisher.hpp"

namespace coinsim {
namespace {

DiagonalFisher zeros_like_parameters(Mlp& model) {
  DiagonalFisher fisher;
  for (const auto& p : parameters_of(model)) fisher.push_back(torch::zeros_like(p));
  return fisher;
}

// Adds sum_b weight_b * (d `objective_b` / d theta)^2 for every Linear layer, where `objective`
// is a sum of one term per sample: samples are independent, so the gradient of the sum with
// respect to a layer's output holds each sample's own output gradient in its row. Parameters are
// ordered fc0.weight, fc0.bias, fc1.weight, ...
void add_per_sample_squares(const torch::Tensor& objective, const LayerTrace& trace,
                            const std::vector<torch::Tensor>& squared_inputs,
                            const torch::Tensor& weight, DiagonalFisher& fisher) {
  const auto grads = torch::autograd::grad({objective}, trace.outputs, {}, /*retain_graph=*/true);
  for (std::size_t layer = 0; layer < grads.size(); ++layer) {
    const auto weighted = grads[layer].square() * weight;  // B x out
    fisher[2 * layer] += weighted.t().mm(squared_inputs[layer]);
    fisher[2 * layer + 1] += weighted.sum(0);
  }
}

std::vector<torch::Tensor> squares_of_inputs(const LayerTrace& trace) {
  std::vector<torch::Tensor> squared;
  for (const auto& a : trace.inputs) squared.push_back(a.detach().square());
  return squared;
}

// Exact: every class y, weighted by the model's own p(y|x).
void accumulate_batch(Mlp& model, const torch::Tensor& images, DiagonalFisher& fisher) {
  LayerTrace trace;
  const auto log_probs = torch::log_softmax(model->forward_traced(images, &trace), 1);
  const auto probs = log_probs.exp().detach();
  const auto squared_inputs = squares_of_inputs(trace);
  for (int64_t y = 0; y < log_probs.size(1); ++y)
    add_per_sample_squares(log_probs.select(1, y).sum(), trace, squared_inputs,
                           probs.select(1, y).unsqueeze(1), fisher);
}

// One given class per sample, weight 1.
void accumulate_targets(Mlp& model, const torch::Tensor& images, const torch::Tensor& targets,
                        DiagonalFisher& fisher) {
  LayerTrace trace;
  const auto log_probs = torch::log_softmax(model->forward_traced(images, &trace), 1);
  const auto chosen = log_probs.gather(1, targets.to(torch::kLong).unsqueeze(1)).sum();
  add_per_sample_squares(chosen, trace, squares_of_inputs(trace),
                         torch::ones({images.size(0), 1}, log_probs.options()), fisher);
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

DiagonalFisher target_fisher(Mlp& model, const torch::Tensor& images, const torch::Tensor& targets,
                             int64_t batch_size) {
  model->eval();
  DiagonalFisher fisher = zeros_like_parameters(model);
  for (int64_t start = 0; start < images.size(0); start += batch_size)
    accumulate_targets(model, images.slice(0, start, start + batch_size),
                       targets.slice(0, start, start + batch_size), fisher);
  for (auto& f : fisher) f /= static_cast<double>(images.size(0));
  return fisher;
}

torch::Tensor sampled_targets(Mlp& model, const torch::Tensor& images, std::uint64_t seed) {
  const torch::NoGradGuard no_grad;
  model->eval();
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  const auto probs = torch::softmax(model->forward(images), 1);
  return torch::multinomial(probs, 1, /*replacement=*/false, generator).squeeze(1);
}

DiagonalFisher target_fisher_reference(Mlp& model, const torch::Tensor& images,
                                       const torch::Tensor& targets) {
  model->eval();
  DiagonalFisher fisher = zeros_like_parameters(model);
  const auto parameters = parameters_of(model);
  for (int64_t n = 0; n < images.size(0); ++n) {
    const auto log_probs = torch::log_softmax(model->forward(images.slice(0, n, n + 1)), 1)[0];
    const auto grads = torch::autograd::grad({log_probs[targets[n].item<int64_t>()]}, parameters);
    for (std::size_t i = 0; i < grads.size(); ++i) fisher[i] += grads[i].square();
  }
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
