#include "coin/models/learning_rate.hpp"

#include <cmath>

namespace coinsim {

double learning_rate_at(const TrainingSpec& spec, std::int64_t step, std::int64_t steps_per_epoch) {
  switch (spec.schedule) {
    case LearningRateSchedule::constant:
      break;
    case LearningRateSchedule::cosine: {
      const double total = static_cast<double>(spec.epochs) * static_cast<double>(steps_per_epoch);
      return spec.learning_rate * 0.5 * (1 + std::cos(M_PI * static_cast<double>(step) / total));
    }
    case LearningRateSchedule::step: {
      const std::int64_t epoch = step / steps_per_epoch;
      return spec.learning_rate *
             std::pow(spec.step_gamma, static_cast<double>(epoch / spec.step_epochs));
    }
  }
  return spec.learning_rate;
}

}  // namespace coinsim
