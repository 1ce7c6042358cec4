// Results folders: one command at a time (flock), never a system folder or someone else's files,
// and what killed runs left behind removed.
#include "common/results_folder.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

std::string claim_error(const fs::path& dir,
                        ResultsFolder::Sharing sharing = ResultsFolder::Sharing::exclusive) {
  try {
    ResultsFolder::claim(dir, "s.json: /output/dir", "coinsim test", sharing);
  } catch (const Error& e) {
    return e.what();
  }
  return "claimed";
}

class ResultsFolderTest : public testing::Test {
 protected:
  void SetUp() override {
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  const fs::path root_ = fs::path(testing::TempDir()) / "coinsim_results_folder";
};

TEST_F(ResultsFolderTest, SecondClaimIsRefusedNamingTheHolderUntilTheFirstEnds) {
  const fs::path dir = root_ / "run";
  {
    const ResultsFolder first =
        ResultsFolder::claim(dir, "s.json: /output/dir", "coinsim run a.json");
    EXPECT_TRUE(fs::is_directory(dir));
    EXPECT_EQ(claim_error(dir), "s.json: /output/dir: " + dir.string() + " is in use by pid " +
                                    std::to_string(::getpid()) +
                                    " (coinsim run a.json); wait for it to finish or choose "
                                    "another folder");
  }
  EXPECT_EQ(claim_error(dir), "claimed");
}

TEST_F(ResultsFolderTest, ShardsShareAFolderThatAWholeSweepWouldNot) {
  const fs::path dir = root_ / "sweep";
  const auto shared = ResultsFolder::Sharing::shared;
  const ResultsFolder first = ResultsFolder::claim(dir, "w", "shard 1", shared);
  EXPECT_EQ(claim_error(dir, shared), "claimed");
  EXPECT_NE(claim_error(dir).find(" is in use by "), std::string::npos);
}

TEST_F(ResultsFolderTest, SystemFoldersAndForeignFilesAreRefused) {
  for (const char* system : {"/", "/etc", "/usr", "/proc/self", "/dev/shm", "/home"})
    EXPECT_EQ(claim_error(system), std::string("s.json: /output/dir: ") + system +
                                       " is a system folder; results go in a folder of their "
                                       "own (e.g. results/<name>)");
  write_file_atomically(root_ / "thesis" / "chapter1.tex", "\\chapter{}");
  EXPECT_EQ(claim_error(root_ / "thesis"),
            "s.json: /output/dir: " + (root_ / "thesis").string() +
                " already holds files that coinsim did not write; choose an empty or new folder");
  write_file_atomically(root_ / "file", "x");
  EXPECT_EQ(claim_error(root_ / "file"),
            "s.json: /output/dir: " + (root_ / "file").string() + " is not a folder");
  EXPECT_FALSE(fs::exists(root_ / "thesis" / ".coinsim"));
}

TEST_F(ResultsFolderTest, EmptyMarkedAndOlderCoinsimFoldersAreAccepted) {
  fs::create_directories(root_ / "empty");
  EXPECT_EQ(claim_error(root_ / "empty"), "claimed");
  EXPECT_TRUE(fs::exists(root_ / "empty" / ".coinsim"));  // marked as coinsim's from now on
  write_file_atomically(root_ / "empty" / "notes.txt", "mine");
  EXPECT_EQ(claim_error(root_ / "empty"), "claimed");  // marked: the user's notes are fine
  write_file_atomically(root_ / "old-run" / "scenario.json", "{}");
  EXPECT_EQ(claim_error(root_ / "old-run"), "claimed");
  write_file_atomically(root_ / "old-sweep" / "rate=100" / "point.json", "{}");
  EXPECT_EQ(claim_error(root_ / "old-sweep"), "claimed");
}

TEST_F(ResultsFolderTest, TemporariesOfDeadProcessesAreRemovedOnClaim) {
  const fs::path dir = root_ / "sweep";
  const std::string mine = std::to_string(::getpid());
  write_file_atomically(dir / "rate=1" / "point.json", "{}");  // a sweep's folder
  // pid 999999999 is above any pid Linux hands out: that process is dead.
  for (const fs::path& file :
       {dir / "summary.json.tmp.999999999", dir / "rate=1" / "queries-coin.csv.tmp.999999999",
        dir / ".coinsim-write-test.999999999", dir / ("summary.csv.tmp." + mine),
        dir / "results.tmp.notapid", dir / "rate=1" / "deep" / "x.tmp.999999999"})
    write_file_atomically(file, "partial");
  ResultsFolder::claim(dir, "w", "test");
  EXPECT_FALSE(fs::exists(dir / "summary.json.tmp.999999999"));
  EXPECT_FALSE(fs::exists(dir / "rate=1" / "queries-coin.csv.tmp.999999999"));
  EXPECT_FALSE(fs::exists(dir / ".coinsim-write-test.999999999"));
  EXPECT_TRUE(fs::exists(dir / ("summary.csv.tmp." + mine)));  // a live writer's
  EXPECT_TRUE(fs::exists(dir / "results.tmp.notapid"));
  EXPECT_TRUE(fs::exists(dir / "rate=1" / "deep" / "x.tmp.999999999"));  // below a point folder
}

}  // namespace
}  // namespace coinsim
