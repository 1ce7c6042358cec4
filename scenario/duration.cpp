#include "scenario/duration.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace coinsim {

namespace {

constexpr std::array<std::pair<const char*, double>, 9> kUnits = {{{"w", 7 * 86400.0},
                                                                   {"d", 86400.0},
                                                                   {"h", 3600.0},
                                                                   {"m", 60.0},
                                                                   {"s", 1.0},
                                                                   {"ms", 1e-3},
                                                                   {"us", 1e-6},
                                                                   {"ns", 1e-9},
                                                                   {"ps", 1e-12}}};

}  // namespace

std::optional<double> parse_duration_s(const std::string& text) {
  const char* start = text.c_str();
  char* end = nullptr;
  const double value = std::strtod(start, &end);
  if (end == start || std::isspace(static_cast<unsigned char>(*start))) return std::nullopt;
  while (*end == ' ') ++end;
  const std::string unit(end);
  for (const auto& [name, seconds] : kUnits)
    if (unit == name && std::isfinite(value * seconds)) return value * seconds;
  return std::nullopt;
}

const char* duration_units() {
  return "w d h m s ms us ns ps";
}

bool is_duration_key(const std::string& key) {
  for (const char* name : {"deadline", "delay", "mean_between", "mean_duration", "mtbf", "mttr"})
    if (key == name) return true;
  return false;
}

}  // namespace coinsim
