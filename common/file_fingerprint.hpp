// A content fingerprint of a data file (64-bit FNV-1a of its bytes, as 16 hex digits), for cache
// keys that must change when the data does. Hashing Fashion-MNIST's 55 MB takes a fraction of a
// second, so each file's fingerprint is memoised in `memo_dir`, keyed by the file's absolute path
// and trusted only while the file's size, modification time (in nanoseconds), inode and device
// are unchanged: a warm run costs one stat per file. A file modified within the last two seconds
// is hashed but not memoised (a change within the clock's granularity would not show in its
// modification time, as git's "racy" entries).
#pragma once

#include <filesystem>
#include <string>

namespace coinsim {

// Throws Error naming the file if it is missing or unreadable. An unusable memo folder only
// costs the memo: the fingerprint is then computed every time.
std::string file_fingerprint(const std::filesystem::path& file,
                             const std::filesystem::path& memo_dir);

}  // namespace coinsim
