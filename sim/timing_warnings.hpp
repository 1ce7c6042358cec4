// A deadline or hedge delay that cannot be what the user meant: shorter than the fastest service
// time of a request (every query misses the deadline; every request is hedged) or longer than
// 1,000 times the mean one (it never acts) -- most often a unit slip: "deadline": 5 is 5 s, not
// 5 ms. The simulation still runs; the warnings go into the strategy's summary, and the command
// prints them once.
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace coinsim {

constexpr double kImplausiblyLongFactor = 1000;

// `server_speeds`: flop/s of one core of each server slot the strategy uses, before stragglers.
std::vector<std::string> timing_warnings(const Scenario& scenario, const StrategySpec& strategy,
                                         double request_flops,
                                         const std::vector<double>& server_speeds);

}  // namespace coinsim
