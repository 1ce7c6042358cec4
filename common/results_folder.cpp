#include "common/results_folder.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMarker = ".coinsim";

// Folders of the system itself: never a results folder, nor anything inside the virtual ones.
bool system_folder(const fs::path& canonical) {
  static const std::array<const char*, 16> kTopLevel = {
      "/",      "/bin",  "/boot", "/dev", "/etc",  "/home", "/lib", "/lib32",
      "/lib64", "/proc", "/root", "/run", "/sbin", "/sys",  "/usr", "/var"};
  for (const char* folder : kTopLevel)
    if (canonical == folder) return true;
  for (const char* virtual_root : {"/proc", "/sys", "/dev"}) {
    const std::string root = std::string(virtual_root) + "/";
    if (canonical.string().rfind(root, 0) == 0) return true;
  }
  return false;
}

// Files coinsim writes into a run's, a sweep's or a point's folder: a folder holding one of them
// (or a point folder) is coinsim's, from before markers existed.
bool written_by_coinsim(const fs::path& dir) {
  std::error_code ec;
  for (const char* name :
       {"scenario.json", "summary.json", "summary.csv", "coin.json", "accuracy.csv", "point.json"})
    if (fs::exists(dir / name, ec)) return true;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_directory(ec) && fs::exists(entry.path() / "point.json", ec)) return true;
  return false;
}

bool process_alive(long pid) {
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH);
}

// The pid at the end of "<name>.tmp.<pid>" or ".coinsim-write-test.<pid>", or 0.
long temporary_owner(const std::string& name) {
  for (const std::string marker : {".tmp.", ".coinsim-write-test."}) {
    const auto at = name.rfind(marker);
    if (at == std::string::npos) continue;
    const std::string digits = name.substr(at + marker.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
        digits.size() > 9)
      continue;
    return std::stol(digits);
  }
  return 0;
}

std::string holder_of(int fd) {
  char text[512] = {};
  const ssize_t n = ::pread(fd, text, sizeof(text) - 1, 0);
  std::string holder = n > 0 ? std::string(text, static_cast<std::size_t>(n)) : "";
  while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
  return holder.empty() ? "another process" : holder;
}

}  // namespace

void check_results_folder(const fs::path& dir, const std::string& where) {
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  if (system_folder(canonical))
    throw Error(where + ": " + dir.string() +
                " is a system folder; results go in a folder of "
                "their own (e.g. results/<name>)");
  if (!fs::exists(dir, ec)) return;
  if (!fs::is_directory(dir, ec)) throw Error(where + ": " + dir.string() + " is not a folder");
  if (fs::exists(dir / kMarker, ec) || fs::is_empty(dir, ec) || written_by_coinsim(dir)) return;
  throw Error(where + ": " + dir.string() +
              " already holds files that coinsim did not write; choose an empty or new folder");
}

void remove_stale_temporaries(const fs::path& dir, int depth) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_directory(ec)) {
      if (depth > 0) remove_stale_temporaries(entry.path(), depth - 1);
      continue;
    }
    const long owner = temporary_owner(entry.path().filename().string());
    if (owner != 0 && !process_alive(owner)) fs::remove(entry.path(), ec);
  }
}

ResultsFolder ResultsFolder::claim(const fs::path& dir, const std::string& where,
                                   const std::string& holder, Sharing sharing) {
  check_results_folder(dir, where);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(where + ": " + dir.string() + ": cannot create folder: " + ec.message());
  const fs::path marker = dir / kMarker;
  const int fd = ::open(marker.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    throw Error(where + ": " + dir.string() + ": cannot write here: " + std::strerror(errno));
  if (::flock(fd, (sharing == Sharing::exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
    const std::string other = holder_of(fd);
    ::close(fd);
    throw Error(where + ": " + dir.string() + " is in use by " + other +
                "; wait for it to finish or choose another folder");
  }
  const std::string text = "pid " + std::to_string(::getpid()) + " (" + holder + ")\n";
  const bool written = ::ftruncate(fd, 0) == 0 && ::pwrite(fd, text.data(), text.size(), 0) ==
                                                      static_cast<ssize_t>(text.size());
  if (!written) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    throw Error(where + ": " + dir.string() + ": cannot write here: " + reason);
  }
  if (sharing == Sharing::exclusive)
    remove_stale_temporaries(dir, 1);  // a sweep's point folders are one level down
  return ResultsFolder(dir, fd);
}

ResultsFolder::ResultsFolder(ResultsFolder&& other) noexcept
    : dir_(std::move(other.dir_)), lock_fd_(other.lock_fd_) {
  other.lock_fd_ = -1;
}

ResultsFolder& ResultsFolder::operator=(ResultsFolder&& other) noexcept {
  if (this != &other) {
    if (lock_fd_ >= 0) ::close(lock_fd_);
    dir_ = std::move(other.dir_);
    lock_fd_ = other.lock_fd_;
    other.lock_fd_ = -1;
  }
  return *this;
}

ResultsFolder::~ResultsFolder() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // closing the descriptor releases the flock
}

}  // namespace coinsim
