#include "sim/slowdown.hpp"

namespace coinsim {

double SlowdownModel::draw(RandomStream& stream) const {
  if (spec_.model == "bimodal")
    return stream.uniform_real(0.0, 1.0) < spec_.probability ? spec_.slowdown : 1.0;
  if (spec_.model == "exponential") return spec_.shift + stream.exponential(1.0 / spec_.mean);
  return 1.0;
}

double SlowdownModel::mean() const {
  if (spec_.model == "bimodal") return 1.0 + spec_.probability * (spec_.slowdown - 1.0);
  if (spec_.model == "exponential") return spec_.shift + spec_.mean;
  return 1.0;
}

}  // namespace coinsim
