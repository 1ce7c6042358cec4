#include "coin/models/architectures.hpp"

namespace coinsim {
namespace {

torch::nn::Conv2d conv(int in, int out, int kernel, int padding) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).padding(padding));
}

// A convolution followed by GroupNorm, whose shift makes a bias redundant.
torch::nn::Conv2d unbiased_conv(int in, int out, int kernel, int stride) {
  return torch::nn::Conv2d(
      torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(false));
}

torch::nn::GroupNorm group_norm(int groups, int channels) {
  return torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, channels));
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

ResNet18::ResNet18(ImageShape input, int width, int groups, int outputs) : NetworkImpl(input) {
  stem_ = register_module("stem", unbiased_conv(input.channels, width, 3, 1));
  stem_norm_ = register_module("stem_norm", group_norm(groups, width));
  int channels = width;
  for (int stage = 0; stage < 4; ++stage) {
    const int out = width << stage;
    for (int b = 0; b < 2; ++b) {
      const int stride = stage > 0 && b == 0 ? 2 : 1;
      const std::string name = "stage" + std::to_string(stage + 1) + "_" + std::to_string(b);
      blocks_.push_back(make_block(name, channels, out, stride, groups));
      channels = out;
    }
  }
  head_ = register_module("head", torch::nn::Linear(channels, outputs));
}

ResNet18::Block ResNet18::make_block(const std::string& name, int in, int out, int stride,
                                     int groups) {
  Block b;
  b.conv1 = register_module(name + "_conv1", unbiased_conv(in, out, 3, stride));
  b.norm1 = register_module(name + "_norm1", group_norm(groups, out));
  b.conv2 = register_module(name + "_conv2", unbiased_conv(out, out, 3, 1));
  b.norm2 = register_module(name + "_norm2", group_norm(groups, out));
  if (stride != 1 || in != out) {
    b.projection = register_module(name + "_projection", unbiased_conv(in, out, 1, stride));
    b.projection_norm = register_module(name + "_projection_norm", group_norm(groups, out));
  }
  return b;
}

torch::Tensor ResNet18::block(Block& b, const torch::Tensor& x, LayerTrace* trace) {
  auto inner =
      traced_relu(traced_group_norm(b.norm1, traced_conv(b.conv1, x, trace), trace), trace);
  inner = traced_group_norm(b.norm2, traced_conv(b.conv2, inner, trace), trace);
  const auto shortcut = b.projection ? traced_group_norm(b.projection_norm,
                                                         traced_conv(b.projection, x, trace), trace)
                                     : x;
  return traced_relu(traced_sum(inner, shortcut, trace), trace);
}

torch::Tensor ResNet18::forward_traced(const torch::Tensor& images, LayerTrace* trace) {
  auto x =
      traced_relu(traced_group_norm(stem_norm_, traced_conv(stem_, images, trace), trace), trace);
  for (auto& b : blocks_) x = block(b, x, trace);
  return traced_linear(head_, traced_global_average(x, trace), trace);
}

Network make_model(const ModelSpec& spec, const DatasetSpec& dataset) {
  const ImageShape input = dataset.image_shape();
  const int outputs = dataset.num_classes();
  switch (spec.architecture) {
    case Architecture::lenet5:
      return std::make_shared<LeNet5>(input, outputs);
    case Architecture::residual_cnn:
      return std::make_shared<ResidualCnn>(input, spec.channels.at(0), spec.channels.at(1),
                                           outputs);
    case Architecture::resnet18:
      return std::make_shared<ResNet18>(input, spec.channels.at(0), spec.groups, outputs);
    case Architecture::mlp:
      break;
  }
  return std::make_shared<Mlp>(input, spec.hidden, outputs);
}

}  // namespace coinsim
