// The IDX files of Fashion-MNIST (and the original MNIST), read and checked without LibTorch:
// magic number, dimensions, file size equal to the size the header declares, labels in 0..9,
// as many labels as images. Every problem is one line naming the file and what is wrong; a
// truncated file or a stray label is never silently read as fewer images.
//   images (idx3): 0x00000803, count, rows, columns (big-endian 32-bit), then count x rows x
//                  columns bytes;
//   labels (idx1): 0x00000801, count, then count bytes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace coinsim {

struct IdxImages {
  std::int64_t count = 0;
  int rows = 0;
  int columns = 0;
  std::vector<std::uint8_t> pixels;  // count x rows x columns, row-major
};

// Images of `rows` x `columns` pixels (28 x 28 for the datasets coinsim reads).
IdxImages read_idx_images(const std::filesystem::path& file, int rows, int columns);

// Labels, each below `num_classes`.
std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& file, int num_classes);

// Both files of one split, checked against each other (as many labels as images).
struct IdxSplit {
  IdxImages images;
  std::vector<std::uint8_t> labels;
};
IdxSplit read_idx_split(const std::filesystem::path& images, const std::filesystem::path& labels,
                        int num_classes);

}  // namespace coinsim
