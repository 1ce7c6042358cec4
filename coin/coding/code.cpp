#include "coin/coding/code.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <cstdio>

#include "common/error.hpp"
#include "common/number_text.hpp"

namespace coinsim {
namespace {

// Rank of W restricted to the given rows and columns, with a relative tolerance.
int submatrix_rank(const std::vector<std::vector<double>>& w, const std::vector<int>& rows,
                   const std::vector<int>& cols) {
  Eigen::MatrixXd sub(rows.size(), cols.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < cols.size(); ++j) sub(i, j) = w[rows[i]][cols[j]];
  Eigen::FullPivLU<Eigen::MatrixXd> lu(sub);
  lu.setThreshold(1e-10);
  return static_cast<int>(lu.rank());
}

std::vector<int> all_rows(int r) {
  std::vector<int> rows(r);
  for (int i = 0; i < r; ++i) rows[i] = i;
  return rows;
}

}  // namespace

Code::Code(std::vector<std::vector<double>> rows) : rows_(std::move(rows)) {
  if (rows_.empty()) throw Error("code: needs at least one coded row");
  k_ = static_cast<int>(rows_.front().size());
  for (const auto& row : rows_)
    if (static_cast<int>(row.size()) != k_) throw Error("code: every row needs k weights");
  for (const auto& erased : erasure_patterns(k_, r()))
    if (submatrix_rank(rows_, all_rows(r()), erased) < static_cast<int>(erased.size()))
      throw Error("code: erasure pattern " + pattern_name(erased) +
                  " is not decodable with these weights");
}

Code Code::vandermonde(int k, int r) {
  std::vector<std::vector<double>> rows(r, std::vector<double>(k));
  for (int l = 0; l < r; ++l) {
    double sum = 0;
    for (int i = 0; i < k; ++i) sum += rows[l][i] = std::pow(static_cast<double>(i + 1), l);
    for (double& w : rows[l]) w /= sum;
  }
  return Code(std::move(rows));
}

bool Code::decodable(const std::vector<bool>& arrived) const {
  std::vector<int> erased;
  std::vector<int> coded;
  for (int i = 0; i < k_; ++i)
    if (!arrived[i]) erased.push_back(i);
  for (int l = 0; l < r(); ++l)
    if (arrived[k_ + l]) coded.push_back(l);
  if (erased.empty()) return true;
  if (coded.size() < erased.size()) return false;
  return submatrix_rank(rows_, coded, erased) == static_cast<int>(erased.size());
}

Code::Amplification Code::amplification() const {
  Amplification result;
  for (const auto& erased : erasure_patterns(k_, r()))
    for (const auto& rows : erasure_patterns(r(), r())) {  // every non-empty set of coded rows
      if (rows.size() < erased.size()) continue;
      Eigen::MatrixXd sub(rows.size(), erased.size());
      for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t j = 0; j < erased.size(); ++j) sub(i, j) = rows_[rows[i]][erased[j]];
      const Eigen::VectorXd singular = Eigen::JacobiSVD<Eigen::MatrixXd>(sub).singularValues();
      const double smallest = singular(singular.size() - 1);
      if (!(smallest > 1e-10 * singular(0))) continue;  // not decodable from these rows
      if (1 / smallest > result.factor) {
        result.factor = 1 / smallest;
        result.worst = "erasure " + pattern_name(erased) + " from coded row" +
                       (rows.size() > 1 ? "s " : " ") + pattern_name(rows);
      }
    }
  return result;
}

std::vector<std::vector<int>> erasure_patterns(int k, int max_size) {
  std::vector<std::vector<int>> patterns;
  for (int size = 1; size <= max_size; ++size) {
    std::vector<bool> chosen(k, false);
    std::fill(chosen.begin(), chosen.begin() + size, true);
    do {  // prev_permutation over a sorted-descending mask walks subsets in lexicographic order
      std::vector<int> subset;
      for (int i = 0; i < k; ++i)
        if (chosen[i]) subset.push_back(i);
      patterns.push_back(subset);
    } while (std::prev_permutation(chosen.begin(), chosen.end()));
  }
  return patterns;
}

std::string pattern_name(const std::vector<int>& erased) {
  std::string name;
  for (const int i : erased) name += (name.empty() ? "" : "+") + std::to_string(i);
  return "{" + name + "}";
}

}  // namespace coinsim

#include "scenario/scenario.hpp"

namespace coinsim {

namespace {

// Where to point the user: the weights they gave, or r for the default code.
std::string code_path(const Scenario& scenario) {
  return scenario.source.string() +
         (scenario.coding.weights.empty() ? ": /coding/r" : ": /coding/weights");
}

std::string amplification_text(const Scenario& scenario, const Code::Amplification& a) {
  return "decoding magnifies errors of the coded outputs up to " + number_text(a.factor, "%.3g") +
         " times (" + a.worst +
         (scenario.coding.weights.empty()
              ? ", the default code for k = " + std::to_string(scenario.k()) +
                    ", r = " + std::to_string(scenario.r())
              : std::string()) +
         ")";
}

Code weighted_code(const Scenario& scenario) {
  if (scenario.coding.weights.empty()) return Code::vandermonde(scenario.k(), scenario.r());
  try {
    return Code(scenario.coding.weights);
  } catch (const Error& e) {
    throw Error(scenario.source.string() + ": /coding/weights: " + std::string(e.what()).substr(6));
  }
}

}  // namespace

Code make_code(const Scenario& scenario) {
  Code code = weighted_code(scenario);
  const Code::Amplification a = code.amplification();
  if (a.factor > kAmplificationLimit)
    throw Error(code_path(scenario) + ": " + amplification_text(scenario, a) + "; above " +
                number_text(kAmplificationLimit, "%.3g") +
                " decoded outputs are noise: choose weights further from 0, or a smaller r");
  return code;
}

std::string code_warning(const Scenario& scenario, const Code& code) {
  const Code::Amplification a = code.amplification();
  if (a.factor <= kAmplificationWarning) return "";
  return "warning: " + code_path(scenario) + ": " + amplification_text(scenario, a) +
         ": decoded outputs will be poor";
}

}  // namespace coinsim
