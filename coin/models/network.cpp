#include "coin/models/network.hpp"

namespace coinsim {
namespace {

double per_image(const torch::Tensor& x) {
  return static_cast<double>(x.numel()) / static_cast<double>(std::max<int64_t>(x.size(0), 1));
}

std::vector<int64_t> to_vector(const torch::ExpandingArray<2>& array) {
  return {array->begin(), array->end()};
}

}  // namespace

torch::Tensor traced_linear(torch::nn::Linear& layer, const torch::Tensor& x, LayerTrace* trace) {
  torch::Tensor output = layer->forward(x);
  if (trace != nullptr)
    trace->layers.push_back({TracedLayer::Kind::linear, x, output, layer->weight, layer->bias, {}});
  return output;
}

torch::Tensor traced_conv(torch::nn::Conv2d& layer, const torch::Tensor& x, LayerTrace* trace) {
  torch::Tensor output = layer->forward(x);
  if (trace != nullptr) {
    const auto& options = layer->options;
    // What the batched Fisher's per-sample gradients assume (architectures pool to downsample).
    const std::vector<int64_t> ones = {1, 1};
    TORCH_CHECK(options.groups() == 1 && to_vector(options.dilation()) == ones &&
                    to_vector(options.stride()) == ones,
                "traced convolutions must have stride 1, no dilation and no groups");
    trace->layers.push_back({TracedLayer::Kind::conv2d, x, output, layer->weight, layer->bias,
                             to_vector(c10::get<torch::ExpandingArray<2>>(options.padding()))});
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
