#include "coin/models/gram.hpp"

namespace coinsim {
namespace {

constexpr int64_t kBatch = 256;

std::size_t parameter_index(const std::vector<torch::Tensor>& parameters,
                            const torch::Tensor& wanted) {
  for (std::size_t i = 0; i < parameters.size(); ++i)
    if (parameters[i].is_same(wanted)) return i;
  TORCH_CHECK(false, "a traced layer's weight is not a parameter of the model");
}

// The rows whose Gram matrix a layer contributes: its inputs, or its unfolded input patches.
torch::Tensor layer_rows(const TracedLayer& layer) {
  if (layer.kind == TracedLayer::Kind::linear) return layer.input.flatten(1);
  const auto kernel = layer.weight.sizes().slice(2);
  namespace F = torch::nn::functional;
  const auto patches = F::unfold(  // B x D x L
      layer.input,
      F::UnfoldFuncOptions({kernel[0], kernel[1]}).padding({layer.padding[0], layer.padding[1]}));
  return patches.transpose(1, 2).reshape({-1, patches.size(1)});
}

}  // namespace

GramStatistics gram_matrices(NetworkImpl& model, const torch::Tensor& images) {
  torch::NoGradGuard no_grad;
  const auto parameters = parameters_of(model);
  GramStatistics result;
  result.grams.resize(parameters.size());
  const double forward = forward_flops(model);
  for (int64_t start = 0; start < images.size(0); start += kBatch) {
    LayerTrace trace;
    model.forward_traced(images.slice(0, start, start + kBatch), &trace);
    for (const auto& layer : trace.layers) {
      const auto rows = layer_rows(layer).to(torch::kFloat64);
      auto& gram = result.grams[parameter_index(parameters, layer.weight)];
      const auto product = rows.t().mm(rows);
      gram = gram.defined() ? gram + product : product;
      result.flops += 2.0 * static_cast<double>(rows.size(0)) * rows.size(1) * rows.size(1);
    }
  }
  const auto n = static_cast<double>(images.size(0));
  for (auto& gram : result.grams)
    if (gram.defined()) gram /= n;
  result.flops += n * forward;
  return result;
}

}  // namespace coinsim
