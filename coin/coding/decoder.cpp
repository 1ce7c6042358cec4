#include "coin/coding/decoder.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "coin/coding/simplex_projection.hpp"

namespace coinsim {

double Decoder::value(const float* output, int c) const {
  if (space_ != DecodingSpace::logit) return output[c];
  return std::log(std::max<double>(output[c], 1e-30));  // a log-probability
}

std::vector<std::vector<float>> Decoder::decode(const std::vector<const float*>& outputs,
                                                int num_outputs) const {
  const int k = code_.k();
  std::vector<std::vector<float>> recovered(k);
  std::vector<int> erased;
  std::vector<int> coded;
  for (int i = 0; i < k; ++i) {
    if (outputs[i] != nullptr)
      recovered[i].assign(outputs[i], outputs[i] + num_outputs);
    else
      erased.push_back(i);
  }
  for (int l = 0; l < code_.r(); ++l)
    if (outputs[k + l] != nullptr) coded.push_back(l);
  if (erased.empty() || coded.size() < erased.size()) return recovered;

  std::vector<bool> arrived(k + code_.r());
  for (std::size_t s = 0; s < arrived.size(); ++s) arrived[s] = outputs[s] != nullptr;
  if (!code_.decodable(arrived)) return recovered;

  // A = W[R,E]; B = Q_R - W[R,S] P_S.
  Eigen::MatrixXd a(coded.size(), erased.size());
  Eigen::MatrixXd b(coded.size(), num_outputs);
  for (std::size_t row = 0; row < coded.size(); ++row) {
    const int l = coded[row];
    for (std::size_t col = 0; col < erased.size(); ++col)
      a(row, col) = code_.weight(l, erased[col]);
    for (int c = 0; c < num_outputs; ++c) {
      double residual = value(outputs[k + l], c);
      for (int i = 0; i < k; ++i)
        if (outputs[i] != nullptr) residual -= code_.weight(l, i) * value(outputs[i], c);
      b(row, c) = residual;
    }
  }
  const Eigen::MatrixXd solution = a.colPivHouseholderQr().solve(b);
  for (std::size_t col = 0; col < erased.size(); ++col) {
    auto& scores = recovered[erased[col]];
    scores.resize(num_outputs);
    if (space_ == DecodingSpace::probability) {
      for (int c = 0; c < num_outputs; ++c) scores[c] = static_cast<float>(solution(col, c));
      continue;
    }
    if (space_ == DecodingSpace::simplex) {
      const Eigen::VectorXd row = solution.row(col).transpose();
      const std::vector<double> projected =
          project_onto_simplex(std::vector<double>(row.data(), row.data() + row.size()));
      for (int c = 0; c < num_outputs; ++c) scores[c] = static_cast<float>(projected[c]);
      continue;
    }
    const double top = solution.row(col).maxCoeff();  // softmax, stably
    double total = 0;
    for (int c = 0; c < num_outputs; ++c) total += std::exp(solution(col, c) - top);
    for (int c = 0; c < num_outputs; ++c)
      scores[c] = static_cast<float>(std::exp(solution(col, c) - top) / total);
  }
  return recovered;
}

}  // namespace coinsim
