#include "scenario/field_checks.hpp"

#include "common/number_text.hpp"

namespace coinsim {

int bounded(JsonReader& in, const std::string& key, long long fallback, long long low,
            long long high) {
  const long long value = in.integer(key, fallback);
  if (value < low || value > high)
    in.fail(key, "must be between " + std::to_string(low) + " and " + std::to_string(high) +
                     ", got " + std::to_string(value));
  return static_cast<int>(value);
}

void within(JsonReader& in, const std::string& key, double value, double low, double high,
            const std::string& unit) {
  if (!(value >= low && value <= high))
    in.fail(key, "must be between " + number_text(low) + " and " + number_text(high) +
                     (unit.empty() ? "" : " " + unit) + ", got " + number_text(value));
}

double positive(JsonReader& in, const std::string& key, double fallback) {
  const double value = in.number(key, fallback);
  if (!(value > 0)) in.fail(key, "must be positive, got " + number_text(value));
  return value;
}

double positive_duration_s(JsonReader& in, const std::string& key, double low_s, double high_s) {
  const double value = in.duration_s(key, 0);
  if (!(value > 0)) in.fail(key, "must be positive, got " + number_text(value));
  within(in, key, value, low_s, high_s, "s");
  return value;
}

}  // namespace coinsim
