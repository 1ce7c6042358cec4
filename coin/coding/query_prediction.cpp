#include "coin/coding/query_prediction.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace coinsim {

int predict_query(const std::vector<Task>& tasks, const std::vector<const float*>& answers) {
  const int classes = static_cast<int>(tasks.front().label_map().size());
  int best = -1;
  double best_score = -std::numeric_limits<double>::infinity();
  for (int c = 0; c < classes; ++c) {
    double sum = 0;
    int voters = 0;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      if (answers[i] == nullptr || !tasks[i].in_domain(c)) continue;
      const double p = answers[i][tasks[i].target(c)];
      sum += std::log(std::max(p, kQueryProbabilityFloor));
      ++voters;
    }
    if (voters == 0) continue;
    const double score = sum / voters;
    if (score > best_score) {
      best_score = score;
      best = c;
    }
  }
  return best;
}

}  // namespace coinsim
