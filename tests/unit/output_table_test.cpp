// Output tables survive a round trip byte for byte; a corrupt or truncated file is refused.
#include "coin/output_table.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

OutputTable small_table() {
  OutputTable table;
  table.num_images = 3;
  table.num_outputs = 2;
  table.forward_flops = 12345.5;
  table.backup_flops = 321.25;
  table.labels = {0, 1, 1};
  table.models = {"original/0", "original/1", "coin/0"};
  for (int i = 0; i < 3 * 3 * 2; ++i) table.scores.push_back(0.25f * i);
  return table;
}

fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "coinsim_table_test";
  fs::create_directories(dir);
  return dir / name;
}

TEST(OutputTable, RoundTrip) {
  const auto path = scratch("round_trip.bin");
  save_table(small_table(), path);
  const auto loaded = load_table(path);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->models, small_table().models);
  EXPECT_EQ(loaded->labels, small_table().labels);
  EXPECT_EQ(loaded->scores, small_table().scores);
  EXPECT_EQ(loaded->forward_flops, 12345.5);
  EXPECT_EQ(loaded->backup_flops, 321.25);
  EXPECT_EQ(*loaded->at(2, 1), 0.25f * (2 * 6 + 1 * 2));
  EXPECT_EQ(loaded->model_index("coin/0"), 2);
}

TEST(OutputTable, CorruptOrTruncatedFilesAreRefused) {
  const auto path = scratch("corrupt.bin");
  save_table(small_table(), path);
  std::string bytes = read_file(path);
  bytes[bytes.size() - 3] ^= 0x40;  // flip one bit of a score
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_FALSE(load_table(path).has_value());

  save_table(small_table(), path);
  bytes = read_file(path);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 5);
  EXPECT_FALSE(load_table(path).has_value());

  EXPECT_FALSE(load_table(scratch("absent.bin")).has_value());
}

}  // namespace
}  // namespace coinsim
