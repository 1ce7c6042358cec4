#include "sim/latency_summary.hpp"

#include <algorithm>
#include <cmath>

namespace coinsim {

namespace {
const double kGamma =
    (1 + LatencySummary::kRelativeAccuracy) / (1 - LatencySummary::kRelativeAccuracy);
const double kLogGamma = std::log(kGamma);
}  // namespace

int LatencySummary::bucket_of(double latency) const {
  return static_cast<int>(std::ceil(std::log(latency) / kLogGamma));
}

// The point of (g^(i-1), g^i] within relative accuracy a of every value in it.
double LatencySummary::value_of(int bucket) const {
  return 2 * std::pow(kGamma, bucket) / (kGamma + 1);
}

void LatencySummary::add(double latency) {
  min_ = count_ == 0 ? latency : std::min(min_, latency);
  max_ = count_ == 0 ? latency : std::max(max_, latency);
  ++count_;
  sum_ += latency;
  if (latency <= 0) {
    ++zeros_;
    return;
  }
  const int bucket = bucket_of(latency);
  if (counts_.empty()) first_bucket_ = bucket;
  if (bucket < first_bucket_) {
    counts_.insert(counts_.begin(), first_bucket_ - bucket, 0);
    first_bucket_ = bucket;
  }
  const auto index = static_cast<std::size_t>(bucket - first_bucket_);
  if (index >= counts_.size()) counts_.resize(index + 1, 0);
  ++counts_[index];
}

double LatencySummary::quantile(double q) const {
  if (count_ == 0) return 0;
  const auto rank = std::clamp<std::uint64_t>(
      static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_))), 1, count_);
  if (rank == count_) return max_;  // the extremes are known exactly
  if (rank == 1) return min_;
  if (rank <= zeros_) return 0;
  std::uint64_t seen = zeros_;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::clamp(value_of(first_bucket_ + static_cast<int>(i)), min_, max_);
  }
  return max_;
}

nlohmann::json LatencySummary::to_json() const {
  return {{"latency_mean_s", mean()},          {"latency_p50_s", quantile(0.5)},
          {"latency_p90_s", quantile(0.9)},    {"latency_p99_s", quantile(0.99)},
          {"latency_p999_s", quantile(0.999)}, {"latency_max_s", max_}};
}

}  // namespace coinsim
