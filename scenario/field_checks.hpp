// Checked reads of single scenario fields, on top of JsonReader: a string kind parsed into its
// enum (scenario/kinds.hpp), an integer in a range, a number or a duration within physical
// bounds. Every failure is JsonReader's one line naming the file and the JSON path. The readers of
// each part of a scenario share them.
#pragma once

#include <string>

#include "scenario/json_reader.hpp"
#include "scenario/kinds.hpp"

namespace coinsim {

// A string kind, parsed into its enum here, once; the error lists the kinds there are.
template <typename Kind>
Kind kind_of(JsonReader& in, const std::string& key, Kind fallback) {
  const std::string value = in.string(key, kind_name(fallback));
  const auto kind = parse_kind<Kind>(value);
  if (!kind)
    in.fail(key, "unknown value \"" + value + "\" (expected one of: " + kind_listing<Kind>() + ")");
  return *kind;
}

// An integer within [low, high]; the error names the range.
int bounded(JsonReader& in, const std::string& key, long long fallback, long long low,
            long long high);

// A value already read, within physical bounds [low, high] (scenarios/README.md lists them):
// beyond them SimGrid aborts, deadlocks, or computes latencies of 0 and exits 0.
void within(JsonReader& in, const std::string& key, double value, double low, double high,
            const std::string& unit);

double positive(JsonReader& in, const std::string& key, double fallback);

// A duration (seconds, or a string with a unit) that must be given, positive, within bounds.
double positive_duration_s(JsonReader& in, const std::string& key, double low_s, double high_s);

}  // namespace coinsim
