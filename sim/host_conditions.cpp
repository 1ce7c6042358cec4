#include "sim/host_conditions.hpp"

#include <cmath>
#include <simgrid/kernel/ProfileBuilder.hpp>
#include <sstream>

#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace sg4 = simgrid::s4u;
using simgrid::kernel::profile::ProfileBuilder;

double profile_horizon(const Scenario& s) {
  return 2 * s.load.queries / s.load.rate + 10;
}

std::string on_off_profile(RandomStream& stream, double mean_on, double mean_off, double on,
                           double off, double horizon) {
  std::ostringstream text;
  text.precision(12);
  double date = 0;
  text << "0 " << on << "\n";
  while (true) {
    date += exponential_draw(stream, 1 / mean_on);
    if (date >= horizon) break;
    text << date << " " << off << "\n";
    date += exponential_draw(stream, 1 / mean_off);
    text << date << " " << on << "\n";
  }
  return text.str();
}

std::string read_speed_trace(const std::filesystem::path& file, const std::string& where) {
  std::string text = read_file(file);
  std::istringstream lines(text);
  std::string line;
  double previous = -1;
  for (int number = 1; std::getline(lines, line); ++number) {
    const auto fail = [&](const std::string& what) {
      throw Error(where + ": " + file.string() + ":" + std::to_string(number) + ": " + what);
    };
    std::istringstream fields(line);
    std::string first;
    if (!(fields >> first) || first[0] == '#') continue;
    double value = 0;
    if (first == "PERIODICITY" || first == "LOOPAFTER") {
      if (!(fields >> value) || value <= 0) fail(first + " needs a positive number of seconds");
      continue;
    }
    double date = 0;
    std::istringstream date_field(first);
    if (!(date_field >> date) || !date_field.eof() || !(fields >> value))
      fail("expected \"date speed\", got \"" + line + "\"");
    std::string rest;
    if (fields >> rest) fail("unexpected \"" + rest + "\" after the speed");
    if (!std::isfinite(date) || date < 0) fail("dates must not be negative");
    if (date <= previous) fail("dates must increase");
    if (!(value > 0 && value <= 1)) fail("speeds are fractions of peak speed in (0, 1]");
    previous = date;
  }
  if (previous < 0) throw Error(where + ": " + file.string() + ": no \"date speed\" line");
  return text;
}

void apply_host_conditions(const Scenario& s, const ServingHosts& hosts, double horizon) {
  const HostConditionsSpec& spec = s.hosts;
  for (sg4::Host* host : hosts.pool) {
    const std::string name = host->get_name();
    if (spec.episodes && spec.speed_traces.count(name) == 0) {
      auto stream = random_stream(s.seed, "episodes/" + name);
      const std::string text = on_off_profile(stream, spec.episode_between, spec.episode_duration,
                                              1.0, spec.episode_speed, horizon);
      host->set_speed_profile(ProfileBuilder::from_string("episodes/" + name, text, -1));
    }
    if (spec.failures) {
      auto stream = random_stream(s.seed, "failures/" + name);
      const std::string text = on_off_profile(stream, spec.mtbf, spec.mttr, 1, 0, horizon);
      host->set_state_profile(ProfileBuilder::from_string("failures/" + name, text, -1));
    }
  }
  for (const auto& [name, file] : spec.speed_traces) {
    const std::string where = s.source.string() + ": /hosts/speed_traces/" + name;
    sg4::Host* host = sg4::Host::by_name_or_null(name);
    if (host == nullptr || host == hosts.frontend)
      throw Error(where + ": no server host \"" + name + "\" in " + s.platform.file.string());
    host->set_speed_profile(
        ProfileBuilder::from_string("trace/" + name, read_speed_trace(file, where), -1));
  }
}

}  // namespace coinsim
