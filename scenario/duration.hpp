// Durations as scenario files write them: a number of seconds, or a string with a unit as in
// SimGrid platform files ("5ms", "2 us", "1.5s"), so that a deadline of 5 ms need not be written
// 0.005 -- nor mistaken for 5 s.
#pragma once

#include <optional>
#include <string>

namespace coinsim {

// Seconds of "<number>[spaces]<unit>" with unit one of w d h m s ms us ns ps (SimGrid's time
// units); nullopt for anything else (no unit, an unknown one, trailing text, not finite).
std::optional<double> parse_duration_s(const std::string& text);

// The units parse_duration_s accepts, for messages.
const char* duration_units();

// Whether a scenario key holds a duration ("deadline", "delay", "mtbf", ...): its table column
// then ends in "_s". JsonReader::duration_s refuses a key missing here, so the list stays whole.
bool is_duration_key(const std::string& key);

}  // namespace coinsim
