// Numbers in messages, printf-style: number_text(1e-300) is "1e-300", number_text(x, "%.2g") two
// significant digits. One place, so every error and note writes its numbers alike.
#pragma once

#include <string>

namespace coinsim {

std::string number_text(double value, const char* format = "%g");

}  // namespace coinsim
