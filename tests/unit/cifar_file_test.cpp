// CIFAR-10 and CIFAR-100 binary files as tests write them (tests/unit/fake_cifar.hpp): records
// read channels first in file order with the chosen label set, and every defect a damaged copy can
// have -- a missing file, a cut record, a file cut at a record boundary, a stray label -- refused
// in one line naming the file.
#include "coin/data/cifar_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.hpp"
#include "common/files.hpp"
#include "scenario/scenario.hpp"
#include "tests/unit/fake_cifar.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

class CifarFile : public testing::Test {
 protected:
  fs::path folder(const std::string& name) const {
    const fs::path path = fs::path(testing::TempDir()) / "cifar-file" / name;
    fs::remove_all(path);
    return path;
  }
  static DatasetSpec spec(const fs::path& at, DatasetName name,
                          CifarLabels labels = CifarLabels::fine) {
    DatasetSpec dataset;
    dataset.name = name;
    dataset.path = at;
    dataset.labels = labels;
    return dataset;
  }
  static std::string error_reading(const fs::path& at, DatasetName name,
                                   CifarLabels labels = CifarLabels::fine) {
    try {
      read_cifar(spec(at, name, labels));
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }
};

TEST_F(CifarFile, Cifar10RecordsAreReadChannelsFirstInFileOrder) {
  const fs::path at = folder("ten");
  write_fake_cifar(at, DatasetName::cifar10, 15, 3);
  const CifarSplits splits = read_cifar(spec(at, DatasetName::cifar10));
  ASSERT_EQ(splits.train.count, 15);
  ASSERT_EQ(splits.test.count, 3);
  ASSERT_EQ(splits.train.pixels.size(), 15 * kCifarPixels);
  ASSERT_EQ(splits.train.labels.size(), 15u);
  for (int i = 0; i < 15; ++i) EXPECT_EQ(splits.train.labels[i], i % 10);
  // Image 7 lies in data_batch_3.bin; its green plane's row 5, column 9.
  const std::size_t offset = 7 * kCifarPixels + 1 * 32 * 32 + 5 * 32 + 9;
  EXPECT_EQ(splits.train.pixels[offset], fake_cifar_pixel(7, 1, 5, 9));
  EXPECT_EQ(splits.test.pixels[2 * kCifarPixels + 2 * 1024 + 31 * 32 + 31],
            fake_cifar_pixel(2, 2, 31, 31));
}

TEST_F(CifarFile, Cifar100ReadsEitherLabelSet) {
  const fs::path at = folder("hundred");
  write_fake_cifar(at, DatasetName::cifar100, 150, 30);
  const auto fine = read_cifar(spec(at, DatasetName::cifar100));
  const auto coarse = read_cifar(spec(at, DatasetName::cifar100, CifarLabels::coarse));
  ASSERT_EQ(fine.train.count, 150);
  ASSERT_EQ(coarse.test.count, 30);
  EXPECT_EQ(fine.train.labels[123], 23);
  EXPECT_EQ(coarse.train.labels[123], 23 / 5);
  EXPECT_EQ(fine.train.pixels, coarse.train.pixels);
  EXPECT_EQ(fine.train.pixels[42 * kCifarPixels], fake_cifar_pixel(42, 0, 0, 0));
}

TEST_F(CifarFile, MissingAndCutFilesAreNamed) {
  const fs::path at = folder("damaged");
  write_fake_cifar(at, DatasetName::cifar10, 10, 2);
  fs::remove(at / "data_batch_3.bin");
  EXPECT_EQ(error_reading(at, DatasetName::cifar10),
            (at / "data_batch_3.bin").string() +
                ": dataset file missing (coinsim reads the binary version of CIFAR-10, "
                "cifar-10-binary.tar.gz, which it cannot ship: extract it and point "
                "/dataset/path at its folder)");
  write_fake_cifar(at, DatasetName::cifar10, 10, 2);
  const std::string test = read_file(at / "test_batch.bin");
  write_file_atomically(at / "test_batch.bin", test.substr(0, test.size() - 100));
  EXPECT_EQ(error_reading(at, DatasetName::cifar10),
            (at / "test_batch.bin").string() +
                ": not a CIFAR-10 binary file: 6046 bytes are not a whole number of 3073-byte "
                "records (truncated?)");
  write_file_atomically(at / "test_batch.bin", "");
  EXPECT_EQ(error_reading(at, DatasetName::cifar10),
            (at / "test_batch.bin").string() +
                ": not a CIFAR-10 binary file: 0 bytes are not a whole number of 3073-byte "
                "records (truncated?)");
}

TEST_F(CifarFile, AFileCutAtARecordBoundaryIsCaughtByTheFormatsCounts) {
  const fs::path at = folder("short");
  write_fake_cifar(at, DatasetName::cifar10, 15, 3);
  const std::string batch = read_file(at / "data_batch_5.bin");
  write_file_atomically(at / "data_batch_5.bin", batch.substr(0, 2 * 3073));
  EXPECT_EQ(error_reading(at, DatasetName::cifar10),
            (at / "data_batch_5.bin").string() +
                ": 2 images, expected 3 (every CIFAR-10 batch holds as many as "
                "test_batch.bin): a truncated file?");
  const fs::path hundred = folder("short-100");
  write_fake_cifar(hundred, DatasetName::cifar100, 9, 2);
  EXPECT_EQ(error_reading(hundred, DatasetName::cifar100),
            (hundred / "train.bin").string() +
                ": 9 images, expected 10 (5 x the 2 of test.bin, as 50,000 and 10,000): a "
                "truncated file?");
}

TEST_F(CifarFile, LabelsOutsideTheLabelSetAreRefused) {
  const fs::path at = folder("labels");
  write_fake_cifar(at, DatasetName::cifar10, 5, 1);
  write_file_atomically(at / "test_batch.bin", fake_cifar_record(DatasetName::cifar10, 0, 10));
  EXPECT_EQ(error_reading(at, DatasetName::cifar10),
            (at / "test_batch.bin").string() + ": label 10 of image 0 is outside 0..9");
  const fs::path hundred = folder("labels-100");
  write_fake_cifar(hundred, DatasetName::cifar100, 5, 1);
  write_file_atomically(hundred / "test.bin", fake_cifar_record(DatasetName::cifar100, 0, 100));
  EXPECT_EQ(error_reading(hundred, DatasetName::cifar100),
            (hundred / "test.bin").string() + ": fine label 100 of image 0 is outside 0..99");
  EXPECT_EQ(error_reading(hundred, DatasetName::cifar100, CifarLabels::coarse),
            (hundred / "test.bin").string() + ": coarse label 20 of image 0 is outside 0..19");
}

}  // namespace
}  // namespace coinsim
