// The task-model architectures (/model/architecture), for the dataset's images (28 x 28 grey or
// 32 x 32 colour, DatasetSpec::image_shape()) and number of classes:
//   mlp          flatten, Linear + ReLU per hidden layer (/model/hidden), Linear to the outputs;
//   lenet5       LeCun et al. 1998: conv 5x5 (6; 28 x 28 images padded by 2, as usually adapted)
//                - pool - conv 5x5 (16) - pool - 120 - 84 - outputs, with ReLUs;
//   residual-cnn the deeper CNN: a 3x3 stem and a residual block of two 3x3 convolutions at
//                /model/channels[0] channels, max-pooling, a 3x3 widening convolution and a
//                second block at /model/channels[1] (six convolutions), max-pooling, global
//                average pooling, Linear to the outputs.
//   resnet18     ResNet-18 in its CIFAR form (He et al. 2016; 3x3 stem, no max-pooling): four
//                stages of two basic blocks at /model/channels[0] x 1, 2, 4, 8 channels, stride 2
//                (and a 1x1 projection shortcut) entering stages 2-4, global average pooling,
//                Linear to the outputs; GroupNorm (Wu and He 2018, /model/groups) after every
//                convolution, which carries no bias.
// Neither deep network uses batch-norm: its running statistics are not parameters, so
// Fisher-weighted merging has no Fisher for them and a merged model would need its statistics
// re-estimated. The residual CNN has no normalisation; ResNet-18's GroupNorm normalises each image
// on its own and has only a per-channel scale and shift, which merge like any parameter.
#pragma once

#include <vector>

#include "coin/models/network.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {

class Mlp : public NetworkImpl {
 public:
  Mlp(ImageShape input, const std::vector<int>& hidden, int outputs);
  torch::Tensor forward_traced(const torch::Tensor& images, LayerTrace* trace) override;

 private:
  std::vector<torch::nn::Linear> layers_;
};

class LeNet5 : public NetworkImpl {
 public:
  LeNet5(ImageShape input, int outputs);
  torch::Tensor forward_traced(const torch::Tensor& images, LayerTrace* trace) override;

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::Linear fc1_{nullptr}, fc2_{nullptr}, fc3_{nullptr};
};

class ResidualCnn : public NetworkImpl {
 public:
  ResidualCnn(ImageShape input, int narrow, int wide, int outputs);
  torch::Tensor forward_traced(const torch::Tensor& images, LayerTrace* trace) override;

 private:
  // conv(relu(conv(x))) + x, then ReLU.
  torch::Tensor block(int first, const torch::Tensor& x, LayerTrace* trace);

  std::vector<torch::nn::Conv2d> convs_;  // stem, block (2), widen, block (2)
  torch::nn::Linear head_{nullptr};
};

// A model for `dataset`'s images and classes.
class ResNet18 : public NetworkImpl {
 public:
  ResNet18(ImageShape input, int width, int groups, int outputs);
  torch::Tensor forward_traced(const torch::Tensor& images, LayerTrace* trace) override;

 private:
  struct Block {
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, projection{nullptr};  // projection: or none
    torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr}, projection_norm{nullptr};
  };
  Block make_block(const std::string& name, int in, int out, int stride, int groups);
  // relu(norm2(conv2(relu(norm1(conv1(x))))) + shortcut(x)).
  torch::Tensor block(Block& b, const torch::Tensor& x, LayerTrace* trace);

  torch::nn::Conv2d stem_{nullptr};
  torch::nn::GroupNorm stem_norm_{nullptr};
  std::vector<Block> blocks_;
  torch::nn::Linear head_{nullptr};
};

Network make_model(const ModelSpec& spec, const DatasetSpec& dataset);

}  // namespace coinsim
