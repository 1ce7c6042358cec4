// ParM's parity model (Kosaian, Rashmi and Venkataraman, SOSP 2019): a model of the base model's
// architecture that, given the sum of k query images, outputs the sum of the base model's outputs
// on them, so that one late output can be rebuilt as the parity reply minus the other k - 1
// (coin/coding/query_code.hpp). Each step draws k minibatches of training images (from `seed`),
// sums them position by position, and takes one Adam step on the squared error, summed over the
// outputs, between the parity model's raw output and the summed base outputs in the decoding
// space: probabilities, or log-probabilities in logit space (ParM's loss is the squared error).
#pragma once

#include <cstdint>

#include "coin/models/network.hpp"
#include "common/progress.hpp"
#include "scenario/kinds.hpp"

namespace coinsim {

struct ParityTraining {
  int group_size = 2;  // k
  DecodingSpace space = DecodingSpace::probability;
  int steps = 1000;
  int batch_size = 64;
  double learning_rate = 1e-3;
};

// The base model's outputs in the decoding space: softmax probabilities, or log-softmax in logit
// space (the simplex projection applies to decoded outputs only), without gradients.
torch::Tensor outputs_in_space(NetworkImpl& base, const torch::Tensor& images, DecodingSpace space);

// Trains `parity` in place against the frozen `base` on `images` (the training set); returns the
// flops spent, counted as (k base forwards + one parity forward + its backward at twice a forward)
// per summed image.
double train_parity_model(NetworkImpl& parity, NetworkImpl& base, const torch::Tensor& images,
                          const ParityTraining& spec, std::uint64_t seed, const Progress& progress);

// The training loss on `images` grouped in consecutive k-tuples (for tests and reports).
double parity_loss(NetworkImpl& parity, NetworkImpl& base, const torch::Tensor& images,
                   const ParityTraining& spec);

}  // namespace coinsim
