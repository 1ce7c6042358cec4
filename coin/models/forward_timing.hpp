// How long one forward pass of the scenario's model on one image really takes on this machine, on
// one core (LibTorch with one thread, no autograd): the median of many timed passes after a
// warm-up. The simulator uses it instead of counted flops when /platform/calibration is
// "measured", so that a 1 Gflop/s host runs the model as fast as one core of this machine.
// Dense and convolution layers take the same time whatever their weights, so an untrained model of
// the same architecture is timed. A measurement is a fact about a machine, not a function of the
// seed: it is kept in cache/timings/ (keyed by the architecture and this machine's CPU), so that
// reruns on one machine reproduce byte for byte.
#pragma once

#include <torch/torch.h>

#include "coin/models/network.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {

double measure_forward_seconds(NetworkImpl& model, const torch::Tensor& image, int repeats = 200);

// The cached measurement for the scenario's model on this machine, measured on first use.
double cached_forward_seconds(const Scenario& scenario);

}  // namespace coinsim
