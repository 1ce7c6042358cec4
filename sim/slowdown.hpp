// Per-request straggling: each request's service time is its base time (forward flops on the
// host) multiplied by a slowdown drawn independently from the configured distribution.
//   none:        1
//   bimodal:     `slowdown` with probability `probability`, else 1
//   exponential: shift + Exp(mean)  (shift 0, mean 1 gives exponential service times)
//   pareto:      scale / U^(1/shape), U uniform on (0, 1]: heavy-tailed, mean scale*shape/(shape-1)
#pragma once

#include "scenario/scenario.hpp"
#include "sim/random_streams.hpp"

namespace coinsim {

class SlowdownModel {
 public:
  explicit SlowdownModel(const StragglerSpec& spec) : spec_(spec) {}
  double draw(RandomStream& stream) const;
  double mean() const;

 private:
  StragglerSpec spec_;
};

}  // namespace coinsim
