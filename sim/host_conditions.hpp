// How server hosts change over a run, as SimGrid profiles attached before it starts:
//   episodes   a Markov on/off process per server: normal for Exp(mean_between) s, then at
//              `speed` x peak for Exp(mean_duration) s, and so on (speed profile);
//   traces     a speed profile read from a file in SimGrid's format for the hosts named;
//   failures   up for Exp(mtbf) s, down for Exp(mttr) s (state profile).
// Generated profiles cover `horizon` simulated seconds; after it, hosts stay at full speed and up.
// Every profile is drawn from its own stream of the scenario seed.
#pragma once

#include <filesystem>
#include <string>

#include "scenario/scenario.hpp"
#include "sim/platform.hpp"
#include "sim/random_streams.hpp"

namespace coinsim {

// Simulated seconds the generated profiles cover: the arrivals, as long again and 10 s to drain.
double profile_horizon(const Scenario& scenario);

void apply_host_conditions(const Scenario& scenario, const ServingHosts& hosts, double horizon);

// "date value" lines alternating `on` for Exp(mean_on) s and `off` for Exp(mean_off) s, from 0
// until `horizon`, ending with `on`.
std::string on_off_profile(RandomStream& stream, double mean_on, double mean_off, double on,
                           double off, double horizon);

// The text of a speed trace, checked line by line (dates increasing and not negative, speeds in
// (0, 1], or a PERIODICITY / LOOPAFTER line); throws Error naming `where` and the file's line.
std::string read_speed_trace(const std::filesystem::path& file, const std::string& where);

}  // namespace coinsim
