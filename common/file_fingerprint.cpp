#include "common/file_fingerprint.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/hash.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr long long kRacySeconds = 2;

// What must not have changed for a memoised fingerprint to stand.
Json identity_of(const fs::path& file, const struct stat& status) {
  const auto nanoseconds = [](const timespec& t) {
    return static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec;
  };
  return {{"path", file.string()},
          {"size_bytes", static_cast<long long>(status.st_size)},
          {"mtime_ns", nanoseconds(status.st_mtim)},
          // Any write or utime sets the change time, which no user can set back.
          {"ctime_ns", nanoseconds(status.st_ctim)},
          {"inode", static_cast<unsigned long long>(status.st_ino)},
          {"device", static_cast<unsigned long long>(status.st_dev)}};
}

std::string hash_contents(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(file.string() + ": cannot open file");
  Fnv1a64 hash;
  std::string buffer(1 << 16, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) throw Error(file.string() + ": cannot read file");
  return hash.hex();
}

}  // namespace

std::string file_fingerprint(const fs::path& file, const fs::path& memo_dir) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(file, ec);
  struct stat status {};
  if (::stat(absolute.c_str(), &status) != 0)
    throw Error(file.string() + ": " + std::strerror(errno));
  if (!S_ISREG(status.st_mode)) throw Error(file.string() + ": not a regular file");
  const Json identity = identity_of(absolute, status);
  const fs::path memo = memo_dir / (content_hash(absolute.string()) + ".json");
  try {
    const Json known = Json::parse(read_file(memo));
    if (known.at("identity") == identity) return known.at("fingerprint").get<std::string>();
  } catch (const std::exception&) {
    // absent or damaged: computed again below
  }
  const std::string fingerprint = hash_contents(file);
  const bool racy = std::time(nullptr) - status.st_mtim.tv_sec < kRacySeconds;
  if (!racy) {
    try {
      write_file_atomically(memo,
                            Json{{"identity", identity}, {"fingerprint", fingerprint}}.dump());
    } catch (const Error&) {
      // no memo this time; the fingerprint itself is right
    }
  }
  return fingerprint;
}

}  // namespace coinsim
