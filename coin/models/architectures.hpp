// The task-model architectures (/model/architecture), for the dataset's images (28 x 28 grey or
// 32 x 32 colour, DatasetSpec::image_shape()) and number of classes:
//   mlp          flatten, Linear + ReLU per hidden layer (/model/hidden), Linear to the outputs;
//   lenet5       LeCun et al. 1998: conv 5x5 (6; 28 x 28 images padded by 2, as usually adapted)
//                - pool - conv 5x5 (16) - pool - 120 - 84 - outputs, with ReLUs;
//   residual-cnn the deeper CNN: a 3x3 stem and a residual block of two 3x3 convolutions at
//                /model/channels[0] channels, max-pooling, a 3x3 widening convolution and a
//                second block at /model/channels[1] (six convolutions), max-pooling, global
//                average pooling, Linear to the outputs.
// The deeper CNN uses residual connections, not batch-norm: batch-norm's running statistics are
// not parameters, so Fisher-weighted merging has no Fisher for them and a merged model would need
// its statistics re-estimated; residual connections alone keep the convolutions trainable.
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
Network make_model(const ModelSpec& spec, const DatasetSpec& dataset);

}  // namespace coinsim
