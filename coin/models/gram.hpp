// Gram matrices of every Linear and Conv2d layer's inputs, the statistics RegMean merges with
// (coin/models/encoder.hpp): for a Linear layer G = X^T X / n over the n images' inputs X (n x D);
// for a Conv2d layer the same over its unfolded input patches (D = C_in kh kw, one row per image
// and output position, n counting images). Taken from a traced forward pass, so the model's own
// activations feed each layer, as RegMean requires.
#pragma once

#include <torch/torch.h>

#include "coin/models/encoder.hpp"
#include "coin/models/network.hpp"

namespace coinsim {

struct GramStatistics {
  GramMatrices grams;  // per parameter, defined for Linear and Conv2d weights
  double flops = 0;    // of the forward passes and the products, counted
};

GramStatistics gram_matrices(NetworkImpl& model, const torch::Tensor& images);

}  // namespace coinsim
