// Atomic writes, checked blobs and content hashes.
#include "common/files.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.hpp"
#include "common/hash.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

TEST(Files, AtomicWriteLeavesOnlyTheFinalFile) {
  const auto dir = fs::temp_directory_path() / "coinsim_files_test" / "nested";
  fs::remove_all(dir);
  write_file_atomically(dir / "a.txt", "hello\n");
  EXPECT_EQ(read_file(dir / "a.txt"), "hello\n");
  write_file_atomically(dir / "a.txt", "again\n");
  EXPECT_EQ(read_file(dir / "a.txt"), "again\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(Files, UnwritableDestinationIsAnError) {
  try {
    write_file_atomically("/proc/coinsim/x.txt", "x");
    FAIL() << "wrote into /proc";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("/proc/coinsim", 0), 0u) << e.what();
  }
}

TEST(Files, CheckedBlobDetectsEveryFlippedByte) {
  const auto path = fs::temp_directory_path() / "coinsim_files_test" / "blob.bin";
  write_checked_blob(path, "payload bytes");
  ASSERT_EQ(read_checked_blob(path).value(), "payload bytes");
  const std::string good = read_file(path);
  for (std::size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] ^= 0x01;
    write_file_atomically(path, bad);
    EXPECT_FALSE(read_checked_blob(path).has_value()) << "byte " << i;
  }
}

TEST(Hash, Fnv1aMatchesPublishedVectors) {
  EXPECT_EQ(content_hash(""), "cbf29ce484222325");
  EXPECT_EQ(content_hash("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(content_hash("foobar"), "85944171f73967e8");
}

}  // namespace
}  // namespace coinsim
