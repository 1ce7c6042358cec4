// The latency summary against exact nearest-rank quantiles of the same samples: every quantile
// within the promised relative accuracy, mean and max exact, memory bounded by the range of
// values, not their number.
#include "sim/latency_summary.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace coinsim {
namespace {

double exact_quantile(std::vector<double> sorted, double q) {
  const auto rank = static_cast<std::size_t>(std::ceil(q * sorted.size()));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

TEST(LatencySummary, QuantilesAreWithinTheRelativeAccuracyOfNearestRank) {
  std::mt19937_64 engine(7);
  std::lognormal_distribution<double> latency(std::log(1e-3), 1.5);  // spans ~4 decades
  std::vector<double> values(200001);
  LatencySummary summary;
  for (double& v : values) summary.add(v = latency(engine));
  std::sort(values.begin(), values.end());
  for (const double q : {0.0, 0.001, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, 1.0}) {
    const double exact = exact_quantile(values, q);
    EXPECT_NEAR(summary.quantile(q), exact, LatencySummary::kRelativeAccuracy * exact) << q;
  }
  EXPECT_EQ(summary.quantile(1.0), values.back());
  // Seconds, under names that say so; p99.9 without its dot.
  const nlohmann::json json = summary.to_json();
  EXPECT_EQ(json["latency_max_s"].get<double>(), values.back());
  EXPECT_EQ(json["latency_p999_s"].get<double>(), summary.quantile(0.999));
  EXPECT_EQ(json["latency_p50_s"].get<double>(), summary.quantile(0.5));
  EXPECT_EQ(json["latency_mean_s"].get<double>(), summary.mean());
  EXPECT_EQ(json.size(), 6u);
  EXPECT_NEAR(summary.mean(), std::accumulate(values.begin(), values.end(), 0.0) / values.size(),
              1e-12);
  EXPECT_EQ(summary.count(), values.size());
}

TEST(LatencySummary, MemoryDependsOnTheRangeNotTheCount) {
  LatencySummary few, many;
  std::mt19937_64 engine(3);
  std::uniform_real_distribution<double> latency(1e-3, 1e-1);  // two decades
  for (int i = 0; i < 1000; ++i) few.add(latency(engine));
  for (int i = 0; i < 1000000; ++i) many.add(latency(engine));
  // Two decades at relative accuracy 1e-4: ln(100) / ln(g) ~ 23,000 buckets at most.
  EXPECT_LE(many.buckets(), 23100u);
  EXPECT_LE(few.buckets(), many.buckets());
}

TEST(LatencySummary, EqualValuesAndZerosAreExact) {
  LatencySummary same;
  for (int i = 0; i < 10; ++i) same.add(0.00123);
  EXPECT_EQ(same.quantile(0.5), 0.00123);  // clamped to [min, max]
  LatencySummary zeros;
  zeros.add(0);
  zeros.add(0);
  zeros.add(2.0);
  EXPECT_EQ(zeros.quantile(0.5), 0.0);
  EXPECT_EQ(zeros.quantile(0.9), 2.0);
  EXPECT_EQ(LatencySummary().quantile(0.5), 0.0);
}

}  // namespace
}  // namespace coinsim
