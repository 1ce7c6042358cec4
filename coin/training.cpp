#include "coin/training.hpp"

#include <cstdio>

namespace coinsim {

void train_model(NetworkImpl& model, const ImageSet& data, const TrainingSpec& spec,
                 std::uint64_t seed, const std::string& name, const Progress& progress) {
  torch::optim::Adam optimizer(model.parameters(), torch::optim::AdamOptions(spec.learning_rate));
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  model.train();
  for (int epoch = 1; epoch <= spec.epochs; ++epoch) {
    const auto order = torch::randperm(data.size(), generator);
    double loss_sum = 0;
    int64_t correct = 0;
    for (int64_t start = 0; start < data.size(); start += spec.batch_size) {
      const auto index = order.slice(0, start, start + spec.batch_size);
      const auto images = data.images.index_select(0, index);
      const auto labels = data.labels.index_select(0, index);
      optimizer.zero_grad();
      const auto logits = model.forward(images);
      const auto loss = torch::nn::functional::cross_entropy(logits, labels);
      loss.backward();
      optimizer.step();
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
