#include "coin/model.hpp"

namespace coinsim {

MlpImpl::MlpImpl(int inputs, const std::vector<int>& hidden, int outputs) {
  int width = inputs;
  std::vector<int> widths = hidden;
  widths.push_back(outputs);
  for (std::size_t i = 0; i < widths.size(); ++i) {
    layers_.push_back(
        register_module("fc" + std::to_string(i), torch::nn::Linear(width, widths[i])));
    width = widths[i];
  }
}

torch::Tensor MlpImpl::forward_traced(const torch::Tensor& x, LayerTrace* trace) {
  torch::Tensor activation = x.flatten(1);
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    const torch::Tensor output = layers_[i]->forward(activation);
    if (trace != nullptr) {
      trace->inputs.push_back(activation);
      trace->outputs.push_back(output);
    }
    activation = i + 1 < layers_.size() ? torch::relu(output) : output;
  }
  return activation;
}

double MlpImpl::forward_flops() const {
  double flops = 0;
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    const auto& options = layers_[i]->options;
    const double in = static_cast<double>(options.in_features());
    const double out = static_cast<double>(options.out_features());
    flops += 2 * in * out + out;               // matrix product and bias
    if (i + 1 < layers_.size()) flops += out;  // ReLU
  }
  return flops;
}

Mlp make_model(const ModelSpec& spec, int num_outputs) {
  return Mlp(28 * 28, spec.hidden, num_outputs);
}

std::vector<torch::Tensor> parameters_of(Mlp& model) {
  std::vector<torch::Tensor> values;
  for (const auto& item : model->named_parameters()) values.push_back(item.value());
  return values;
}

void set_parameters(Mlp& model, const std::vector<torch::Tensor>& values) {
  torch::NoGradGuard no_grad;
  const auto parameters = parameters_of(model);
  TORCH_CHECK(parameters.size() == values.size(), "parameter count mismatch");
  for (std::size_t i = 0; i < parameters.size(); ++i) parameters[i].copy_(values[i]);
}

torch::Tensor predict_probabilities(Mlp& model, const torch::Tensor& images) {
  torch::NoGradGuard no_grad;
  model->eval();
  std::vector<torch::Tensor> batches;
  for (int64_t start = 0; start < images.size(0); start += 1024)
    batches.push_back(torch::softmax(model->forward(images.slice(0, start, start + 1024)), 1));
  return torch::cat(batches);
}

}  // namespace coinsim
