// Progress of long work (training epochs, stages) on stderr — only when stderr is a terminal, so
// logs, CI and piped runs stay quiet.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace coinsim {

class Progress {
 public:
  Progress();  // enabled iff stderr is a terminal
  explicit Progress(bool enabled) : enabled_(enabled) {}
  void say(const std::string& line) const;
  // A warning ("warning: ..."): printed as "coinsim: <line>" whether stderr is a terminal or not.
  void warn(const std::string& line) const;
  bool enabled() const { return enabled_; }

 private:
  bool enabled_;
};

// A bar for work counted in units (a sweep's points), redrawn in place on a terminal:
//   [=========>          ] 7/16 points  0:41 elapsed  ETA 0:52
// The ETA assumes the remaining units take as long as the finished ones did on average.
class ProgressBar {
 public:
  ProgressBar(std::size_t total, std::string unit, bool enabled);
  void update(std::size_t done);
  void finish() const;  // ends the line

  static std::string line(std::size_t done, std::size_t total, const std::string& unit,
                          double elapsed_seconds);  // the text drawn, for tests

 private:
  std::size_t total_;
  std::string unit_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace coinsim
