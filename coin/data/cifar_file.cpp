#include "coin/data/cifar_file.hpp"

#include <string>

#include "common/error.hpp"
#include "common/files.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

// Where a record's fields lie, per dataset.
struct RecordLayout {
  std::string dataset;  // "CIFAR-10" or "CIFAR-100", for messages
  DatasetName name = DatasetName::cifar10;
  std::size_t label_bytes = 1;
  std::size_t label_offset = 0;  // of the label set read
  int num_classes = 10;
  std::string label_name = "label";
  std::size_t record_bytes() const { return label_bytes + kCifarPixels; }
};

RecordLayout layout_of(const DatasetSpec& spec) {
  RecordLayout layout;
  layout.dataset = spec.name == DatasetName::cifar10 ? "CIFAR-10" : "CIFAR-100";
  layout.name = spec.name;
  layout.num_classes = spec.num_classes();
  if (spec.name == DatasetName::cifar100) {
    layout.label_bytes = 2;
    const bool coarse = spec.labels == CifarLabels::coarse;
    layout.label_offset = coarse ? 0 : 1;
    layout.label_name = coarse ? "coarse label" : "fine label";
  }
  return layout;
}

// Appends one file's records to `images`; returns how many it held.
std::int64_t read_records(const fs::path& file, const RecordLayout& layout, CifarImages& images) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    throw Error(file.string() + ": dataset file missing" + cifar_source_hint(layout.name));
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

std::string cifar_source_hint(DatasetName name) {
  const bool ten = name == DatasetName::cifar10;
  return std::string(" (coinsim reads the binary version of ") + (ten ? "CIFAR-10" : "CIFAR-100") +
         ", " + (ten ? "cifar-10-binary.tar.gz" : "cifar-100-binary.tar.gz") +
         ", which it cannot ship: extract it and point /dataset/path at its folder)";
}

std::vector<fs::path> cifar_files(const fs::path& folder, DatasetName name) {
  if (name == DatasetName::cifar100) return {folder / "train.bin", folder / "test.bin"};
  std::vector<fs::path> files;
  for (int batch = 1; batch <= 5; ++batch)
    files.push_back(folder / ("data_batch_" + std::to_string(batch) + ".bin"));
  files.push_back(folder / "test_batch.bin");
  return files;
}

CifarSplits read_cifar(const DatasetSpec& spec) {
  const DatasetName name = spec.name;
  const RecordLayout layout = layout_of(spec);
  const auto files = cifar_files(spec.path, name);
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
