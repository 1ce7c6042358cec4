// Trains one task model by minibatch Adam on cross-entropy, the data order drawn from `seed`.
#pragma once

#include <cstdint>
#include <string>

#include "coin/dataset.hpp"
#include "coin/network.hpp"
#include "common/progress.hpp"

namespace coinsim {

void train_model(NetworkImpl& model, const ImageSet& data, const TrainingSpec& spec,
                 std::uint64_t seed, const std::string& name, const Progress& progress);

}  // namespace coinsim
