#include "common/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <utility>

namespace coinsim {

Progress::Progress() : enabled_(::isatty(STDERR_FILENO) == 1) {}

void Progress::warn(const std::string& line) const {
  std::fprintf(stderr, "coinsim: %s\n", line.c_str());
}

void Progress::say(const std::string& line) const {
  if (enabled_) std::fprintf(stderr, "%s\n", line.c_str());
}

namespace {

std::string clock_time(double seconds) {
  const long total = static_cast<long>(seconds + 0.5);
  char text[32];
  if (total >= 3600)
    std::snprintf(text, sizeof(text), "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  else
    std::snprintf(text, sizeof(text), "%ld:%02ld", total / 60, total % 60);
  return text;
}

}  // namespace

ProgressBar::ProgressBar(std::size_t total, std::string unit, bool enabled)
    : total_(total), unit_(std::move(unit)), enabled_(enabled) {}

std::string ProgressBar::line(std::size_t done, std::size_t total, const std::string& unit,
                              double elapsed_seconds) {
  constexpr std::size_t kWidth = 24;
  const std::size_t filled = total == 0 ? kWidth : done * kWidth / total;
  std::string bar(filled, '=');
  if (filled < kWidth) bar += '>' + std::string(kWidth - filled - 1, ' ');
  std::string text = "[" + bar + "] " + std::to_string(done) + "/" + std::to_string(total) + " " +
                     unit + "  " + clock_time(elapsed_seconds) + " elapsed";
  if (done > 0 && done < total)
    text += "  ETA " + clock_time(elapsed_seconds / done * (total - done));
  return text;
}

void ProgressBar::update(std::size_t done) {
  if (!enabled_) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "\r%s\033[K", line(done, total_, unit_, elapsed).c_str());
  std::fflush(stderr);
}

void ProgressBar::finish() const {
  if (enabled_) std::fprintf(stderr, "\n");
}

}  // namespace coinsim
