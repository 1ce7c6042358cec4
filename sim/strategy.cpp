#include "sim/strategy.hpp"

#include <algorithm>

namespace coinsim {

Strategy::Strategy(const std::string& name, const OutputTable& table, const Code& code)
    : name_(name), k_(code.k()) {
  for (int i = 0; i < k_; ++i) slot_models_.push_back(table.model_index(original_name(i)));
  if (name == "none") return;
  for (int row = 0; row < code.r(); ++row)
    slot_models_.push_back(table.model_index(coded_name(name, row)));
  decoder_.emplace(code);
}

bool Strategy::complete(const std::vector<bool>& arrived) const {
  if (!decoder_) return std::all_of(arrived.begin(), arrived.end(), [](bool a) { return a; });
  return decoder_->code().decodable(arrived);
}

QueryOutcome Strategy::score(const std::vector<bool>& arrived, int image, const OutputTable& table,
                             const std::vector<Task>& tasks) const {
  const int label = table.labels[image];
  const auto received = [&](int task) -> const float* {
    return table.at(slot_models_[task], image);
  };
  std::vector<std::vector<float>> recovered;
  if (decoder_ && !std::all_of(arrived.begin(), arrived.begin() + k_, [](bool a) { return a; })) {
    std::vector<const float*> outputs(slot_models_.size(), nullptr);
    for (std::size_t s = 0; s < outputs.size(); ++s)
      if (arrived[s]) outputs[s] = table.at(slot_models_[s], image);
    recovered = decoder_->decode(outputs, table.num_outputs);
  }
  QueryOutcome outcome;
  outcome.decoded_outputs =
      static_cast<int>(std::count(arrived.begin(), arrived.begin() + k_, false));
  for (int task = 0; task < k_; ++task) {
    if (!tasks[task].in_domain(label)) continue;
    ++outcome.scored_tasks;
    const bool decoded = !arrived[task];
    outcome.decoded_tasks += decoded;
    const float* scores = decoded ? recovered[task].data() : received(task);
    outcome.correct_tasks += tasks[task].predict(scores) == label;
  }
  return outcome;
}

}  // namespace coinsim
