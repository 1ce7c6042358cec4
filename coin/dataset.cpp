#include "coin/dataset.hpp"

#include <filesystem>

#include "common/error.hpp"

namespace coinsim {
namespace {

ImageSet read_mnist_format(const std::filesystem::path& root, bool train) {
  const std::string prefix = train ? "train" : "t10k";
  for (const std::string suffix : {"-images-idx3-ubyte", "-labels-idx1-ubyte"}) {
    const auto file = root / (prefix + suffix);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
      throw Error(file.string() + ": dataset file missing (run scripts/setup.sh)");
  }
  try {
    torch::data::datasets::MNIST mnist(root.string(),
                                       train ? torch::data::datasets::MNIST::Mode::kTrain
                                             : torch::data::datasets::MNIST::Mode::kTest);
    return {mnist.images().clone(), mnist.targets().to(torch::kInt64).clone()};
  } catch (const c10::Error& e) {
    throw Error(root.string() + ": cannot read " + prefix +
                " IDX files: " + e.what_without_backtrace());
  }
}

ImageSet first(const ImageSet& set, int limit) {
  if (limit <= 0 || limit >= set.size()) return set;
  return {set.images.slice(0, 0, limit), set.labels.slice(0, 0, limit)};
}

// Ten classes, each a random prototype image; a sample is its prototype plus Gaussian noise.
Dataset synthetic(const DatasetSpec& spec, std::uint64_t seed) {
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  const auto prototypes = torch::randn({10, 1, 28, 28}, generator);
  auto make = [&](int n) {
    const auto labels = torch::randint(0, 10, {n}, generator, torch::kInt64);
    const auto noise = 1.5 * torch::randn({n, 1, 28, 28}, generator);
    return ImageSet{prototypes.index_select(0, labels) + noise, labels};
  };
  Dataset data;
  data.train = make(spec.synthetic_train);
  data.test = make(spec.synthetic_test);
  return data;
}

void standardise(Dataset& data) {
  const auto mean = data.train.images.mean();
  const auto deviation = data.train.images.std();
  data.train.images = (data.train.images - mean) / deviation;
  data.test.images = (data.test.images - mean) / deviation;
}

}  // namespace

Dataset load_dataset(const DatasetSpec& spec, std::uint64_t seed) {
  Dataset data;
  if (spec.name == "synthetic") {
    data = synthetic(spec, seed);
  } else {
    data.train = read_mnist_format(spec.path, true);
    data.test = read_mnist_format(spec.path, false);
  }
  data.train = first(data.train, spec.train_limit);
  data.test = first(data.test, spec.test_limit);
  standardise(data);
  return data;
}

ImageSet select_classes(const ImageSet& set, const std::vector<int>& classes) {
  auto mask = torch::zeros_like(set.labels, torch::kBool);
  for (const int c : classes) mask |= set.labels == c;
  const auto index = mask.nonzero().squeeze(1);
  return {set.images.index_select(0, index), set.labels.index_select(0, index)};
}

}  // namespace coinsim
