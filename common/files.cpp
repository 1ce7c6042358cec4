#include "common/files.hpp"

#include <unistd.h>

#include <boost/crc.hpp>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/error.hpp"

namespace coinsim {
namespace fs = std::filesystem;

void write_file_atomically(const fs::path& path, const std::string& content) {
  if (path.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) throw Error(path.parent_path().string() + ": cannot create directory: " + ec.message());
  }
  const fs::path temporary = path.string() + ".tmp." + std::to_string(::getpid());
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) throw Error(path.string() + ": cannot write: " + std::strerror(errno));
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) {
    const std::string reason = std::strerror(errno);
    fs::remove(temporary);
    throw Error(path.string() + ": cannot write: " + reason);
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) {
    fs::remove(temporary);
    throw Error(path.string() + ": cannot write: " + ec.message());
  }
}

void require_writable_directory(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(dir.string() + ": cannot create directory: " + ec.message());
  const fs::path probe = dir / (".coinsim-write-test." + std::to_string(::getpid()));
  std::FILE* file = std::fopen(probe.c_str(), "wb");
  if (file == nullptr) throw Error(dir.string() + ": cannot write here: " + std::strerror(errno));
  std::fclose(file);
  fs::remove(probe, ec);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string() + ": cannot open file");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw Error(path.string() + ": cannot read file");
  return content.str();
}

namespace {
constexpr char kBlobMagic[8] = {'C', 'O', 'I', 'N', 'B', 'L', 'B', '1'};
constexpr std::size_t kHeaderSize =
    sizeof(kBlobMagic) + sizeof(std::uint64_t) + sizeof(std::uint32_t);

std::uint32_t crc32_of(const char* data, std::size_t size) {
  boost::crc_32_type crc;
  crc.process_bytes(data, size);
  return crc.checksum();
}
}  // namespace

void write_checked_blob(const fs::path& path, const std::string& payload) {
  const std::uint64_t size = payload.size();
  const std::uint32_t crc = crc32_of(payload.data(), payload.size());
  std::string blob(kHeaderSize, '\0');
  std::memcpy(blob.data(), kBlobMagic, sizeof(kBlobMagic));
  std::memcpy(blob.data() + sizeof(kBlobMagic), &size, sizeof(size));
  std::memcpy(blob.data() + sizeof(kBlobMagic) + sizeof(size), &crc, sizeof(crc));
  blob += payload;
  write_file_atomically(path, blob);
}

std::optional<std::string> read_checked_blob(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::string blob;
  try {
    blob = read_file(path);
  } catch (const Error&) {
    return std::nullopt;
  }
  if (blob.size() < kHeaderSize || std::memcmp(blob.data(), kBlobMagic, sizeof(kBlobMagic)) != 0)
    return std::nullopt;
  std::uint64_t size = 0;
  std::uint32_t crc = 0;
  std::memcpy(&size, blob.data() + sizeof(kBlobMagic), sizeof(size));
  std::memcpy(&crc, blob.data() + sizeof(kBlobMagic) + sizeof(size), sizeof(crc));
  if (blob.size() - kHeaderSize != size) return std::nullopt;
  if (crc32_of(blob.data() + kHeaderSize, size) != crc) return std::nullopt;
  return blob.substr(kHeaderSize);
}

}  // namespace coinsim
