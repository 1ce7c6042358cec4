#include "coin/data/idx_file.hpp"

#include <cstdio>
#include <functional>

#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;
constexpr std::uint32_t kLabelsMagic = 0x00000801;

std::uint32_t big_endian(const std::string& bytes, std::size_t offset) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes[offset + i]);
  return value;
}

std::string hex(std::uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof(text), "0x%08x", value);
  return text;
}

// The file's bytes after checking its magic number and that its size is the header's.
std::string checked_contents(const std::filesystem::path& file, std::uint32_t magic,
                             std::size_t header_bytes, const std::string& kind,
                             const std::function<std::uint64_t(const std::string&)>& body_bytes) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw Error(file.string() + ": dataset file missing (run scripts/setup.sh)");
  std::string bytes = read_file(file);
  const auto fail = [&](const std::string& what) {
    throw Error(file.string() + ": not a Fashion-MNIST " + kind + " file: " + what);
  };
  if (bytes.size() < header_bytes)
    fail("only " + std::to_string(bytes.size()) + " bytes, shorter than its " +
         std::to_string(header_bytes) + "-byte header");
  if (big_endian(bytes, 0) != magic)
    fail("magic number " + hex(big_endian(bytes, 0)) + ", expected " + hex(magic) +
         " (a gzipped file? run scripts/setup.sh)");
  const std::uint64_t expected = header_bytes + body_bytes(bytes);
  if (bytes.size() != expected)
    fail(std::string(bytes.size() < expected ? "truncated" : "too long") + ": " +
         std::to_string(bytes.size()) + " bytes, the header declares " + std::to_string(expected));
  return bytes;
}

}  // namespace

IdxImages read_idx_images(const std::filesystem::path& file, int rows, int columns) {
  IdxImages images;
  const std::string bytes =
      checked_contents(file, kImagesMagic, 16, "images", [&](const std::string& header) {
        images.count = big_endian(header, 4);
        images.rows = static_cast<int>(big_endian(header, 8));
        images.columns = static_cast<int>(big_endian(header, 12));
        if (images.rows != rows || images.columns != columns)
          throw Error(file.string() + ": not a Fashion-MNIST images file: images of " +
                      std::to_string(images.rows) + " x " + std::to_string(images.columns) +
                      " pixels, expected " + std::to_string(rows) + " x " +
                      std::to_string(columns));
        return static_cast<std::uint64_t>(images.count) * rows * columns;
      });
  images.pixels.assign(bytes.begin() + 16, bytes.end());
  return images;
}

std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& file, int num_classes) {
  const std::string bytes =
      checked_contents(file, kLabelsMagic, 8, "labels",
                       [](const std::string& header) { return big_endian(header, 4); });
  std::vector<std::uint8_t> labels(bytes.begin() + 8, bytes.end());
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] >= num_classes)
      throw Error(file.string() + ": label " + std::to_string(labels[i]) + " of image " +
                  std::to_string(i) + " is outside 0.." + std::to_string(num_classes - 1));
  return labels;
}

IdxSplit read_idx_split(const std::filesystem::path& images, const std::filesystem::path& labels,
                        int num_classes) {
  IdxSplit split{read_idx_images(images, 28, 28), read_idx_labels(labels, num_classes)};
  if (static_cast<std::int64_t>(split.labels.size()) != split.images.count)
    throw Error(labels.string() + ": " + std::to_string(split.labels.size()) + " labels for the " +
                std::to_string(split.images.count) + " images of " + images.string());
  return split;
}

}  // namespace coinsim
