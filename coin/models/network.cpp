#include "coin/models/network.hpp"

namespace coinsim {
namespace {

double per_image(const torch::Tensor& x) {
  return static_cast<double>(x.numel()) / static_cast<double>(std::max<int64_t>(x.size(0), 1));
}

std::vector<int64_t> to_vector(const torch::ExpandingArray<2>& array) {
  return {array->begin(), array->end()};
}

// A layer's record: what it received and produced (before any activation), and its parameters.
TracedLayer traced_layer(TracedLayer::Kind kind, const torch::Tensor& input,
                         const torch::Tensor& output, const torch::Tensor& weight,
                         const torch::Tensor& bias) {
  TracedLayer traced;
  traced.kind = kind;
  traced.input = input;
  traced.output = output;
  traced.weight = weight;
  traced.bias = bias;
  return traced;
}

}  // namespace

torch::Tensor traced_linear(torch::nn::Linear& layer, const torch::Tensor& x, LayerTrace* trace) {
  torch::Tensor output = layer->forward(x);
  if (trace != nullptr)
    trace->layers.push_back(
        traced_layer(TracedLayer::Kind::linear, x, output, layer->weight, layer->bias));
  return output;
}

torch::Tensor traced_conv(torch::nn::Conv2d& layer, const torch::Tensor& x, LayerTrace* trace) {
  torch::Tensor output = layer->forward(x);
  if (trace != nullptr) {
    const auto& options = layer->options;
    // What the batched Fisher's per-sample gradients and the unfolded rows assume.
    const std::vector<int64_t> ones = {1, 1};
    TORCH_CHECK(options.groups() == 1 && to_vector(options.dilation()) == ones,
                "traced convolutions must have no dilation and no groups");
    TracedLayer traced =
        traced_layer(TracedLayer::Kind::conv2d, x, output, layer->weight, layer->bias);
    traced.padding = to_vector(c10::get<torch::ExpandingArray<2>>(options.padding()));
    traced.stride = to_vector(options.stride());
    trace->layers.push_back(std::move(traced));
  }
  return output;
}

torch::Tensor traced_relu(const torch::Tensor& x, LayerTrace* trace) {
  if (trace != nullptr) trace->elementwise_flops += per_image(x);
  return torch::relu(x);
}

torch::Tensor traced_max_pool(const torch::Tensor& x, int64_t size, LayerTrace* trace) {
  if (trace != nullptr) trace->elementwise_flops += per_image(x);
  return torch::max_pool2d(x, size);
}

torch::Tensor traced_sum(const torch::Tensor& a, const torch::Tensor& b, LayerTrace* trace) {
  if (trace != nullptr) trace->elementwise_flops += per_image(a);
  return a + b;
}

torch::Tensor traced_global_average(const torch::Tensor& x, LayerTrace* trace) {
  if (trace != nullptr) trace->elementwise_flops += per_image(x);
  return x.mean({2, 3});
}

torch::Tensor traced_group_norm(torch::nn::GroupNorm& layer, const torch::Tensor& x,
                                LayerTrace* trace) {
  const auto& options = layer->options;
  const auto normalised = torch::group_norm(x, options.num_groups(), {}, {}, options.eps());
  const std::vector<int64_t> per_channel = {1, -1, 1, 1};
  torch::Tensor output =
      normalised * layer->weight.view(per_channel) + layer->bias.view(per_channel);
  if (trace != nullptr) {
    trace->elementwise_flops += 4 * per_image(x);
    trace->layers.push_back(traced_layer(TracedLayer::Kind::channel_affine, normalised, output,
                                         layer->weight, layer->bias));
  }
  return output;
}

std::size_t parameter_index(const std::vector<torch::Tensor>& parameters,
                            const torch::Tensor& wanted) {
  for (std::size_t i = 0; i < parameters.size(); ++i)
    if (parameters[i].is_same(wanted)) return i;
  TORCH_CHECK(false, "a traced layer's parameter is not a parameter of the model");
}

torch::Tensor input_rows(const TracedLayer& layer) {
  TORCH_CHECK(layer.kind != TracedLayer::Kind::channel_affine, "a channel affine has no rows");
  if (layer.kind == TracedLayer::Kind::linear) return layer.input.detach().flatten(1);
  namespace F = torch::nn::functional;
  const auto kernel = layer.weight.sizes().slice(2);
  const auto patches = F::unfold(layer.input.detach(),  // B x D x L
                                 F::UnfoldFuncOptions({kernel[0], kernel[1]})
                                     .padding({layer.padding[0], layer.padding[1]})
                                     .stride({layer.stride[0], layer.stride[1]}));
  return patches.transpose(1, 2).reshape({-1, patches.size(1)});
}

double forward_flops(NetworkImpl& model) {
  const torch::NoGradGuard no_grad;
  const auto options = parameters_of(model).front().options();
  LayerTrace trace;
  const ImageShape& shape = model.input_shape();
  model.forward_traced(torch::zeros({1, shape.channels, shape.height, shape.width}, options),
                       &trace);
  double flops = trace.elementwise_flops;
  for (const auto& layer : trace.layers) {
    const double outputs = per_image(layer.output);
    if (layer.kind == TracedLayer::Kind::channel_affine) {
      flops += 2 * outputs;  // scale and shift
      continue;
    }
    // Each output is a dot product over the weight's fan-in (in_features, or C_in x kh x kw).
    const double fan_in = static_cast<double>(layer.weight[0].numel());
    flops += 2 * fan_in * outputs;
    if (layer.bias.defined()) flops += outputs;
  }
  return flops;
}

std::vector<torch::Tensor> parameters_of(NetworkImpl& model) {
  std::vector<torch::Tensor> values;
  for (const auto& item : model.named_parameters()) values.push_back(item.value());
  return values;
}

void set_parameters(NetworkImpl& model, const std::vector<torch::Tensor>& values) {
  torch::NoGradGuard no_grad;
  const auto parameters = parameters_of(model);
  TORCH_CHECK(parameters.size() == values.size(), "parameter count mismatch");
  for (std::size_t i = 0; i < parameters.size(); ++i) parameters[i].copy_(values[i]);
}

torch::Tensor predict_probabilities(NetworkImpl& model, const torch::Tensor& images) {
  torch::NoGradGuard no_grad;
  model.eval();
  std::vector<torch::Tensor> batches;
  for (int64_t start = 0; start < images.size(0); start += 1024)
    batches.push_back(torch::softmax(model.forward(images.slice(0, start, start + 1024)), 1));
  return torch::cat(batches);
}

}  // namespace coinsim
