#include "coin/models/gram.hpp"

namespace coinsim {
namespace {

constexpr int64_t kBatch = 256;

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
      if (layer.kind == TracedLayer::Kind::channel_affine) continue;  // averaged, as in RegMean
      const auto rows = input_rows(layer).to(torch::kFloat64);
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
