#include "common/csv_stream.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/error.hpp"

namespace coinsim {

CsvStream::CsvStream(std::filesystem::path path, const std::string& header)
    : path_(std::move(path)), temporary_(path_.string() + ".tmp." + std::to_string(::getpid())) {
  std::error_code ec;
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  if (ec) throw Error(path_.parent_path().string() + ": cannot create directory: " + ec.message());
  file_.reset(std::fopen(temporary_.c_str(), "w"));
  if (!file_) throw Error(path_.string() + ": cannot write: " + std::strerror(errno));
  std::fputs((header + "\n").c_str(), file_.get());
}

CsvStream::~CsvStream() {
  if (!file_) return;
  file_.reset();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void CsvStream::commit() {
  const bool ok = std::ferror(file_.get()) == 0 && std::fflush(file_.get()) == 0 &&
                  ::fsync(::fileno(file_.get())) == 0;
  const int saved_errno = errno;
  const bool closed = std::fclose(file_.release()) == 0;
  if (!ok || !closed) {
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
    throw Error(path_.string() + ": cannot write: " + std::strerror(ok ? errno : saved_errno));
  }
  std::error_code ec;
  std::filesystem::rename(temporary_, path_, ec);
  if (ec) throw Error(path_.string() + ": cannot write: " + ec.message());
}

}  // namespace coinsim
