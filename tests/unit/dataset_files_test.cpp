// The dataset's fingerprint keys the model cache by what is read: the same files in another folder
// share it, a relabelled copy or a changed file does not, a missing file is an error, and a
// scenario that pins a fingerprint refuses other data.
#include "coin/data/dataset_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

class DatasetFiles : public testing::Test {
 protected:
  void SetUp() override {
    fs::remove_all(root_);
    for (int digit = 0; digit < 10; ++digit)
      write_file_atomically(root_ / "a" / "digits" / (std::to_string(digit) + ".json"),
                            "{\"data\": [" + std::to_string(digit) + "]}");
  }
  Scenario scenario_at(const fs::path& folder) const {
    Scenario s;
    s.source = "s.json";
    s.dataset.name = DatasetName::mnist;
    s.dataset.path = folder;
    s.cache_dir = root_ / "cache";
    return s;
  }
  std::string fingerprint_of(const fs::path& folder) const {
    Scenario s = scenario_at(folder);
    fingerprint_dataset(s);
    return s.dataset.fingerprint;
  }
  std::string error_of(Scenario s) const {
    try {
      fingerprint_dataset(s);
    } catch (const Error& e) {
      return e.what();
    }
    return "accepted";
  }
  const fs::path root_ = fs::path(testing::TempDir()) / "coinsim_dataset_files";
};

TEST_F(DatasetFiles, FingerprintFollowsTheContentsNotTheFolder) {
  const std::string original = fingerprint_of(root_ / "a");
  EXPECT_EQ(original.size(), 16u);
  fs::copy(root_ / "a", root_ / "copy", fs::copy_options::recursive);
  EXPECT_EQ(fingerprint_of(root_ / "copy"), original);
  // A relabelled copy: digit 3's images filed as digit 8 and the other way round.
  fs::copy(root_ / "a", root_ / "relabelled", fs::copy_options::recursive);
  fs::rename(root_ / "relabelled" / "digits" / "3.json", root_ / "relabelled" / "swap.json");
  fs::rename(root_ / "relabelled" / "digits" / "8.json",
             root_ / "relabelled" / "digits" / "3.json");
  fs::rename(root_ / "relabelled" / "swap.json", root_ / "relabelled" / "digits" / "8.json");
  EXPECT_NE(fingerprint_of(root_ / "relabelled"), original);
  write_file_atomically(root_ / "a" / "digits" / "5.json", "{\"data\": [0.5]}");
  EXPECT_NE(fingerprint_of(root_ / "a"), original);
}

TEST_F(DatasetFiles, MissingFilesAreErrorsNamingTheScenarioPath) {
  EXPECT_EQ(error_of(scenario_at(root_ / "nowhere")),
            "s.json: /dataset/path: " + (root_ / "nowhere" / "digits" / "0.json").string() +
                ": dataset file missing (run scripts/setup.sh)");
  fs::remove(root_ / "a" / "digits" / "7.json");
  EXPECT_EQ(error_of(scenario_at(root_ / "a")),
            "s.json: /dataset/path: " + (root_ / "a" / "digits" / "7.json").string() +
                ": dataset file missing (run scripts/setup.sh)");
}

TEST_F(DatasetFiles, PinnedFingerprintRefusesOtherData) {
  Scenario pinned = scenario_at(root_ / "a");
  pinned.dataset.fingerprint = fingerprint_of(root_ / "a");
  EXPECT_EQ(error_of(pinned), "accepted");
  write_file_atomically(root_ / "a" / "digits" / "5.json", "{\"data\": [0.5]}");
  EXPECT_EQ(error_of(pinned), "s.json: /dataset/fingerprint: the files in " +
                                  (root_ / "a").string() + " have fingerprint " +
                                  fingerprint_of(root_ / "a") + ", the scenario pins " +
                                  pinned.dataset.fingerprint + " (the dataset changed)");
}

TEST_F(DatasetFiles, SyntheticDatasetHasNoFilesAndNoFingerprint) {
  Scenario s = scenario_at(root_ / "nowhere");
  s.dataset.name = DatasetName::synthetic;
  EXPECT_TRUE(dataset_files(s.dataset).empty());
  EXPECT_EQ(error_of(s), "accepted");
  EXPECT_EQ(fingerprint_of(root_ / "a").size(), 16u);
}

TEST_F(DatasetFiles, FashionMnistReadsItsFourIdxFiles) {
  DatasetSpec spec;
  spec.path = "data/fashion-mnist";
  const auto files = dataset_files(spec);
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0], fs::path("data/fashion-mnist/train-images-idx3-ubyte"));
  EXPECT_EQ(files[3], fs::path("data/fashion-mnist/t10k-labels-idx1-ubyte"));
}

TEST_F(DatasetFiles, CifarFilesAreTheBinaryVersionsAndTheirAbsenceSaysWhy) {
  Scenario s = scenario_at(root_ / "cifar");
  s.dataset.name = DatasetName::cifar10;
  const auto ten = dataset_files(s.dataset);
  ASSERT_EQ(ten.size(), 6u);
  EXPECT_EQ(ten[4], root_ / "cifar" / "data_batch_5.bin");
  EXPECT_EQ(ten[5], root_ / "cifar" / "test_batch.bin");
  EXPECT_EQ(error_of(s), "s.json: /dataset/path: " + ten[0].string() +
                             ": dataset file missing (coinsim reads the binary version of "
                             "CIFAR-10, cifar-10-binary.tar.gz, which it cannot ship: extract it "
                             "and point /dataset/path at its folder)");
  s.dataset.name = DatasetName::cifar100;
  EXPECT_EQ(dataset_files(s.dataset),
            (std::vector<fs::path>{root_ / "cifar" / "train.bin", root_ / "cifar" / "test.bin"}));
  // The label set is chosen when reading (and keyed on its own): both sets share the files.
  for (const auto& file : dataset_files(s.dataset)) write_file_atomically(file, "x");
  Scenario coarse = s;
  coarse.dataset.labels = CifarLabels::coarse;
  fingerprint_dataset(s);
  fingerprint_dataset(coarse);
  EXPECT_EQ(s.dataset.fingerprint.size(), 16u);
  EXPECT_EQ(coarse.dataset.fingerprint, s.dataset.fingerprint);
}

}  // namespace
}  // namespace coinsim
