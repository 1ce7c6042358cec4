// Every exponential in sim/ is finite. XbtRandom's uniform_real draws U from [0, 1) and its
// exponential computes -log(U): about one draw in 2^32 is U = 0 and gives +inf, which sent a
// simulation's clock to infinity (seed 3986: server slot 1's 21,651st slowdown). exponential_draw
// takes U = 0 as U = 1, and is otherwise bit for bit XbtRandom's exponential.
#include "sim/random_streams.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "../integration/synthetic_table.hpp"
#include "../integration/test_scenario.hpp"
#include "sim/simulation.hpp"

namespace coinsim {
namespace {

constexpr std::uint64_t kZeroSeed = 3986;
const char* const kZeroStream = "slowdown/1";
constexpr int kDrawsBeforeZero = 21650;

TEST(RandomStreams, ExponentialOfUniformIsFiniteAtBothEndsOfU) {
  EXPECT_EQ(exponential_of_uniform(0.0, 1.0), 0.0);  // U = 0 stands for U = 1
  EXPECT_EQ(exponential_of_uniform(1.0, 1.0), 0.0);
  const double smallest = std::numeric_limits<double>::denorm_min();
  EXPECT_NEAR(exponential_of_uniform(smallest, 2.0), 744.44007192138126 / 2, 1e-9);
  const double below_one = std::nextafter(1.0, 0.0);
  EXPECT_NEAR(exponential_of_uniform(below_one, 1.0), 1.1102230246251565e-16, 1e-30);
  // XbtRandom's smallest positive U, 1 / (2^32 - 1): -log of it is 32 log 2.
  EXPECT_NEAR(exponential_of_uniform(1.0 / 4294967295.0, 1.0), 32 * std::log(2.0), 1e-9);
}

TEST(RandomStreams, SeedOfTheRegressionDrawsAZeroUniform) {
  // The premise of the next test: this stream really draws U = 0.
  RandomStream stream = random_stream(kZeroSeed, kZeroStream);
  for (int i = 0; i < kDrawsBeforeZero; ++i) ASSERT_GT(stream.uniform_real(0.0, 1.0), 0.0);
  EXPECT_EQ(stream.uniform_real(0.0, 1.0), 0.0);
}

TEST(RandomStreams, ExponentialDrawIsXbtRandomsExceptForUZero) {
  RandomStream ours = random_stream(kZeroSeed, kZeroStream);
  RandomStream theirs = random_stream(kZeroSeed, kZeroStream);
  for (int i = 0; i < kDrawsBeforeZero; ++i)
    ASSERT_EQ(exponential_draw(ours, 3.0), theirs.exponential(3.0)) << "draw " << i;
  EXPECT_TRUE(std::isinf(theirs.exponential(3.0)));
  EXPECT_EQ(exponential_draw(ours, 3.0), 0.0);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(exponential_draw(ours, 3.0), theirs.exponential(3.0));
}

TEST(RandomStreams, SimulationWhoseSlowdownStreamDrawsUZeroEnds) {
  // k = 2, exponential service, 30,000 queries: server slot 1 draws U = 0 at its 21,651st request.
  Scenario s = test_scenario("finite_draws", "none");
  s.seed = kZeroSeed;
  s.stragglers.model = StragglerLaw::exponential;
  s.stragglers.shift = 0;
  s.stragglers.mean = 1;
  s.load.queries = 30000;
  s.load.rate = 200;
  const OutputTable table = synthetic_table(Code::vandermonde(2, 1), {"coin"}, 1000, 1e6);
  const auto summary =
      run_simulation(s, table, "none", testing::TempDir() + "finite_draws_queries.csv");
  EXPECT_EQ(summary["queries_measured"], 30000);
  EXPECT_TRUE(std::isfinite(summary["latency_max_s"].get<double>()));
  EXPECT_LT(summary["simulated_s"].get<double>(), 30000 / 200.0 + 10);
}

}  // namespace
}  // namespace coinsim
