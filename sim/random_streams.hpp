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

// Exp(rate) from U, a draw of XbtRandom::uniform_real(0, 1), which lies in [0, 1): -log(U) / rate,
// with U = 0 (one draw in 2^32 - 1) taken as U = 1, so that U is in effect drawn from (0, 1] and
// the result is always finite. XbtRandom::exponential computes -log(U) unguarded and returns +inf
// for U = 0, which sends a simulation's clock to infinity; every exponential in sim/ comes from
// here instead. For any other U the result is bit for bit XbtRandom's.
double exponential_of_uniform(double uniform, double rate);
double exponential_draw(RandomStream& stream, double rate);

// A permutation of 0..n-1 drawn from `stream` (Fisher-Yates).
std::vector<int> random_permutation(int n, RandomStream& stream);

}  // namespace coinsim
