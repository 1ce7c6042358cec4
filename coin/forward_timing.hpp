// How long one forward pass of a model on one image really takes on this machine, on one core
// (LibTorch with one thread, no autograd): the median of many timed passes after a warm-up. The
// simulator can use it instead of counted flops (/platform/calibration = "measured"), so that a
// 1 Gflop/s host runs the model as fast as one core of the machine that built the output table.
#pragma once

#include <torch/torch.h>

#include "coin/model.hpp"

namespace coinsim {

double measure_forward_seconds(Mlp& model, const torch::Tensor& image, int repeats = 200);

}  // namespace coinsim
