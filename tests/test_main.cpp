// The main of every test program: GoogleTest, with testing::TempDir() made private to this
// process. ctest runs test cases in parallel processes, and cases that write files of the same
// name into a shared /tmp would otherwise read each other's outputs.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

int main(int argc, char** argv) {
  std::string pattern = (std::filesystem::temp_directory_path() / "coinsim-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return 1;
  ::setenv("TEST_TMPDIR", (pattern + "/").c_str(), 1);
  testing::InitGoogleTest(&argc, argv);
  const int result = RUN_ALL_TESTS();
  std::error_code ignored;
  std::filesystem::remove_all(pattern, ignored);
  return result;
}
