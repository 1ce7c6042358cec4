#include "coin/models/parity_model.hpp"

#include <cstdio>
#include <vector>

namespace coinsim {
namespace {

// Image g * k + j of `images` is query j of group g: each group's summed image and the sum of
// the base model's outputs on its images.
std::pair<torch::Tensor, torch::Tensor> summed(NetworkImpl& base, const torch::Tensor& images,
                                               int group_size, DecodingSpace space) {
  const int64_t groups = images.size(0) / group_size;
  auto grouped = images.sizes().vec();
  grouped[0] = group_size;
  grouped.insert(grouped.begin(), groups);
  const auto targets = outputs_in_space(base, images, space);
  return {images.reshape(grouped).sum(1),
          targets.reshape({groups, group_size, targets.size(1)}).sum(1)};
}

torch::Tensor squared_error(const torch::Tensor& output, const torch::Tensor& target) {
  return (output - target).square().sum(1).mean();
}

}  // namespace

torch::Tensor outputs_in_space(NetworkImpl& base, const torch::Tensor& images,
                               DecodingSpace space) {
  const torch::NoGradGuard no_grad;
  base.eval();
  const auto logits = base.forward(images);
  return space == DecodingSpace::logit ? torch::log_softmax(logits, 1) : torch::softmax(logits, 1);
}

double train_parity_model(NetworkImpl& parity, NetworkImpl& base, const torch::Tensor& images,
                          const ParityTraining& spec, std::uint64_t seed,
                          const Progress& progress) {
  torch::optim::Adam optimizer(parity.parameters(), torch::optim::AdamOptions(spec.learning_rate));
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  parity.train();
  const int64_t batch = std::min<int64_t>(spec.batch_size, images.size(0));
  const int report_every = std::max(1, spec.steps / 5);
  for (int step = 1; step <= spec.steps; ++step) {
    const auto index =
        torch::randint(images.size(0), {spec.group_size * batch}, generator, torch::kLong);
    const auto [x, target] =
        summed(base, images.index_select(0, index), spec.group_size, spec.space);
    optimizer.zero_grad();
    const auto loss = squared_error(parity.forward(x), target);
    loss.backward();
    optimizer.step();
    if (step % report_every == 0 || step == spec.steps) {
      char line[120];
      std::snprintf(line, sizeof(line), "    parity model step %d/%d  squared error %.5f", step,
                    spec.steps, loss.item<double>());
      progress.say(line);
    }
  }
  parity.eval();
  const double per_image = (spec.group_size + 3.0) * forward_flops(parity);
  return per_image * static_cast<double>(batch) * spec.steps;
}

double parity_loss(NetworkImpl& parity, NetworkImpl& base, const torch::Tensor& images,
                   const ParityTraining& spec) {
  const torch::NoGradGuard no_grad;
  parity.eval();
  const int64_t groups = images.size(0) / spec.group_size;
  const auto used = images.slice(0, 0, groups * spec.group_size);
  const auto [x, target] = summed(base, used, spec.group_size, spec.space);
  return squared_error(parity.forward(x), target).item<double>();
}

}  // namespace coinsim
