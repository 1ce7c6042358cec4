// The projection onto the probability simplex against a brute-force reference: for every support
// S, the nearest point of the affine hull {x_S sums to 1, x elsewhere 0} is x_S = v_S - (sum v_S
// - 1) / |S|; the projection is the nearest of the feasible (non-negative) ones.
#include "coin/coding/simplex_projection.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace coinsim {
namespace {

std::vector<double> brute_force_projection(const std::vector<double>& v) {
  const std::size_t n = v.size();
  std::vector<double> best;
  double best_distance = std::numeric_limits<double>::infinity();
  for (unsigned mask = 1; mask < (1u << n); ++mask) {
    double sum = 0, size = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (mask & (1u << i)) sum += v[i], size += 1;
    std::vector<double> x(n, 0.0);
    bool feasible = true;
    for (std::size_t i = 0; i < n; ++i)
      if (mask & (1u << i)) {
        x[i] = v[i] - (sum - 1) / size;
        feasible = feasible && x[i] >= -1e-12;
      }
    if (!feasible) continue;
    double distance = 0;
    for (std::size_t i = 0; i < n; ++i) distance += (x[i] - v[i]) * (x[i] - v[i]);
    if (distance < best_distance) best_distance = distance, best = x;
  }
  return best;
}

TEST(SimplexProjection, MatchesBruteForceOnRandomDecodedVectors) {
  std::mt19937_64 random(2024);
  std::normal_distribution<double> noise(0.0, 0.6);
  for (int trial = 0; trial < 2000; ++trial) {
    const std::size_t n = 1 + trial % 8;
    std::vector<double> v(n);
    for (double& x : v) x = 1.0 / n + noise(random);  // like a decoded output: off the simplex
    const auto projected = project_onto_simplex(v);
    const auto expected = brute_force_projection(v);
    ASSERT_EQ(projected.size(), n);
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_NEAR(projected[i], expected[i], 1e-12) << "trial " << trial << " entry " << i;
      EXPECT_GE(projected[i], 0.0);
      sum += projected[i];
    }
    EXPECT_NEAR(sum, 1.0, 1e-12);
  }
}

TEST(SimplexProjection, LeavesProbabilityVectorsAloneAndShiftsUniformly) {
  const std::vector<double> p = {0.1, 0.6, 0.3};
  const auto same = project_onto_simplex(p);
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(same[i], p[i], 1e-15);
  // A decoded output with a negative entry: [-0.2, 0.9, 0.3] sums to 1 but is no probability;
  // on the support {1, 2} the threshold is (0.9 + 0.3 - 1) / 2 = 0.1: [0, 0.8, 0.2].
  const auto clipped = project_onto_simplex({-0.2, 0.9, 0.3});
  EXPECT_NEAR(clipped[0], 0.0, 1e-15);
  EXPECT_NEAR(clipped[1], 0.8, 1e-15);
  EXPECT_NEAR(clipped[2], 0.2, 1e-15);
  EXPECT_THROW(project_onto_simplex({}), std::invalid_argument);
}

}  // namespace
}  // namespace coinsim
