#include "coin/models/fisher.hpp"

namespace coinsim {
namespace {

DiagonalFisher zeros_like_parameters(NetworkImpl& model) {
  DiagonalFisher fisher;
  for (const auto& p : parameters_of(model)) fisher.push_back(torch::zeros_like(p));
  return fisher;
}

// What each traced layer's per-sample gradients are rebuilt from, independent of the class y and
// so prepared once per batch: a^2 for a Linear layer; for a Conv2d layer its input with samples
// and channels swapped (C_in x B x H x W), the input of the grouped convolution below; a channel
// affine's normalised input as it is.
std::vector<torch::Tensor> layer_inputs(const LayerTrace& trace) {
  std::vector<torch::Tensor> prepared;
  for (const auto& layer : trace.layers) {
    const auto a = layer.input.detach();
    switch (layer.kind) {
      case TracedLayer::Kind::linear:
        prepared.push_back(a.square());
        break;
      case TracedLayer::Kind::conv2d:
        prepared.push_back(a.transpose(0, 1).contiguous());
        break;
      case TracedLayer::Kind::channel_affine:
        prepared.push_back(a);
        break;
    }
  }
  return prepared;
}

// A Conv2d layer's per-sample squared gradients, summed over samples and classes: `scaled_grads`
// holds, per class y, each sample's output gradient already multiplied by sqrt(w[b][y]). Sample
// b's weight gradient, dW_b[o][c] = a_b[c] (correlated with) g_b[o], is itself a convolution: all
// of them at once are one convolution of the inputs (C_in x B x H x W, samples as channels) with
// the output gradients of every class as kernels (B*Y*C_out x 1 x H' x W'), in B groups (Rochette
// et al. 2019); the classes are stacked so each batch needs one convolution per layer. A strided
// layer's gradient is the same convolution with the kernels dilated by the stride, cut to the
// kernel's size. Measured here: about twice as fast as the unfold + bmm form.
void add_conv_squares(const TracedLayer& layer, const torch::Tensor& swapped_input,
                      const std::vector<torch::Tensor>& scaled_grads, torch::Tensor& weight_fisher,
                      torch::Tensor* bias_fisher) {
  const auto g = torch::stack(scaled_grads, 1);  // B x Y x C_out x H' x W'
  const int64_t batch = g.size(0), out = g.size(2);
  const auto kernels = g.reshape({-1, 1, g.size(3), g.size(4)});
  const auto kernel = layer.weight.sizes().slice(2);
  const auto per_sample =  // C_in x B x Y x C_out x (kh kw)
      torch::conv2d(swapped_input, kernels, {}, 1, layer.padding, layer.stride, batch)
          .slice(2, 0, kernel[0])
          .slice(3, 0, kernel[1])
          .reshape({swapped_input.size(0), batch, g.size(1), out, -1});
  const auto squares = per_sample.square().sum(torch::IntArrayRef{1, 2});  // C_in x C_out x kk
  weight_fisher += squares.transpose(0, 1).reshape_as(weight_fisher);
  if (bias_fisher != nullptr)
    *bias_fisher += g.sum(torch::IntArrayRef{3, 4}).square().sum(torch::IntArrayRef{0, 1});
}

// A channel affine's per-sample squared gradients, summed over samples and classes: sample b's
// scale gradient is its channel sum of g * input, its shift gradient its channel sum of g.
void add_affine_squares(const torch::Tensor& input, const std::vector<torch::Tensor>& scaled_grads,
                        torch::Tensor& weight_fisher, torch::Tensor& bias_fisher) {
  const auto g = torch::stack(scaled_grads, 1);  // B x Y x C x H x W
  const std::vector<int64_t> spatial = {3, 4}, samples_and_classes = {0, 1};
  weight_fisher += (g * input.unsqueeze(1)).sum(spatial).square().sum(samples_and_classes);
  bias_fisher += g.sum(spatial).square().sum(samples_and_classes);
}

// Adds sum_b sum_y weight[b][y] * (d objectives[y]_b / d theta)^2 for every traced layer, where
// objectives[y] is a sum of one term per sample: samples are independent, so the gradient of the
// sum with respect to a layer's output holds each sample's own output gradient in its row. The
// weights enter as sqrt(w) on the gradients. A Linear layer's squares are summed over the classes
// before the one product with a^2 per batch.
void add_per_sample_squares(const std::vector<torch::Tensor>& objectives, const LayerTrace& trace,
                            const std::vector<torch::Tensor>& parameters,
                            const torch::Tensor& weight, DiagonalFisher& fisher) {
  std::vector<torch::Tensor> outputs;
  for (const auto& layer : trace.layers) outputs.push_back(layer.output);
  const auto roots = weight.sqrt();
  std::vector<std::vector<torch::Tensor>> scaled(outputs.size());  // [layer][class]
  for (std::size_t y = 0; y < objectives.size(); ++y) {
    const auto grads = torch::autograd::grad({objectives[y]}, outputs, {}, /*retain_graph=*/true);
    const auto root = roots.select(1, static_cast<int64_t>(y));
    for (std::size_t i = 0; i < grads.size(); ++i) {
      std::vector<int64_t> shape(grads[i].dim(), 1);
      shape[0] = -1;
      scaled[i].push_back(grads[i] * root.view(shape));
    }
  }
  const auto inputs = layer_inputs(trace);
  for (std::size_t i = 0; i < scaled.size(); ++i) {
    const auto& layer = trace.layers[i];
    auto& weight_fisher = fisher[parameter_index(parameters, layer.weight)];
    torch::Tensor* bias =
        layer.bias.defined() ? &fisher[parameter_index(parameters, layer.bias)] : nullptr;
    if (layer.kind == TracedLayer::Kind::conv2d) {
      add_conv_squares(layer, inputs[i], scaled[i], weight_fisher, bias);
      continue;
    }
    if (layer.kind == TracedLayer::Kind::channel_affine) {
      add_affine_squares(inputs[i], scaled[i], weight_fisher, *bias);
      continue;
    }
    const auto squares = torch::stack(scaled[i], 1).square().sum(1);  // B x out
    weight_fisher += squares.t().mm(inputs[i]);
    if (bias != nullptr) *bias += squares.sum(0);
  }
}

// Exact: every class y, weighted by the model's own p(y|x).
void accumulate_batch(NetworkImpl& model, const torch::Tensor& images, DiagonalFisher& fisher) {
  LayerTrace trace;
  const auto log_probs = torch::log_softmax(model.forward_traced(images, &trace), 1);
  std::vector<torch::Tensor> objectives;
  for (int64_t y = 0; y < log_probs.size(1); ++y)
    objectives.push_back(log_probs.select(1, y).sum());
  add_per_sample_squares(objectives, trace, parameters_of(model), log_probs.exp().detach(), fisher);
}

// One given class per sample, weight 1.
void accumulate_targets(NetworkImpl& model, const torch::Tensor& images,
                        const torch::Tensor& targets, DiagonalFisher& fisher) {
  LayerTrace trace;
  const auto log_probs = torch::log_softmax(model.forward_traced(images, &trace), 1);
  const auto chosen = log_probs.gather(1, targets.to(torch::kLong).unsqueeze(1)).sum();
  add_per_sample_squares({chosen}, trace, parameters_of(model),
                         torch::ones({images.size(0), 1}, log_probs.options()), fisher);
}

// The batch that measured fastest (tests/bench/fisher_bench.cpp): small for convolutional models,
// whose per-sample gradients are large and cache-bound, large for dense ones.
int64_t batch_for(NetworkImpl& model, int64_t requested) {
  if (requested > 0) return requested;
  for (const auto& module : model.modules(/*include_self=*/false))
    if (dynamic_cast<const torch::nn::Conv2dImpl*>(module.get()) != nullptr) return 32;
  return 256;
}

}  // namespace

DiagonalFisher exact_fisher(NetworkImpl& model, const torch::Tensor& images, int64_t batch_size) {
  model.eval();
  DiagonalFisher fisher = zeros_like_parameters(model);
  batch_size = batch_for(model, batch_size);
  for (int64_t start = 0; start < images.size(0); start += batch_size)
    accumulate_batch(model, images.slice(0, start, start + batch_size), fisher);
  for (auto& f : fisher) f /= static_cast<double>(images.size(0));
  return fisher;
}

DiagonalFisher target_fisher(NetworkImpl& model, const torch::Tensor& images,
                             const torch::Tensor& targets, int64_t batch_size) {
  model.eval();
  DiagonalFisher fisher = zeros_like_parameters(model);
  batch_size = batch_for(model, batch_size);
  for (int64_t start = 0; start < images.size(0); start += batch_size)
    accumulate_targets(model, images.slice(0, start, start + batch_size),
                       targets.slice(0, start, start + batch_size), fisher);
  for (auto& f : fisher) f /= static_cast<double>(images.size(0));
  return fisher;
}

torch::Tensor sampled_targets(NetworkImpl& model, const torch::Tensor& images, std::uint64_t seed) {
  const torch::NoGradGuard no_grad;
  model.eval();
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  const auto probs = torch::softmax(model.forward(images), 1);
  return torch::multinomial(probs, 1, /*replacement=*/false, generator).squeeze(1);
}

DiagonalFisher target_fisher_reference(NetworkImpl& model, const torch::Tensor& images,
                                       const torch::Tensor& targets) {
  model.eval();
  DiagonalFisher fisher = zeros_like_parameters(model);
  const auto parameters = parameters_of(model);
  for (int64_t n = 0; n < images.size(0); ++n) {
    const auto log_probs = torch::log_softmax(model.forward(images.slice(0, n, n + 1)), 1)[0];
    const auto grads = torch::autograd::grad({log_probs[targets[n].item<int64_t>()]}, parameters);
    for (std::size_t i = 0; i < grads.size(); ++i) fisher[i] += grads[i].square();
  }
  for (auto& f : fisher) f /= static_cast<double>(images.size(0));
  return fisher;
}

DiagonalFisher exact_fisher_reference(NetworkImpl& model, const torch::Tensor& images) {
  model.eval();
  DiagonalFisher fisher = zeros_like_parameters(model);
  const auto parameters = parameters_of(model);
  for (int64_t n = 0; n < images.size(0); ++n) {
    const auto log_probs = torch::log_softmax(model.forward(images.slice(0, n, n + 1)), 1)[0];
    for (int64_t y = 0; y < log_probs.size(0); ++y) {
      const auto grads =
          torch::autograd::grad({log_probs[y]}, parameters, {}, /*retain_graph=*/true);
      const auto p = log_probs[y].exp().item<double>();
      for (std::size_t i = 0; i < grads.size(); ++i) fisher[i] += p * grads[i].square();
    }
  }
  for (auto& f : fisher) f /= static_cast<double>(images.size(0));
  return fisher;
}

}  // namespace coinsim
