#include "coin/models/kfac.hpp"

#include <cmath>

namespace coinsim {
namespace {

constexpr int64_t kBatch = 128;
constexpr int kMaxIterations = 2000;
constexpr double kTolerance = 1e-10;  // relative residual of the conjugate gradients

// Rows of the layer's inputs (a convolution's patches), with a column of ones for the bias.
torch::Tensor augmented_rows(const TracedLayer& layer) {
  auto rows = input_rows(layer).to(torch::kFloat64);
  if (layer.bias.defined())
    rows = torch::cat({rows, torch::ones({rows.size(0), 1}, rows.options())}, 1);
  return rows;
}

bool is_affine(const TracedLayer& layer) {
  return layer.kind == TracedLayer::Kind::channel_affine;
}

// A channel affine's per-sample squared gradients of one class, summed over the batch: the scale's
// gradient is the channel's sum of g * input, the shift's the channel's sum of g.
void add_affine_squares(const TracedLayer& layer, const torch::Tensor& g, KroneckerFactors& f) {
  const auto scale = (g * layer.input.detach()).sum(torch::IntArrayRef{2, 3}).to(torch::kFloat64);
  const auto shift = g.sum(torch::IntArrayRef{2, 3}).to(torch::kFloat64);
  const auto add = [](torch::Tensor& into, const torch::Tensor& per_sample) {
    const auto squares = per_sample.square().sum(0);
    into = into.defined() ? into + squares : squares;
  };
  add(f.weight_diagonal, scale);
  add(f.bias_diagonal, shift);
}

// Output-gradient rows of one class: B x out (Linear) or B*L x out (Conv2d, every position).
torch::Tensor gradient_rows(const torch::Tensor& gradient) {
  if (gradient.dim() == 2) return gradient.to(torch::kFloat64);
  return gradient.flatten(2).transpose(1, 2).reshape({-1, gradient.size(1)}).to(torch::kFloat64);
}

void accumulate(NetworkImpl& model, const torch::Tensor& images,
                const std::vector<torch::Tensor>& parameters, KroneckerFisher& fisher) {
  LayerTrace trace;
  const auto log_probs = torch::log_softmax(model.forward_traced(images, &trace), 1);
  const auto roots = log_probs.exp().detach().sqrt();
  std::vector<torch::Tensor> outputs;
  for (const auto& layer : trace.layers) outputs.push_back(layer.output);
  if (fisher.empty())
    for (const auto& layer : trace.layers) {
      KroneckerFactors f;
      f.weight = parameter_index(parameters, layer.weight);
      if (layer.bias.defined())
        f.bias = static_cast<std::ptrdiff_t>(parameter_index(parameters, layer.bias));
      fisher.push_back(f);
    }
  for (std::size_t l = 0; l < trace.layers.size(); ++l) {
    if (is_affine(trace.layers[l])) continue;
    const auto rows = augmented_rows(trace.layers[l]);
    const auto product = rows.t().mm(rows);
    fisher[l].inputs = fisher[l].inputs.defined() ? fisher[l].inputs + product : product;
  }
  for (int64_t y = 0; y < log_probs.size(1); ++y) {
    const auto grads = torch::autograd::grad({log_probs.select(1, y).sum()}, outputs, {},
                                             /*retain_graph=*/true);
    const auto root = roots.select(1, y);
    for (std::size_t l = 0; l < grads.size(); ++l) {
      std::vector<int64_t> shape(grads[l].dim(), 1);
      shape[0] = -1;
      const auto scaled = grads[l] * root.view(shape);
      if (is_affine(trace.layers[l])) {
        add_affine_squares(trace.layers[l], scaled, fisher[l]);
        continue;
      }
      const auto g = gradient_rows(scaled);
      const auto product = g.t().mm(g);
      fisher[l].outputs = fisher[l].outputs.defined() ? fisher[l].outputs + product : product;
    }
  }
}

torch::Tensor damped(const torch::Tensor& factor, double damping) {
  return factor + damping * torch::eye(factor.size(0), factor.options());
}

// The layer's augmented weight [W b] (out x D(+1)) and back.
torch::Tensor augmented(const Parameters& p, const KroneckerFactors& f) {
  const auto w = p[f.weight].to(torch::kFloat64).reshape({p[f.weight].size(0), -1});
  return f.bias < 0 ? w : torch::cat({w, p[f.bias].to(torch::kFloat64).unsqueeze(1)}, 1);
}

// A channel affine's scale and shift by COIN's own diagonal rule (coin_merge), the damping as the
// Fisher's floor.
void merge_diagonal(const std::vector<Parameters>& models,
                    const std::vector<KroneckerFisher>& fishers, const std::vector<double>& weights,
                    double damping, std::size_t layer, Parameters& merged) {
  const KroneckerFactors& layout = fishers.front()[layer];
  const auto bias = static_cast<std::size_t>(layout.bias);
  std::vector<Parameters> pairs;
  std::vector<DiagonalFisher> diagonals;
  for (std::size_t i = 0; i < models.size(); ++i) {
    pairs.push_back({models[i][layout.weight], models[i][bias]});
    diagonals.push_back({fishers[i][layer].weight_diagonal.to(models[i][layout.weight].dtype()),
                         fishers[i][layer].bias_diagonal.to(models[i][bias].dtype())});
  }
  const Parameters pair = coin_merge(pairs, diagonals, weights, damping);
  merged[layout.weight] = pair[0];
  merged[bias] = pair[1];
}

}  // namespace

KroneckerFisher kfac_fisher(NetworkImpl& model, const torch::Tensor& images) {
  model.eval();
  const auto parameters = parameters_of(model);
  KroneckerFisher fisher;
  for (int64_t start = 0; start < images.size(0); start += kBatch)
    accumulate(model, images.slice(0, start, start + kBatch), parameters, fisher);
  const auto n = static_cast<double>(images.size(0));
  for (auto& f : fisher)
    for (torch::Tensor* factor : {&f.inputs, &f.outputs, &f.weight_diagonal, &f.bias_diagonal})
      if (factor->defined()) *factor /= n;
  return fisher;
}

torch::Tensor solve_kronecker_sum(const std::vector<torch::Tensor>& outputs,
                                  const std::vector<torch::Tensor>& inputs,
                                  const std::vector<double>& weights, const torch::Tensor& c,
                                  int* iterations) {
  const auto apply = [&](const torch::Tensor& x) {
    auto sum = torch::zeros_like(x);
    for (std::size_t i = 0; i < weights.size(); ++i)
      sum += weights[i] * outputs[i].mm(x).mm(inputs[i]);
    return sum;
  };
  auto output_sum = torch::zeros_like(outputs.front());
  auto input_sum = torch::zeros_like(inputs.front());
  for (std::size_t i = 0; i < weights.size(); ++i) {
    output_sum += weights[i] * outputs[i];
    input_sum += weights[i] * inputs[i];
  }
  const auto output_factor = torch::linalg::cholesky(output_sum);
  const auto input_factor = torch::linalg::cholesky(input_sum);
  const auto precondition = [&](const torch::Tensor& r) {  // (sum G)^-1 r (sum A)^-1
    const auto left = torch::cholesky_solve(r, output_factor);
    return torch::cholesky_solve(left.t(), input_factor).t();
  };
  auto x = precondition(c);  // exact when every model has the same factors
  auto r = c - apply(x);
  auto z = precondition(r);
  auto p = z.clone();
  auto rz = (r * z).sum().item<double>();
  const double norm = c.norm().item<double>() + 1e-300;
  int iteration = 0;
  for (; iteration < kMaxIterations; ++iteration) {
    if (r.norm().item<double>() <= kTolerance * norm) break;
    const auto ap = apply(p);
    const double alpha = rz / (p * ap).sum().item<double>();
    x += alpha * p;
    r -= alpha * ap;
    z = precondition(r);
    const double next = (r * z).sum().item<double>();
    p = z + (next / rz) * p;
    rz = next;
  }
  if (iterations != nullptr) *iterations = iteration;
  return x;
}

Parameters kfac_coin_merge(const std::vector<Parameters>& models,
                           const std::vector<KroneckerFisher>& fishers,
                           const std::vector<double>& weights, double damping, double* flops) {
  torch::NoGradGuard no_grad;
  Parameters merged = average_merge(models, weights);  // every parameter is in some layer
  for (std::size_t l = 0; l < fishers.front().size(); ++l) {
    const KroneckerFactors& layout = fishers.front()[l];
    if (!layout.inputs.defined()) {
      merge_diagonal(models, fishers, weights, damping, l, merged);
      continue;
    }
    std::vector<torch::Tensor> outputs, inputs;
    auto c = torch::zeros_like(augmented(models.front(), layout));
    for (std::size_t i = 0; i < models.size(); ++i) {
      outputs.push_back(damped(fishers[i][l].outputs, damping));
      inputs.push_back(damped(fishers[i][l].inputs, damping));
      c += weights[i] * outputs.back().mm(augmented(models[i], layout)).mm(inputs.back());
    }
    int iterations = 0;
    const auto x = solve_kronecker_sum(outputs, inputs, weights, c, &iterations);
    if (flops != nullptr) {  // each iteration applies k terms G X A: 2 (out^2 D + out D^2) each
      const auto out = static_cast<double>(x.size(0)), d = static_cast<double>(x.size(1));
      *flops += (iterations + 2.0) * weights.size() * 2 * (out * out * d + out * d * d);
    }
    const auto& weight = models.front()[layout.weight];
    const int64_t columns = x.size(1) - (layout.bias < 0 ? 0 : 1);
    merged[layout.weight] =
        x.slice(1, 0, columns).reshape(weight.sizes()).to(weight.scalar_type()).contiguous();
    if (layout.bias >= 0)
      merged[layout.bias] = x.select(1, columns).to(weight.scalar_type()).contiguous();
  }
  return merged;
}

}  // namespace coinsim
