// Output tables survive a round trip byte for byte; a corrupt or truncated file is refused.
#include "coin/coding/output_table.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "common/files.hpp"
#include "scenario/scenario.hpp"

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

namespace coinsim {
namespace {

TEST(OutputTable, TableOfAnotherCodeIsRefusedBySimulations) {
  Scenario s;
  s.source = "s.json";
  s.tasks.classes = {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}};
  s.coding.methods = {"coin"};
  OutputTable table;
  table.num_outputs = 10;
  table.models = {"original/0", "original/1", "coin/0"};
  const auto error_of = [&](const OutputTable& t) -> std::string {
    try {
      check_table_fits(t, s, "t.bin");
    } catch (const Error& e) {
      return e.what();
    }
    return "fits";
  };
  EXPECT_EQ(error_of(table), "fits");
  OutputTable k3 = table;
  k3.models.insert(k3.models.begin() + 2, "original/2");  // built for k = 3
  EXPECT_EQ(
      error_of(k3),
      "t.bin: the output table does not fit s.json: it holds more than the k = 2 task models");
  OutputTable r2 = table;
  r2.models.push_back("coin/1");
  EXPECT_EQ(error_of(r2),
            "t.bin: the output table does not fit s.json: it holds more than r = 1 coin coded "
            "models");
  s.coding.methods = {"coin", "averaging"};
  EXPECT_EQ(error_of(table),
            "t.bin: the output table does not fit s.json: no outputs of averaging coded model 0");
  s.coding.methods = {"coin"};
  table.num_outputs = 5;
  EXPECT_EQ(error_of(table),
            "t.bin: the output table does not fit s.json: 5 outputs per model, the dataset has 10 "
            "classes");
}

}  // namespace
}  // namespace coinsim
