#include "sim/timing_warnings.hpp"

#include <algorithm>
#include <numeric>

#include "common/number_text.hpp"

namespace coinsim {
namespace {

std::string milliseconds(double seconds) {
  return number_text(1000 * seconds, "%.3g") + " ms";
}

// One warning, or none, for the duration `value_s` written at `path`.
std::string check(const Scenario& s, const std::string& path, double value_s, double fastest_s,
                  double mean_s) {
  const std::string head = s.source.string() + ": " + path + ": " + number_text(value_s) + " s ";
  if (value_s < fastest_s)
    return head + "is below the fastest service time of a request (" + milliseconds(fastest_s) +
           "): nothing can finish within it";
  if (value_s > kImplausiblyLongFactor * mean_s)
    return head + "is over " + number_text(kImplausiblyLongFactor) +
           " times the mean service time of a request (" + milliseconds(mean_s) +
           "): it will hardly ever act; durations are in seconds unless written with a unit "
           "(\"5ms\")";
  return "";
}

}  // namespace

std::vector<std::string> timing_warnings(const Scenario& s, const StrategySpec& strategy,
                                         double request_flops,
                                         const std::vector<double>& server_speeds) {
  if (server_speeds.empty() || request_flops <= 0) return {};
  std::vector<double> service_s;
  for (const double speed : server_speeds) service_s.push_back(request_flops / speed);
  const double fastest_s = *std::min_element(service_s.begin(), service_s.end());
  const double mean_s = std::accumulate(service_s.begin(), service_s.end(), 0.0) /
                        static_cast<double>(service_s.size());
  std::vector<std::string> warnings;
  if (s.serving.deadline > 0)
    warnings.push_back(check(s, "/serving/deadline", s.serving.deadline, fastest_s, mean_s));
  if (strategy.kind == StrategyKind::hedged) {
    const auto at =
        std::find_if(s.strategies.begin(), s.strategies.end(),
                     [&](const StrategySpec& spec) { return spec.name == strategy.name; });
    const auto index = std::to_string(at - s.strategies.begin());
    warnings.push_back(
        check(s, "/strategies/" + index + "/delay", strategy.delay, fastest_s, mean_s));
  }
  warnings.erase(std::remove(warnings.begin(), warnings.end(), ""), warnings.end());
  return warnings;
}

}  // namespace coinsim
