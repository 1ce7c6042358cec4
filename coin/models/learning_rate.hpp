// The learning-rate schedule of task-model training (/training/schedule), per minibatch step:
//   constant  the rate throughout
//   cosine    rate * (1 + cos(pi t / T)) / 2 over the T steps of training, from the rate to ~0
//   step      rate * gamma^floor(epoch / step_epochs), epoch counted from 0
#pragma once

#include <cstdint>

#include "scenario/scenario.hpp"

namespace coinsim {

double learning_rate_at(const TrainingSpec& spec, std::int64_t step, std::int64_t steps_per_epoch);

}  // namespace coinsim
