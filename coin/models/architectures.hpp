// The task-model architectures (/model/architecture), all for 28 x 28 grey images:
//   mlp          flatten, Linear + ReLU per hidden layer (/model/hidden), Linear to the outputs;
//   lenet5       LeCun et al. 1998 as usually adapted to 28 x 28: conv 5x5 (6, padded) - pool -
//                conv 5x5 (16) - pool - 120 - 84 - outputs, with ReLUs;
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
  Mlp(int inputs, const std::vector<int>& hidden, int outputs);
  torch::Tensor forward_traced(const torch::Tensor& images, LayerTrace* trace) override;

 private:
  std::vector<torch::nn::Linear> layers_;
};

class LeNet5 : public NetworkImpl {
 public:
  explicit LeNet5(int outputs);
  torch::Tensor forward_traced(const torch::Tensor& images, LayerTrace* trace) override;

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::Linear fc1_{nullptr}, fc2_{nullptr}, fc3_{nullptr};
};

class ResidualCnn : public NetworkImpl {
 public:
  ResidualCnn(int narrow, int wide, int outputs);
  torch::Tensor forward_traced(const torch::Tensor& images, LayerTrace* trace) override;

 private:
  // conv(relu(conv(x))) + x, then ReLU.
  torch::Tensor block(int first, const torch::Tensor& x, LayerTrace* trace);

  std::vector<torch::nn::Conv2d> convs_;  // stem, block (2), widen, block (2)
  torch::nn::Linear head_{nullptr};
};

Network make_model(const ModelSpec& spec, int num_outputs);

}  // namespace coinsim
