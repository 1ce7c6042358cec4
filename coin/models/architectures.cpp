#include "coin/models/architectures.hpp"

namespace coinsim {
namespace {

torch::nn::Conv2d conv(int in, int out, int kernel, int padding) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).padding(padding));
}

}  // namespace

Mlp::Mlp(int inputs, const std::vector<int>& hidden, int outputs) {
  int width = inputs;
  std::vector<int> widths = hidden;
  widths.push_back(outputs);
  for (std::size_t i = 0; i < widths.size(); ++i) {
    layers_.emplace_back(
        register_module("fc" + std::to_string(i), torch::nn::Linear(width, widths[i])));
    width = widths[i];
  }
}

torch::Tensor Mlp::forward_traced(const torch::Tensor& images, LayerTrace* trace) {
  torch::Tensor activation = images.flatten(1);
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    activation = traced_linear(layers_[i], activation, trace);
    if (i + 1 < layers_.size()) activation = traced_relu(activation, trace);
  }
  return activation;
}

LeNet5::LeNet5(int outputs)
    : conv1_(register_module("conv1", conv(1, 6, 5, 2))),
      conv2_(register_module("conv2", conv(6, 16, 5, 0))),
      fc1_(register_module("fc1", torch::nn::Linear(16 * 5 * 5, 120))),
      fc2_(register_module("fc2", torch::nn::Linear(120, 84))),
      fc3_(register_module("fc3", torch::nn::Linear(84, outputs))) {}

torch::Tensor LeNet5::forward_traced(const torch::Tensor& images, LayerTrace* trace) {
  auto x = traced_max_pool(traced_relu(traced_conv(conv1_, images, trace), trace), 2, trace);
  x = traced_max_pool(traced_relu(traced_conv(conv2_, x, trace), trace), 2, trace);
  x = traced_relu(traced_linear(fc1_, x.flatten(1), trace), trace);
  x = traced_relu(traced_linear(fc2_, x, trace), trace);
  return traced_linear(fc3_, x, trace);
}

ResidualCnn::ResidualCnn(int narrow, int wide, int outputs) {
  const std::vector<std::pair<int, int>> shapes = {
      {1, narrow}, {narrow, narrow}, {narrow, narrow}, {narrow, wide}, {wide, wide}, {wide, wide}};
  for (std::size_t i = 0; i < shapes.size(); ++i)
    convs_.emplace_back(
        register_module("conv" + std::to_string(i), conv(shapes[i].first, shapes[i].second, 3, 1)));
  head_ = register_module("head", torch::nn::Linear(wide, outputs));
}

torch::Tensor ResidualCnn::block(int first, const torch::Tensor& x, LayerTrace* trace) {
  const auto inner = traced_relu(traced_conv(convs_[first], x, trace), trace);
  return traced_relu(traced_sum(traced_conv(convs_[first + 1], inner, trace), x, trace), trace);
}

torch::Tensor ResidualCnn::forward_traced(const torch::Tensor& images, LayerTrace* trace) {
  auto x = traced_relu(traced_conv(convs_[0], images, trace), trace);  // 28 x 28
  x = traced_max_pool(block(1, x, trace), 2, trace);                   // 14 x 14
  x = traced_relu(traced_conv(convs_[3], x, trace), trace);
  x = block(4, x, trace);
  x = traced_max_pool(x, 2, trace);  // 7 x 7
  return traced_linear(head_, traced_global_average(x, trace), trace);
}

Network make_model(const ModelSpec& spec, int num_outputs) {
  if (spec.architecture == "lenet5") return std::make_shared<LeNet5>(num_outputs);
  if (spec.architecture == "residual-cnn")
    return std::make_shared<ResidualCnn>(spec.channels.at(0), spec.channels.at(1), num_outputs);
  return std::make_shared<Mlp>(28 * 28, spec.hidden, num_outputs);
}

}  // namespace coinsim
