#include "common/number_text.hpp"

#include <cstdio>

namespace coinsim {

std::string number_text(double value, const char* format) {
  char text[64];
  std::snprintf(text, sizeof(text), format, value);
  return text;
}

}  // namespace coinsim
