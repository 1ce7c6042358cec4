#include "coin/models/architectures.hpp"

namespace coinsim {
namespace {

torch::nn::Conv2d conv(int in, int out, int kernel, int padding) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).padding(padding));
}

// LeNet-5 was drawn for 32 x 32 images: its first convolution pads smaller ones (28 x 28 by 2)
// to give the 28 x 28 maps the rest of the network expects.
int lenet_padding(const ImageShape& input) {
  TORCH_CHECK(input.height == input.width && input.height <= 32 && input.height % 2 == 0,
              "LeNet-5 takes square images of at most 32 x 32 pixels");
  return (32 - input.height) / 2;
}

}  // namespace

Mlp::Mlp(ImageShape input, const std::vector<int>& hidden, int outputs) : NetworkImpl(input) {
  int width = input.pixels();
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

LeNet5::LeNet5(ImageShape input, int outputs)
    : NetworkImpl(input),
      conv1_(register_module("conv1", conv(input.channels, 6, 5, lenet_padding(input)))),
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

ResidualCnn::ResidualCnn(ImageShape input, int narrow, int wide, int outputs) : NetworkImpl(input) {
  const std::vector<std::pair<int, int>> shapes = {
      {input.channels, narrow}, {narrow, narrow}, {narrow, narrow},
      {narrow, wide},           {wide, wide},     {wide, wide}};
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
  auto x = traced_relu(traced_conv(convs_[0], images, trace), trace);  // 28 x 28 (or 32 x 32)
  x = traced_max_pool(block(1, x, trace), 2, trace);                   // 14 x 14 (16 x 16)
  x = traced_relu(traced_conv(convs_[3], x, trace), trace);
  x = block(4, x, trace);
  x = traced_max_pool(x, 2, trace);  // 7 x 7 (8 x 8)
  return traced_linear(head_, traced_global_average(x, trace), trace);
}

Network make_model(const ModelSpec& spec, const DatasetSpec& dataset) {
  const ImageShape input = dataset.image_shape();
  const int outputs = dataset.num_classes();
  if (spec.architecture == "lenet5") return std::make_shared<LeNet5>(input, outputs);
  if (spec.architecture == "residual-cnn")
    return std::make_shared<ResidualCnn>(input, spec.channels.at(0), spec.channels.at(1), outputs);
  return std::make_shared<Mlp>(input, spec.hidden, outputs);
}

}  // namespace coinsim
