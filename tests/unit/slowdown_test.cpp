// Each straggler model's per-request slowdowns have the configured mean (and, for the bimodal
// model, the configured fraction of slow requests), drawn from SimGrid's portable streams.
#include "sim/slowdown.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/random_streams.hpp"

namespace coinsim {
namespace {

struct Moments {
  double mean = 0;
  double standard_error = 0;
};

Moments sample(const StragglerSpec& spec, int n) {
  const SlowdownModel model(spec);
  RandomStream stream = random_stream(42, "slowdown-test");
  double sum = 0, sum_squares = 0;
  for (int i = 0; i < n; ++i) {
    const double x = model.draw(stream);
    EXPECT_GE(x, spec.model == StragglerLaw::exponential ? spec.shift : 1.0);
    sum += x;
    sum_squares += x * x;
  }
  const double mean = sum / n;
  return {mean, std::sqrt((sum_squares / n - mean * mean) / n)};
}

void expect_configured_mean(const StragglerSpec& spec) {
  const Moments m = sample(spec, 400000);
  const double expected = SlowdownModel(spec).mean();
  EXPECT_NEAR(m.mean, expected, 4 * m.standard_error)
      << kind_name(spec.model) << " expected " << expected;
}

TEST(Slowdown, BimodalMeanIsOnePlusPTimesExtra) {
  StragglerSpec spec;
  spec.model = StragglerLaw::bimodal;
  spec.probability = 0.05;
  spec.slowdown = 10;
  EXPECT_DOUBLE_EQ(SlowdownModel(spec).mean(), 1.45);
  expect_configured_mean(spec);
}

TEST(Slowdown, ShiftedExponentialMeanIsShiftPlusMean) {
  StragglerSpec spec;
  spec.model = StragglerLaw::exponential;
  spec.shift = 1;
  spec.mean = 0.5;
  EXPECT_DOUBLE_EQ(SlowdownModel(spec).mean(), 1.5);
  expect_configured_mean(spec);
}

TEST(Slowdown, ParetoMeanIsScaleTimesShapeOverShapeMinusOne) {
  StragglerSpec spec;
  spec.model = StragglerLaw::pareto;
  spec.shape = 3;  // finite variance, so the standard error is meaningful
  spec.scale = 1.2;
  EXPECT_DOUBLE_EQ(SlowdownModel(spec).mean(), 1.8);
  expect_configured_mean(spec);
  // The tail: P(X > x) = (scale / x)^shape.
  const SlowdownModel model(spec);
  RandomStream stream = random_stream(7, "pareto-tail");
  int above = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) above += model.draw(stream) > 2.4;
  const double p = std::pow(1.2 / 2.4, 3);
  EXPECT_NEAR(static_cast<double>(above) / n, p, 4 * std::sqrt(p * (1 - p) / n));
}

TEST(Slowdown, NoneNeverSlowsDown) {
  StragglerSpec spec;
  spec.model = StragglerLaw::none;
  const Moments m = sample(spec, 1000);
  EXPECT_EQ(m.mean, 1.0);
}

}  // namespace
}  // namespace coinsim
