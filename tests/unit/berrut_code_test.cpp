// ApproxIFER's Berrut code against closed forms: with two points Berrut's interpolant is the
// straight line through them, so for K = 2 the coded queries are linear interpolations of the two
// queries and, from any two replies of an affine model, decoding is exact; in general it
// interpolates (the value at a point is that point's), reproduces constants, and converges on a
// smooth function as the points get denser.
#include "coin/coding/berrut_code.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "common/error.hpp"

namespace coinsim {
namespace {

double row_sum(const std::vector<double>& row) {
  return std::accumulate(row.begin(), row.end(), 0.0);
}

TEST(BerrutCode, NodesAndPointsAreTheChebyshevCosines) {
  const BerrutCode code(3, 2);
  EXPECT_EQ(code.coded(), 5);
  EXPECT_DOUBLE_EQ(code.node(0), std::sqrt(3.0) / 2);  // cos(pi / 6)
  EXPECT_NEAR(code.node(1), 0.0, 1e-15);               // cos(pi / 2)
  EXPECT_DOUBLE_EQ(code.node(2), -std::sqrt(3.0) / 2);
  EXPECT_DOUBLE_EQ(code.point(0), 1.0);
  EXPECT_DOUBLE_EQ(code.point(1), std::cos(M_PI / 5));
  EXPECT_DOUBLE_EQ(code.point(4), std::cos(4 * M_PI / 5));
}

TEST(BerrutCode, TwoQueriesAreInterpolatedAlongAStraightLine) {
  // Nodes +-a, a = 1/sqrt 2: u(t) = X_0 (t + a) / 2a + X_1 (a - t) / 2a at t = 1, 1/2, -1/2.
  const BerrutCode code(2, 1);
  const double a = 1 / std::sqrt(2.0);
  for (int n = 0; n < 3; ++n) {
    const double t = code.point(n);
    EXPECT_NEAR(code.encoding()[n][0], (t + a) / (2 * a), 1e-14) << n;
    EXPECT_NEAR(code.encoding()[n][1], (a - t) / (2 * a), 1e-14) << n;
  }
  EXPECT_NEAR(code.encoding()[0][0], (1 + std::sqrt(2.0)) / 2, 1e-14);  // extrapolated: above 1
}

TEST(BerrutCode, AnyTwoRepliesOfAnAffineModelDecodeExactlyForTwoQueries) {
  // f(x) = 3x - 2 on scalar queries 5 and -1: the replies lie on a line in t, and two of them
  // give it back exactly wherever the third straggled.
  const BerrutCode code(2, 1);
  const std::vector<double> queries = {5.0, -1.0};
  std::vector<double> replies;
  for (const auto& row : code.encoding())
    replies.push_back(3 * (row[0] * queries[0] + row[1] * queries[1]) - 2);
  for (const std::vector<int>& arrived : {std::vector<int>{0, 1}, {0, 2}, {2, 1}}) {
    const auto rows = code.decoding(arrived);
    for (int j = 0; j < 2; ++j) {
      double decoded = 0;
      for (std::size_t i = 0; i < arrived.size(); ++i) decoded += rows[j][i] * replies[arrived[i]];
      EXPECT_NEAR(decoded, 3 * queries[j] - 2, 1e-12) << arrived[0] << "," << arrived[1];
    }
  }
}

TEST(BerrutCode, EveryRowReproducesConstantsAndAPointIsItsOwnValue) {
  const BerrutCode code(4, 2);
  for (const auto& row : code.encoding()) EXPECT_NEAR(row_sum(row), 1.0, 1e-12);
  // Every set of N - S = 4 replies decodes, each row an affine combination.
  for (int a = 0; a < 6; ++a)
    for (int b = a + 1; b < 6; ++b) {
      std::vector<int> arrived;
      for (int n = 0; n < 6; ++n)
        if (n != a && n != b) arrived.push_back(n);
      for (const auto& row : code.decoding(arrived)) EXPECT_NEAR(row_sum(row), 1.0, 1e-12);
    }
  const std::vector<double> xs = {0.9, 0.2, -0.4};
  EXPECT_EQ(berrut_weights(xs, 0.2), std::vector<double>({0, 1, 0}));
  // K = 2, N = 4: z_1 = cos(pi / 4) is the node of query 0, so coded query 1 is query 0 itself.
  EXPECT_EQ(BerrutCode(2, 2).encoding()[1], std::vector<double>({1, 0}));
}

TEST(BerrutCode, DecodingConvergesOnASmoothModelAsRepliesGetDenser) {
  // The replies of f(t) = exp(t) at the points, decoded at the nodes: Berrut converges as O(h)
  // for any smooth f, so 7 times more points cut the error at least 4 times (0.235 to 0.034).
  const auto worst_error = [](int queries, int stragglers) {
    const BerrutCode code(queries, stragglers);
    std::vector<int> arrived(code.coded());
    std::iota(arrived.begin(), arrived.end(), 0);
    const auto rows = code.decoding(arrived);
    double worst = 0;
    for (int j = 0; j < queries; ++j) {
      double decoded = 0;
      for (int n = 0; n < code.coded(); ++n) decoded += rows[j][n] * std::exp(code.point(n));
      worst = std::max(worst, std::abs(decoded - std::exp(code.node(j))));
    }
    return worst;
  };
  // K = 3 and N = 5 or 35: no point falls on a node.
  const double coarse = worst_error(3, 2), fine = worst_error(3, 32);
  EXPECT_GT(coarse, 0.1);
  EXPECT_LT(fine, coarse / 4);
}

TEST(BerrutCode, ImpossibleCodesAndRepliesAreRefusedByMessage) {
  const auto message = [](auto&& make) {
    try {
      make();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([] { BerrutCode(0, 1); }), "a Berrut code needs at least 1 query, got 0");
  EXPECT_EQ(message([] { BerrutCode(2, -1); }),
            "a Berrut code tolerates 0 or more stragglers, got -1");
  const BerrutCode code(2, 1);
  EXPECT_EQ(message([&] { code.decoding({0}); }), "Berrut decoding needs 2 of 3 replies, got 1");
  EXPECT_EQ(message([&] {
              code.decoding({0, 0});
            }),
            "Berrut decoding: the replies must name distinct coded queries 0 to 2");
  EXPECT_EQ(message([&] {
              code.decoding({0, 3});
            }),
            "Berrut decoding: the replies must name distinct coded queries 0 to 2");
}

}  // namespace
}  // namespace coinsim
