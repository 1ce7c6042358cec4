// Every random choice of a simulation comes from its own stream (arrivals, the images queries
// carry, each server's slowdowns), seeded from the scenario seed and the stream's purpose. Streams
// are SimGrid's XbtRandom, whose distributions give the same numbers with every standard library.
// Separate streams also give common random numbers across strategies: server i draws the same
// slowdowns whichever strategy runs, so strategies are compared on the same luck.
#pragma once

#include <cstdint>
#include <string>
#include <xbt/random.hpp>

namespace coinsim {

using RandomStream = simgrid::xbt::random::XbtRandom;

RandomStream random_stream(std::uint64_t seed, const std::string& purpose);

// A permutation of 0..n-1 drawn from `stream` (Fisher-Yates).
std::vector<int> random_permutation(int n, RandomStream& stream);

}  // namespace coinsim
