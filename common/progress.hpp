// Progress of long work (training epochs, stages) on stderr — only when stderr is a terminal, so
// logs, CI and piped runs stay quiet.
#pragma once

#include <string>

namespace coinsim {

class Progress {
 public:
  Progress();  // enabled iff stderr is a terminal
  explicit Progress(bool enabled) : enabled_(enabled) {}
  void say(const std::string& line) const;
  bool enabled() const { return enabled_; }

 private:
  bool enabled_;
};

}  // namespace coinsim
