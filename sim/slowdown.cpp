#include "sim/slowdown.hpp"

#include <cmath>

namespace coinsim {

double SlowdownModel::draw(RandomStream& stream) const {
  if (spec_.model == StragglerLaw::bimodal)
    return stream.uniform_real(0.0, 1.0) < spec_.probability ? spec_.slowdown : 1.0;
  if (spec_.model == StragglerLaw::exponential)
    return spec_.shift + exponential_draw(stream, 1.0 / spec_.mean);
  if (spec_.model == StragglerLaw::pareto)
    return spec_.scale / std::pow(1.0 - stream.uniform_real(0.0, 1.0), 1.0 / spec_.shape);
  return 1.0;
}

double SlowdownModel::mean() const {
  if (spec_.model == StragglerLaw::bimodal) return 1.0 + spec_.probability * (spec_.slowdown - 1.0);
  if (spec_.model == StragglerLaw::exponential) return spec_.shift + spec_.mean;
  if (spec_.model == StragglerLaw::pareto) return spec_.scale * spec_.shape / (spec_.shape - 1.0);
  return 1.0;
}

}  // namespace coinsim
