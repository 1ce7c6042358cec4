// The base of every task-model architecture (coin/models/architectures.hpp): a classifier whose
// forward pass can record, for each Linear and Conv2d layer, its input and its output. That record
// is what the batched Fisher (coin/models/fisher.hpp) rebuilds per-sample gradients from, and what
// forward flops are counted from. Parameters are listed in a fixed order (named_parameters()), so
// models of one architecture can be merged parameter by parameter.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <vector>

#include "scenario/scenario.hpp"

namespace coinsim {

// One parameterised layer seen during a forward pass.
//   linear         output = input W^T + b
//   conv2d         output = input (*) W + b, any stride and padding
//   channel_affine output = input * w[c] + b[c] per channel c: GroupNorm's scale and shift, whose
//                  input is the normalised activation
struct TracedLayer {
  enum class Kind { linear, conv2d, channel_affine };
  Kind kind = Kind::linear;
  torch::Tensor input;   // what the layer received
  torch::Tensor output;  // what it produced (before any activation), part of the autograd graph
  torch::Tensor weight;  // its parameters (bias undefined when the layer has none)
  torch::Tensor bias;
  // conv2d only: its zero padding and its stride (no dilation, no groups: see traced_conv).
  std::vector<int64_t> padding;
  std::vector<int64_t> stride = {1, 1};
};

struct LayerTrace {
  std::vector<TracedLayer> layers;
  double elementwise_flops = 0;  // activations, pooling, residual sums (one image's worth / batch)
};

class NetworkImpl : public torch::nn::Module {
 public:
  explicit NetworkImpl(ImageShape input) : input_(input) {}
  torch::Tensor forward(const torch::Tensor& images) { return forward_traced(images, nullptr); }
  // Logits for N x C x H x W images of input_shape(); fills `trace` when it is not null.
  virtual torch::Tensor forward_traced(const torch::Tensor& images, LayerTrace* trace) = 0;
  const ImageShape& input_shape() const { return input_; }

 private:
  ImageShape input_;
};
using Network = std::shared_ptr<NetworkImpl>;

// Building blocks for architectures: each runs the operation and records it in `trace` if given.
torch::Tensor traced_linear(torch::nn::Linear& layer, const torch::Tensor& x, LayerTrace* trace);
torch::Tensor traced_conv(torch::nn::Conv2d& layer, const torch::Tensor& x, LayerTrace* trace);
torch::Tensor traced_relu(const torch::Tensor& x, LayerTrace* trace);
torch::Tensor traced_max_pool(const torch::Tensor& x, int64_t size, LayerTrace* trace);
torch::Tensor traced_sum(const torch::Tensor& a, const torch::Tensor& b, LayerTrace* trace);
torch::Tensor traced_global_average(const torch::Tensor& x, LayerTrace* trace);
// GroupNorm: the normalisation (no parameters), then its per-channel scale and shift, traced as a
// channel_affine layer.
torch::Tensor traced_group_norm(torch::nn::GroupNorm& layer, const torch::Tensor& x,
                                LayerTrace* trace);

// Where a traced layer's parameter sits in parameters_of(model) (`parameters`).
std::size_t parameter_index(const std::vector<torch::Tensor>& parameters,
                            const torch::Tensor& wanted);

// The rows a Linear or Conv2d layer multiplies its weight (as out x D) with: its inputs (B x D),
// or a convolution's unfolded input patches, one row per output position (B*L x D).
torch::Tensor input_rows(const TracedLayer& layer);

// Flops of one image's forward pass, counted from the layer shapes a traced pass sees: a
// multiply-add is two flops; a bias, a ReLU, a residual sum one per output; pooling one per input;
// GroupNorm four per element to normalise (mean, variance, subtract, divide) and two to scale and
// shift.
double forward_flops(NetworkImpl& model);

// The parameters in their fixed order (the order of named_parameters()).
std::vector<torch::Tensor> parameters_of(NetworkImpl& model);
// Copies values into the model's parameters, in the same order.
void set_parameters(NetworkImpl& model, const std::vector<torch::Tensor>& values);

// Softmax outputs on a set of images, evaluated in batches, without gradients.
torch::Tensor predict_probabilities(NetworkImpl& model, const torch::Tensor& images);

}  // namespace coinsim
