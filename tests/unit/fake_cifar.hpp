// Small CIFAR-10 / CIFAR-100 folders written in exactly the binary format of the real ones
// (coin/data/cifar_file.hpp), for tests: the real data cannot be shipped. Image i (counted over
// the training files, then the test file on its own) has fine label i % classes, CIFAR-100 coarse
// label (i % 100) / 5, and pixel value fake_cifar_pixel(i, channel, row, column); the channels
// have far apart means, so per-channel normalisation is visible.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "scenario/kinds.hpp"

namespace coinsim {

int fake_cifar_pixel(std::int64_t image, int channel, int row, int column);

// One record: label byte(s) then pixels.
std::string fake_cifar_record(DatasetName name, std::int64_t image, int fine_label);

// Writes every file of `name` into `folder`: `train_images` split evenly over CIFAR-10's five
// batches (a multiple of 5), or all in CIFAR-100's train.bin; `test_images` in the test file.
void write_fake_cifar(const std::filesystem::path& folder, DatasetName name,
                      std::int64_t train_images, std::int64_t test_images);

}  // namespace coinsim
