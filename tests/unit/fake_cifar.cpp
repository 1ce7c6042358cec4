#include "tests/unit/fake_cifar.hpp"

#include "coin/data/cifar_file.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

std::string records(DatasetName name, std::int64_t first, std::int64_t count) {
  const int classes = name == DatasetName::cifar10 ? 10 : 100;
  std::string bytes;
  for (std::int64_t i = first; i < first + count; ++i)
    bytes += fake_cifar_record(name, i, static_cast<int>(i % classes));
  return bytes;
}

}  // namespace

int fake_cifar_pixel(std::int64_t image, int channel, int row, int column) {
  return static_cast<int>(70 * channel + (image * 3 + row + 2 * column) % 60);
}

std::string fake_cifar_record(DatasetName name, std::int64_t image, int fine_label) {
  std::string bytes;
  if (name == DatasetName::cifar100) bytes += static_cast<char>(fine_label / 5);
  bytes += static_cast<char>(fine_label);
  for (int c = 0; c < kCifarChannels; ++c)
    for (int y = 0; y < kCifarSide; ++y)
      for (int x = 0; x < kCifarSide; ++x)
        bytes += static_cast<char>(fake_cifar_pixel(image, c, y, x));
  return bytes;
}

void write_fake_cifar(const std::filesystem::path& folder, DatasetName name,
                      std::int64_t train_images, std::int64_t test_images) {
  const auto files = cifar_files(folder, name);
  const auto training_files = static_cast<std::int64_t>(files.size() - 1);
  const std::int64_t per_file = train_images / training_files;
  for (std::int64_t f = 0; f < training_files; ++f)
    write_file_atomically(files[f], records(name, f * per_file, per_file));
  write_file_atomically(files.back(), records(name, 0, test_images));
}

}  // namespace coinsim
