// The one exception type coinsim reports to the user: its message is a single line that names
// the file (and, for JSON, the path inside it) and what is wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace coinsim {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace coinsim
