// The task models. An MLP (flatten, Linear + ReLU per hidden layer, Linear to the outputs) whose
// forward pass can also record each Linear layer's input and output, which the batched Fisher
// needs. Parameters are listed in a fixed order so that models of one architecture can be
// averaged parameter by parameter.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "scenario/scenario.hpp"

namespace coinsim {

// What a forward pass leaves behind for per-sample gradients: the input and the output
// (pre-activation) of every Linear layer, in order.
struct LayerTrace {
  std::vector<torch::Tensor> inputs;
  std::vector<torch::Tensor> outputs;
};

class MlpImpl : public torch::nn::Module {
 public:
  MlpImpl(int inputs, const std::vector<int>& hidden, int outputs);
  torch::Tensor forward(const torch::Tensor& x) { return forward_traced(x, nullptr); }
  // Logits; fills `trace` when it is not null.
  torch::Tensor forward_traced(const torch::Tensor& x, LayerTrace* trace);
  const std::vector<torch::nn::Linear>& layers() const { return layers_; }
  // Multiply-adds count as two flops; biases and ReLUs as one per output.
  double forward_flops() const;

 private:
  std::vector<torch::nn::Linear> layers_;
};
TORCH_MODULE(Mlp);

Mlp make_model(const ModelSpec& spec, int num_outputs);

// The parameters in their fixed order (the order of named_parameters()).
std::vector<torch::Tensor> parameters_of(Mlp& model);
// Copies values into the model's parameters, in the same order.
void set_parameters(Mlp& model, const std::vector<torch::Tensor>& values);

// Softmax outputs on a set of images, evaluated in batches, without gradients.
torch::Tensor predict_probabilities(Mlp& model, const torch::Tensor& images);

}  // namespace coinsim
