#include "coin/models/distillation.hpp"

#include <cstdio>

namespace coinsim {
namespace {

torch::Tensor target_mixture(const std::vector<Network>& teachers,
                             const std::vector<double>& weights, const torch::Tensor& images) {
  const torch::NoGradGuard no_grad;
  torch::Tensor mixture;
  for (std::size_t i = 0; i < teachers.size(); ++i) {
    teachers[i]->eval();
    const auto p = weights[i] * torch::softmax(teachers[i]->forward(images), 1);
    mixture = mixture.defined() ? mixture + p : p;
  }
  return mixture;
}

torch::Tensor loss_of(const torch::Tensor& logits, const torch::Tensor& target,
                      DistillationLoss loss) {
  const auto log_q = torch::log_softmax(logits, 1);
  if (loss == DistillationLoss::mse) return (log_q.exp() - target).square().sum(1).mean();
  // KL(t || q) = sum t log t - sum t log q; the first term has no gradient but makes it a KL.
  const auto entropy_term = (target * target.clamp_min(1e-30).log()).sum(1);
  return (entropy_term - (target * log_q).sum(1)).mean();
}

}  // namespace

double distil(NetworkImpl& student, const std::vector<Network>& teachers,
              const std::vector<double>& weights, const torch::Tensor& images,
              const DistillationSpec& spec, std::uint64_t seed, const Progress& progress) {
  torch::optim::Adam optimizer(student.parameters(), torch::optim::AdamOptions(spec.learning_rate));
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  student.train();
  const int64_t batch = std::min<int64_t>(spec.batch_size, images.size(0));
  const int report_every = std::max(1, spec.steps / 5);
  for (int step = 1; step <= spec.steps; ++step) {
    const auto index = torch::randint(images.size(0), {batch}, generator, torch::kLong);
    const auto x = images.index_select(0, index);
    const auto target = target_mixture(teachers, weights, x);
    optimizer.zero_grad();
    const auto loss = loss_of(student.forward(x), target, spec.loss);
    loss.backward();
    optimizer.step();
    if (step % report_every == 0 || step == spec.steps) {
      char line[120];
      std::snprintf(line, sizeof(line), "    distillation step %d/%d  %s loss %.5f", step,
                    spec.steps, kind_name(spec.loss).c_str(), loss.item<double>());
      progress.say(line);
    }
  }
  student.eval();
  const double per_image = (static_cast<double>(teachers.size()) + 3) * forward_flops(student);
  return per_image * static_cast<double>(batch) * spec.steps;
}

double distillation_loss(NetworkImpl& student, const std::vector<Network>& teachers,
                         const std::vector<double>& weights, const torch::Tensor& images,
                         DistillationLoss loss) {
  const torch::NoGradGuard no_grad;
  student.eval();
  return loss_of(student.forward(images), target_mixture(teachers, weights, images), loss)
      .item<double>();
}

}  // namespace coinsim
