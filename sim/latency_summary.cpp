#include "sim/latency_summary.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace coinsim {

double LatencySummary::mean() const {
  if (latencies_.empty()) return 0;
  return std::accumulate(latencies_.begin(), latencies_.end(), 0.0) / latencies_.size();
}

double LatencySummary::quantile(double q) const {
  if (latencies_.empty()) return 0;
  if (!sorted_) {
    std::sort(latencies_.begin(), latencies_.end());
    sorted_ = true;
  }
  const auto rank = static_cast<std::size_t>(std::ceil(q * latencies_.size()));
  return latencies_[std::clamp<std::size_t>(rank, 1, latencies_.size()) - 1];
}

nlohmann::json LatencySummary::to_json() const {
  return {{"mean", mean()},        {"p50", quantile(0.5)},     {"p90", quantile(0.9)},
          {"p99", quantile(0.99)}, {"p99.9", quantile(0.999)}, {"max", quantile(1.0)}};
}

}  // namespace coinsim
