// Latency statistics of the measured (non-warm-up) queries, in memory that does not grow with the
// number of queries: count, exact mean, min and max, and quantiles from a log-bucketed histogram
// (as in DDSketch) whose buckets are (g^(i-1), g^i] with g = (1 + a) / (1 - a): every quantile is
// within a relative `kRelativeAccuracy` (a) of the exact nearest-rank quantile (the value at rank
// ceil(q n) of the n sorted latencies), and clamped to [min, max], so p100 is the max exactly.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace coinsim {

class LatencySummary {
 public:
  static constexpr double kRelativeAccuracy = 1e-4;

  void add(double latency);
  std::uint64_t count() const { return count_; }
  double mean() const { return count_ == 0 ? 0 : sum_ / count_; }
  double quantile(double q) const;
  std::size_t buckets() const { return counts_.size(); }  // memory in use, for tests
  // latency_mean_s, latency_p50_s, _p90_s, _p99_s, _p999_s (p99.9), latency_max_s
  nlohmann::json to_json() const;

 private:
  int bucket_of(double latency) const;
  double value_of(int bucket) const;

  std::uint64_t count_ = 0;
  std::uint64_t zeros_ = 0;  // latencies of exactly 0 (no bucket holds them)
  double sum_ = 0;
  double min_ = 0;
  double max_ = 0;
  int first_bucket_ = 0;               // index of counts_[0]
  std::vector<std::uint64_t> counts_;  // dense from the lowest to the highest bucket seen
};

}  // namespace coinsim
