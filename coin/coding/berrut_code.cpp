#include "coin/coding/berrut_code.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <string>

#include "common/error.hpp"

namespace coinsim {

std::vector<double> berrut_weights(const std::vector<double>& xs, double t) {
  std::vector<double> weights(xs.size(), 0.0);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (t == xs[i]) {  // at a point the interpolant is its value
      std::vector<double> indicator(xs.size(), 0.0);
      indicator[i] = 1;
      return indicator;
    }
    weights[i] = (i % 2 == 0 ? 1.0 : -1.0) / (t - xs[i]);
  }
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  for (double& w : weights) w /= sum;
  return weights;
}

BerrutCode::BerrutCode(int queries, int stragglers) : queries_(queries), stragglers_(stragglers) {
  if (queries < 1)
    throw Error("a Berrut code needs at least 1 query, got " + std::to_string(queries));
  if (stragglers < 0)
    throw Error("a Berrut code tolerates 0 or more stragglers, got " + std::to_string(stragglers));
  std::vector<double> nodes(queries_);
  for (int j = 0; j < queries_; ++j) nodes[j] = node(j);
  for (int n = 0; n < coded(); ++n) encoding_.push_back(berrut_weights(nodes, point(n)));
}

double BerrutCode::node(int query) const {
  return std::cos((2 * query + 1) * M_PI / (2 * queries_));
}

double BerrutCode::point(int coded_query) const {
  return std::cos(coded_query * M_PI / coded());
}

std::vector<std::vector<double>> BerrutCode::decoding(const std::vector<int>& arrived) const {
  const std::set<int> distinct(arrived.begin(), arrived.end());
  if (distinct.size() != arrived.size() ||
      (!arrived.empty() && (*distinct.begin() < 0 || *distinct.rbegin() >= coded())))
    throw Error("Berrut decoding: the replies must name distinct coded queries 0 to " +
                std::to_string(coded() - 1));
  if (static_cast<int>(arrived.size()) < coded() - stragglers_)
    throw Error("Berrut decoding needs " + std::to_string(coded() - stragglers_) + " of " +
                std::to_string(coded()) + " replies, got " + std::to_string(arrived.size()));
  // The points z_n decrease with n: interpolate through the replies in that order.
  std::vector<int> order(arrived.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return arrived[a] < arrived[b]; });
  std::vector<double> points;
  for (const int i : order) points.push_back(point(arrived[i]));
  std::vector<std::vector<double>> rows;
  for (int j = 0; j < queries_; ++j) {
    const std::vector<double> sorted = berrut_weights(points, node(j));
    std::vector<double> row(arrived.size());
    for (std::size_t s = 0; s < order.size(); ++s) row[order[s]] = sorted[s];
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace coinsim
