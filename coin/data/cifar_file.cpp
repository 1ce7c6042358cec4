#include "coin/data/cifar_file.hpp"

#include <string>

#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

// Where a record's fields lie, per dataset.
struct RecordLayout {
  std::string dataset;  // "CIFAR-10" or "CIFAR-100", for messages
  std::string archive;  // the file the user downloads, for messages
  std::size_t label_bytes = 1;
  std::size_t label_offset = 0;  // of the label set read
  int num_classes = 10;
  std::string label_name = "label";
  std::size_t record_bytes() const { return label_bytes + kCifarPixels; }
};

RecordLayout layout_of(DatasetName name, CifarLabels labels) {
  if (name == DatasetName::cifar10) return {"CIFAR-10", "cifar-10-binary.tar.gz", 1, 0, 10};
  if (labels == CifarLabels::coarse)
    return {"CIFAR-100", "cifar-100-binary.tar.gz", 2, 0, 20, "coarse label"};
  return {"CIFAR-100", "cifar-100-binary.tar.gz", 2, 1, 100, "fine label"};
}

// Appends one file's records to `images`; returns how many it held.
std::int64_t read_records(const fs::path& file, const RecordLayout& layout, CifarImages& images) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    throw Error(file.string() + ": dataset file missing: coinsim reads the binary version of " +
                layout.dataset + " (" + layout.archive +
                "); point /dataset/path at the folder it extracts to");
  const std::string bytes = read_file(file);
  const std::size_t record = layout.record_bytes();
  if (bytes.empty() || bytes.size() % record != 0)
    throw Error(file.string() + ": not a " + layout.dataset + " binary file: " +
                std::to_string(bytes.size()) + " bytes are not a whole number of " +
                std::to_string(record) + "-byte records (truncated?)");
  const auto count = static_cast<std::int64_t>(bytes.size() / record);
  images.pixels.reserve(images.pixels.size() + count * kCifarPixels);
  for (std::int64_t i = 0; i < count; ++i) {
    const char* start = bytes.data() + i * record;
    const auto label = static_cast<unsigned char>(start[layout.label_offset]);
    if (label >= layout.num_classes)
      throw Error(file.string() + ": " + layout.label_name + " " + std::to_string(label) +
                  " of image " + std::to_string(i) + " is outside 0.." +
                  std::to_string(layout.num_classes - 1));
    images.labels.push_back(label);
    images.pixels.insert(images.pixels.end(), start + layout.label_bytes, start + record);
  }
  images.count += count;
  return count;
}

void require_count(const fs::path& file, std::int64_t found, std::int64_t expected,
                   const std::string& why) {
  if (found != expected)
    throw Error(file.string() + ": " + std::to_string(found) + " images, expected " +
                std::to_string(expected) + " (" + why + "): a truncated file?");
}

}  // namespace

std::vector<fs::path> cifar_files(const fs::path& folder, DatasetName name) {
  if (name == DatasetName::cifar100) return {folder / "train.bin", folder / "test.bin"};
  std::vector<fs::path> files;
  for (int batch = 1; batch <= 5; ++batch)
    files.push_back(folder / ("data_batch_" + std::to_string(batch) + ".bin"));
  files.push_back(folder / "test_batch.bin");
  return files;
}

CifarSplits read_cifar(const fs::path& folder, DatasetName name, CifarLabels labels) {
  const RecordLayout layout = layout_of(name, labels);
  const auto files = cifar_files(folder, name);
  CifarSplits splits;
  const fs::path& test_file = files.back();
  const std::int64_t test_count = read_records(test_file, layout, splits.test);
  for (std::size_t i = 0; i + 1 < files.size(); ++i) {
    const std::int64_t count = read_records(files[i], layout, splits.train);
    if (name == DatasetName::cifar10)
      require_count(files[i], count, test_count,
                    "every CIFAR-10 batch holds as many as " + test_file.filename().string());
  }
  if (name == DatasetName::cifar100)
    require_count(files.front(), splits.train.count, 5 * test_count,
                  "5 x the " + std::to_string(test_count) + " of test.bin, as 50,000 and 10,000");
  return splits;
}

}  // namespace coinsim
