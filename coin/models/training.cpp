#include "coin/models/training.hpp"

#include <cstdio>
#include <memory>

#include "coin/models/learning_rate.hpp"

namespace coinsim {
namespace {

std::unique_ptr<torch::optim::Optimizer> make_optimizer(NetworkImpl& model,
                                                        const TrainingSpec& spec) {
  if (spec.optimizer == Optimizer::sgd)
    return std::make_unique<torch::optim::SGD>(model.parameters(),
                                               torch::optim::SGDOptions(spec.learning_rate)
                                                   .momentum(spec.momentum)
                                                   .nesterov(spec.nesterov)
                                                   .weight_decay(spec.weight_decay));
  return std::make_unique<torch::optim::Adam>(
      model.parameters(),
      torch::optim::AdamOptions(spec.learning_rate).weight_decay(spec.weight_decay));
}

void set_learning_rate(torch::optim::Optimizer& optimizer, double rate) {
  for (auto& group : optimizer.param_groups()) group.options().set_lr(rate);
}

}  // namespace

void train_model(NetworkImpl& model, const ImageSet& data, const TrainingSpec& spec,
                 std::uint64_t seed, const std::string& name, const Progress& progress) {
  const auto optimizer = make_optimizer(model, spec);
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  const int64_t steps_per_epoch = (data.size() + spec.batch_size - 1) / spec.batch_size;
  int64_t step = 0;
  model.train();
  for (int epoch = 1; epoch <= spec.epochs; ++epoch) {
    const auto order = torch::randperm(data.size(), generator);
    double loss_sum = 0;
    int64_t correct = 0;
    for (int64_t start = 0; start < data.size(); start += spec.batch_size, ++step) {
      const auto index = order.slice(0, start, start + spec.batch_size);
      const auto images = data.images.index_select(0, index);
      const auto labels = data.labels.index_select(0, index);
      set_learning_rate(*optimizer, learning_rate_at(spec, step, steps_per_epoch));
      optimizer->zero_grad();
      const auto logits = model.forward(images);
      const auto loss = torch::nn::functional::cross_entropy(logits, labels);
      loss.backward();
      optimizer->step();
      loss_sum += loss.item<double>() * index.size(0);
      correct += (logits.argmax(1) == labels).sum().item<int64_t>();
    }
    char line[160];
    std::snprintf(line, sizeof(line), "  %s: epoch %d/%d  loss %.4f  train accuracy %.4f",
                  name.c_str(), epoch, spec.epochs, loss_sum / data.size(),
                  static_cast<double>(correct) / data.size());
    progress.say(line);
  }
  model.eval();
}

}  // namespace coinsim
