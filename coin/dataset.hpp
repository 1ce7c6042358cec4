// Image datasets as whole tensors (they fit in memory): Fashion-MNIST from the gunzipped IDX
// files that scripts/setup.sh prepares, and a synthetic 10-class dataset made in code for tests.
// Images are N x 1 x 28 x 28 floats standardised with the training set's mean and deviation.
#pragma once

#include <torch/torch.h>

#include "scenario/scenario.hpp"

namespace coinsim {

struct ImageSet {
  torch::Tensor images;  // N x 1 x 28 x 28, float
  torch::Tensor labels;  // N, int64
  int64_t size() const { return labels.size(0); }
};

struct Dataset {
  ImageSet train;
  ImageSet test;
};

// Throws Error naming the missing or unreadable file.
Dataset load_dataset(const DatasetSpec& spec, std::uint64_t seed);

// The images whose label is in `classes`.
ImageSet select_classes(const ImageSet& set, const std::vector<int>& classes);

}  // namespace coinsim
