// IDX files as a damaged copy presents them: every defect is refused in one line naming the file
// and what is wrong (before, a test file cut to 50 KB ran at chance accuracy and exited 0, and a
// label byte of 200 silently dropped its image).
#include "coin/data/idx_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

std::string big_endian(std::uint32_t value) {
  return {static_cast<char>(value >> 24), static_cast<char>(value >> 16),
          static_cast<char>(value >> 8), static_cast<char>(value)};
}

std::string images_file(std::uint32_t count, std::uint32_t rows = 28, std::uint32_t columns = 28) {
  std::string bytes =
      big_endian(0x803) + big_endian(count) + big_endian(rows) + big_endian(columns);
  for (std::uint32_t i = 0; i < count * rows * columns; ++i) bytes += static_cast<char>(i % 251);
  return bytes;
}

std::string labels_file(const std::string& labels) {
  return big_endian(0x801) + big_endian(static_cast<std::uint32_t>(labels.size())) + labels;
}

class IdxFile : public testing::Test {
 protected:
  void SetUp() override { fs::create_directories(dir_); }
  std::string error_of(const std::string& images, const std::string& labels) const {
    write_file_atomically(dir_ / "images", images);
    write_file_atomically(dir_ / "labels", labels);
    try {
      read_idx_split(dir_ / "images", dir_ / "labels", 10);
    } catch (const Error& e) {
      return e.what();
    }
    return "accepted";
  }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  const fs::path dir_ = fs::path(testing::TempDir()) / "coinsim_idx";
};

TEST_F(IdxFile, WellFormedFilesAreReadByteForByte) {
  write_file_atomically(dir_ / "images", images_file(3));
  write_file_atomically(dir_ / "labels", labels_file(std::string("\x00\x09\x04", 3)));
  const IdxSplit split = read_idx_split(dir_ / "images", dir_ / "labels", 10);
  EXPECT_EQ(split.images.count, 3);
  EXPECT_EQ(split.images.pixels.size(), 3u * 784);
  EXPECT_EQ(split.images.pixels[785], 785 % 251);
  EXPECT_EQ(split.labels, (std::vector<std::uint8_t>{0, 9, 4}));
}

TEST_F(IdxFile, EveryDefectIsNamed) {
  const std::string three_labels = labels_file(std::string("\x01\x02\x03", 3));
  const std::string images = images_file(3);
  EXPECT_EQ(error_of(images.substr(0, 1000), three_labels),
            path("images") +
                ": not a Fashion-MNIST images file: truncated: 1000 bytes, the header "
                "declares 2368");
  EXPECT_EQ(error_of(images + "x", three_labels),
            path("images") +
                ": not a Fashion-MNIST images file: too long: 2369 bytes, the "
                "header declares 2368");
  EXPECT_EQ(error_of(images.substr(0, 10), three_labels),
            path("images") +
                ": not a Fashion-MNIST images file: only 10 bytes, shorter than its "
                "16-byte header");
  EXPECT_EQ(error_of("\x1f\x8b\x08\x00" + images.substr(4), three_labels),
            path("images") +
                ": not a Fashion-MNIST images file: magic number 0x1f8b0800, "
                "expected 0x00000803 (a gzipped file? run scripts/setup.sh)");
  EXPECT_EQ(error_of(images_file(3, 32, 32), three_labels),
            path("images") +
                ": not a Fashion-MNIST images file: images of 32 x 32 pixels, expected 28 x 28");
  EXPECT_EQ(error_of(images, labels_file(std::string("\x01\xc8\x03", 3))),
            path("labels") + ": label 200 of image 1 is outside 0..9");
  EXPECT_EQ(error_of(images, labels_file("\x01\x02")),
            path("labels") + ": 2 labels for the 3 images of " + path("images"));
  EXPECT_EQ(error_of(images, three_labels.substr(0, 9)),
            path("labels") +
                ": not a Fashion-MNIST labels file: truncated: 9 bytes, the header "
                "declares 11");
  EXPECT_EQ(error_of(images, images),
            path("labels") +
                ": not a Fashion-MNIST labels file: magic number 0x00000803, "
                "expected 0x00000801 (a gzipped file? run scripts/setup.sh)");
  fs::remove(dir_ / "labels");
  try {
    read_idx_labels(dir_ / "labels", 10);
    FAIL() << "read a missing file";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              path("labels") + ": dataset file missing (run scripts/setup.sh)");
  }
}

}  // namespace
}  // namespace coinsim
