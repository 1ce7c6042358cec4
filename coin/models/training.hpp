// Trains one task model by minibatch gradient descent on cross-entropy, the data order drawn
// from `seed`: Adam or SGD (momentum, Nesterov), with weight decay and a learning-rate schedule
// as /training says (coin/models/learning_rate.hpp).
#pragma once

#include <cstdint>
#include <string>

#include "coin/models/dataset.hpp"
#include "coin/models/network.hpp"
#include "common/progress.hpp"

namespace coinsim {

void train_model(NetworkImpl& model, const ImageSet& data, const TrainingSpec& spec,
                 std::uint64_t seed, const std::string& name, const Progress& progress);

}  // namespace coinsim
