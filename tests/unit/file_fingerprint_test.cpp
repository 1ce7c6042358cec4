// File fingerprints: the content hash of the bytes, memoised by the file's identity so that a warm
// run does not hash 55 MB again, and never served stale when the file changes.
#include "common/file_fingerprint.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/hash.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

class FileFingerprint : public testing::Test {
 protected:
  void SetUp() override {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  // Writes `content` and dates it an hour back, so that it is not "racy" and gets memoised.
  void write_old(const std::string& content) const {
    write_file_atomically(file_, content);
    fs::last_write_time(file_, fs::file_time_type::clock::now() - std::chrono::hours(1));
  }
  std::vector<fs::path> memos() const {
    std::vector<fs::path> found;
    if (fs::exists(memo_dir_))
      for (const auto& entry : fs::directory_iterator(memo_dir_)) found.push_back(entry.path());
    return found;
  }
  const fs::path dir_ = fs::path(testing::TempDir()) / "coinsim_fingerprint";
  const fs::path file_ = dir_ / "data.bin";
  const fs::path memo_dir_ = dir_ / "memo";
};

TEST_F(FileFingerprint, IsTheContentHashOfTheBytes) {
  const std::string content(200000, 'x');  // several read buffers
  write_old(content);
  EXPECT_EQ(file_fingerprint(file_, memo_dir_), content_hash(content));
}

TEST_F(FileFingerprint, WarmCallReadsTheMemoNotTheFile) {
  write_old("abc");
  const std::string first = file_fingerprint(file_, memo_dir_);
  ASSERT_EQ(memos().size(), 1u);
  // Proof that the memo is what answers: a memo altered behind the file's back is believed.
  nlohmann::json memo = nlohmann::json::parse(read_file(memos().front()));
  memo["fingerprint"] = "0123456789abcdef";
  write_file_atomically(memos().front(), memo.dump());
  EXPECT_EQ(file_fingerprint(file_, memo_dir_), "0123456789abcdef");
  EXPECT_NE(first, "0123456789abcdef");
}

TEST_F(FileFingerprint, ChangedFileIsHashedAgainEvenWithSizeAndTimeRestored) {
  write_old("abc");
  const auto time = fs::last_write_time(file_);
  const std::string first = file_fingerprint(file_, memo_dir_);
  // Same size, same modification time: only the change time betrays the edit.
  write_file_atomically(file_, "abd");
  fs::last_write_time(file_, time);
  EXPECT_EQ(file_fingerprint(file_, memo_dir_), content_hash("abd"));
  EXPECT_NE(first, content_hash("abd"));
}

TEST_F(FileFingerprint, RecentlyChangedFileIsNotMemoised) {
  write_file_atomically(file_, "fresh");
  EXPECT_EQ(file_fingerprint(file_, memo_dir_), content_hash("fresh"));
  EXPECT_TRUE(memos().empty());
}

TEST_F(FileFingerprint, DamagedMemoIsIgnoredAndUnwritableMemoFolderOnlyCostsTheMemo) {
  write_old("abc");
  file_fingerprint(file_, memo_dir_);
  write_file_atomically(memos().front(), "{not json");
  EXPECT_EQ(file_fingerprint(file_, memo_dir_), content_hash("abc"));
  EXPECT_EQ(file_fingerprint(file_, "/proc/coinsim-memo"), content_hash("abc"));
}

TEST_F(FileFingerprint, MissingFileIsNamed) {
  try {
    file_fingerprint(dir_ / "absent.bin", memo_dir_);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir_ / "absent.bin").string() + ": No such file or directory");
  }
}

}  // namespace
}  // namespace coinsim
