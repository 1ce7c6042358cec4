#include "common/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace coinsim {

Progress::Progress() : enabled_(::isatty(STDERR_FILENO) == 1) {}

void Progress::say(const std::string& line) const {
  if (enabled_) std::fprintf(stderr, "%s\n", line.c_str());
}

}  // namespace coinsim
