// Progress read from the CSVs that child processes stream: exact for small files, within a
// percent for large ones, counting files still under their temporary names.
#include "common/csv_progress.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

// Rows of one length, as a query log's nearly are (the estimate assumes it).
std::string csv(int rows) {
  std::string text = "query,latency\n";
  char row[32];
  for (int i = 0; i < rows; ++i) {
    std::snprintf(row, sizeof(row), "%07d,0.%06d\n", i, (i * 7919) % 1000000);
    text += row;
  }
  return text;
}

TEST(CsvProgress, CountsRowsOfFinishedAndUnfinishedLogs) {
  const fs::path dir = fs::path(testing::TempDir()) / "coinsim_csv_progress";
  fs::remove_all(dir);
  CsvProgress progress(dir, "queries-");
  EXPECT_EQ(progress.rows(), 0);  // no folder yet
  write_file_atomically(dir / "queries-none.csv", csv(100));
  write_file_atomically(dir / "queries-coin.csv.tmp.1234", csv(250));
  write_file_atomically(dir / "summary.json", csv(1000));  // not a query log
  EXPECT_EQ(progress.rows(), 350);
  // Past 64 KiB the rows are estimated from the bytes per row of the first 64 KiB.
  write_file_atomically(dir / "queries-coin.csv.tmp.1234", csv(200000));
  EXPECT_NEAR(progress.rows(), 200100, 0.01 * 200100);
  fs::rename(dir / "queries-coin.csv.tmp.1234", dir / "queries-coin.csv");
  EXPECT_NEAR(progress.rows(), 200100, 0.01 * 200100);
}

}  // namespace
}  // namespace coinsim
