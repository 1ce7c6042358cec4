// Latency statistics of the measured (non-warm-up) queries. Quantiles use the nearest-rank
// definition: the q-quantile of n sorted values is the value at rank ceil(q * n).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

namespace coinsim {

class LatencySummary {
 public:
  void add(double latency) {
    latencies_.push_back(latency);
    sorted_ = false;
  }
  std::size_t count() const { return latencies_.size(); }
  double mean() const;
  double quantile(double q) const;  // sorts lazily
  // mean, p50, p90, p99, p99.9, max
  nlohmann::json to_json() const;

 private:
  mutable std::vector<double> latencies_;
  mutable bool sorted_ = false;
};

}  // namespace coinsim
