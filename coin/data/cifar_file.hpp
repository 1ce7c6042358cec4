// The binary version of CIFAR-10 and CIFAR-100 (Krizhevsky 2009), read and checked without
// LibTorch. The data cannot be shipped with coinsim: /dataset/path names the folder the user
// extracted (cifar-10-batches-bin/ of cifar-10-binary.tar.gz, cifar-100-binary/ of
// cifar-100-binary.tar.gz). The files have no header, only fixed-size records:
//   CIFAR-10   data_batch_1.bin ... data_batch_5.bin (training), test_batch.bin; a record is
//              1 label byte (0..9) and 3,072 pixel bytes;
//   CIFAR-100  train.bin, test.bin; a record is 1 coarse label byte (0..19), 1 fine label byte
//              (0..99) and 3,072 pixel bytes.
// The pixels are the 32 x 32 red plane, then green, then blue, each row by row: channels first,
// as LibTorch wants them. With no header to check a size against, a truncated file is caught by
// what the format guarantees: every file a whole number of records, every CIFAR-10 file as many
// images as the test batch (10,000 each), CIFAR-100's training file 5 x its test file (50,000 and
// 10,000). Every problem is one line naming the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "scenario/kinds.hpp"

namespace coinsim {

struct DatasetSpec;

struct CifarImages {
  std::int64_t count = 0;
  std::vector<std::uint8_t> pixels;  // count x 3 x 32 x 32
  std::vector<std::uint8_t> labels;  // count, below the label set's number of classes
};

struct CifarSplits {
  CifarImages train;
  CifarImages test;
};

constexpr int kCifarChannels = 3;
constexpr int kCifarSide = 32;
constexpr std::size_t kCifarPixels = kCifarChannels * kCifarSide * kCifarSide;

// The files of dataset `name` (cifar10 or cifar100) in `folder`: the training files in order, the
// test file last.
std::vector<std::filesystem::path> cifar_files(const std::filesystem::path& folder,
                                               DatasetName name);

// Both splits from the folder `spec.path`, every file checked; `spec.labels` chooses CIFAR-100's
// label set (ignored for CIFAR-10).
CifarSplits read_cifar(const DatasetSpec& spec);

// Where the user gets the files of dataset `name` (cifar10 or cifar100), for "missing" messages.
std::string cifar_source_hint(DatasetName name);

}  // namespace coinsim
