// The one exception type coinsim reports to the user: its message is a single line that names
// the file (and, for JSON, the path inside it) and what is wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace coinsim {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(one_line(message)) {}

  // Control characters (a newline inside a value the user wrote, echoed back) are escaped, so a
  // message stays one line whatever it quotes. Found by fuzzing.
  static std::string one_line(const std::string& text) {
    std::string line;
    for (const char c : text) {
      if (c == '\n')
        line += "\\n";
      else if (c == '\r')
        line += "\\r";
      else if (c == '\t')
        line += "\\t";
      else if (static_cast<unsigned char>(c) < 0x20)
        line += "\\x" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15];
      else
        line += c;
    }
    return line;
  }
};

// A command line that cannot be run: reported as its reason on one line, then the usage; exit 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

// Bad input that a child process (a plotting script) has already reported in one line of its
// own: the command exits 1 and adds nothing.
class ReportedError : public std::runtime_error {
 public:
  ReportedError() : std::runtime_error("reported by a child process") {}
};

}  // namespace coinsim
