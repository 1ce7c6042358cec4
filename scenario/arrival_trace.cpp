#include "scenario/arrival_trace.hpp"

#include <cmath>
#include <sstream>

#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {

std::vector<double> read_arrival_trace(const std::filesystem::path& file,
                                       const std::string& where) {
  std::istringstream lines(read_file(file));
  std::vector<double> arrivals;
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const auto fail = [&](const std::string& what) {
      throw Error(where + ": " + file.string() + ":" + std::to_string(number) + ": " + what);
    };
    std::istringstream fields(line);
    std::string text;
    if (!(fields >> text) || text[0] == '#') continue;
    if (number == 1 && std::isalpha(static_cast<unsigned char>(text[0]))) continue;  // header
    std::istringstream number_field(text);
    double time = 0;
    std::string rest;
    if (!(number_field >> time) || !number_field.eof() || (fields >> rest))
      fail("expected one arrival time in seconds, got \"" + line + "\"");
    if (!std::isfinite(time) || time < 0) fail("arrival times must be finite and not negative");
    if (!arrivals.empty() && time < arrivals.back()) fail("arrival times must not decrease");
    arrivals.push_back(time);
  }
  if (arrivals.empty()) throw Error(where + ": " + file.string() + ": no arrival times");
  return arrivals;
}

}  // namespace coinsim
