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
    s.dataset.name = "mnist";
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
  s.dataset.name = "synthetic";
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

}  // namespace
}  // namespace coinsim
