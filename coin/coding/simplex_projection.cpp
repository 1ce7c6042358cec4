#include "coin/coding/simplex_projection.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace coinsim {

std::vector<double> project_onto_simplex(const std::vector<double>& point) {
  if (point.empty()) throw std::invalid_argument("projection of an empty vector");
  std::vector<double> sorted = point;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  double prefix = 0;
  double threshold = 0;
  for (std::size_t j = 0; j < sorted.size(); ++j) {
    prefix += sorted[j];
    const double candidate = (prefix - 1) / static_cast<double>(j + 1);
    if (sorted[j] > candidate) threshold = candidate;  // support still includes entry j
  }
  std::vector<double> projected(point.size());
  for (std::size_t i = 0; i < point.size(); ++i) projected[i] = std::max(point[i] - threshold, 0.0);
  return projected;
}

}  // namespace coinsim
