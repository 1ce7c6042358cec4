// Group output tables (the single-model workload's outputs per coding group) survive a round trip
// with every output where the index says; a file that is corrupt, or consistent in its checksum
// but not in itself (an image twice in the query order, a label out of range), is refused.
#include "coin/coding/group_output_table.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

// 5 images of 2 outputs, groups of 2 over a shuffled order (image 3 left out), ParM's parity
// (1 request) and ApproxIFER with N = 3; every coded output's value encodes its index.
GroupOutputTable small_group_table() {
  GroupOutputTable table;
  table.images.num_images = 5;
  table.images.num_outputs = 2;
  table.images.forward_flops = 100;
  table.images.labels = {0, 1, 1, 0, 1};
  table.images.models = {"original/0"};
  for (int i = 0; i < 5 * 2; ++i) table.images.scores.push_back(0.5f * i);
  table.space = DecodingSpace::logit;
  table.group_size = 2;
  table.order = {4, 0, 2, 1};
  table.blank = {0.125f, -0.25f};
  for (const auto& [name, requests] : {std::pair<std::string, int>{"parm", 1}, {"approxifer", 3}}) {
    CodedGroupOutputs coded{name, requests, 100.0 * requests, {}};
    for (int i = 0; i < 2 * 2 * requests * 2; ++i) coded.outputs.push_back(1000.0f * requests + i);
    table.coded.push_back(coded);
  }
  return table;
}

fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "coinsim_group_table_test";
  fs::create_directories(dir);
  return dir / name;
}

TEST(GroupOutputTable, RoundTripKeepsEveryOutputInItsPlace) {
  const auto path = scratch("round_trip.bin");
  save_group_table(small_group_table(), path);
  const auto loaded = load_group_table(path);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->space, DecodingSpace::logit);
  EXPECT_EQ(loaded->groups(), 2);
  EXPECT_EQ(loaded->image(1, 0), 2);
  EXPECT_EQ(loaded->blank, small_group_table().blank);
  EXPECT_EQ(loaded->images.scores, small_group_table().images.scores);
  const CodedGroupOutputs& approxifer = loaded->code("approxifer");
  EXPECT_EQ(approxifer.requests, 3);
  EXPECT_EQ(approxifer.forward_flops, 300);
  // Group 1, filled with 2 queries, request 2: row (1 * 2 + 1) * 3 + 2 = 11, outputs 22 and 23.
  EXPECT_EQ(loaded->coded_output(approxifer, 1, 2, 2)[0], 3000.0f + 22);
  EXPECT_EQ(loaded->coded_output(approxifer, 1, 2, 2)[1], 3000.0f + 23);
  EXPECT_EQ(loaded->coded_output(loaded->code("parm"), 0, 1, 0)[1], 1000.0f + 1);
}

TEST(GroupOutputTable, LookupsOutsideTheTableAreNamed) {
  const GroupOutputTable table = small_group_table();
  try {
    table.code("berrut");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "group table has no outputs of berrut's coded queries");
  }
  try {
    table.coded_output(table.code("parm"), 2, 1, 0);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "group table: no parm output for group 2, 1 queries, request 0");
  }
}

TEST(GroupOutputTable, CorruptTruncatedOrInconsistentFilesAreRefused) {
  const auto path = scratch("bad.bin");
  save_group_table(small_group_table(), path);
  const std::string bytes = read_file(path);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 4);
  EXPECT_FALSE(load_group_table(path).has_value()) << "truncated";

  GroupOutputTable table = small_group_table();
  table.order = {4, 0, 2, 4};  // image 4 twice
  save_group_table(table, path);
  EXPECT_FALSE(load_group_table(path).has_value()) << "repeated image";

  table = small_group_table();
  table.order = {4, 0, 2};  // not whole groups
  save_group_table(table, path);
  EXPECT_FALSE(load_group_table(path).has_value()) << "partial group";

  table = small_group_table();
  table.images.labels[1] = 2;  // two outputs: classes 0 and 1
  save_group_table(table, path);
  EXPECT_FALSE(load_group_table(path).has_value()) << "label out of range";

  table = small_group_table();
  table.coded[1].outputs.pop_back();
  save_group_table(table, path);
  EXPECT_FALSE(load_group_table(path).has_value()) << "coded outputs short";

  EXPECT_FALSE(load_group_table(scratch("absent.bin")).has_value());
  save_table(small_group_table().images, path);  // an output table is no group table
  EXPECT_FALSE(load_group_table(path).has_value()) << "output table";
}

}  // namespace
}  // namespace coinsim
