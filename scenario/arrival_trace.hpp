// An arrival trace: the times (simulated seconds) at which queries arrive, one per line of a CSV
// file, in place of Poisson arrivals. An optional first line naming the column ("arrival" or any
// other word) and `#` comment lines are skipped; times must be finite, not negative and not
// decreasing, and there must be at least one.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace coinsim {

// Throws Error("<where>: <file>:<line>: <what>") on the first bad line.
std::vector<double> read_arrival_trace(const std::filesystem::path& file, const std::string& where);

}  // namespace coinsim
