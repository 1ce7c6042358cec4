// A systematic (k, r) code over model outputs: k original models and r coded models, coded model
// l approximating sum_i W[l][i] * p_i. The default W takes rows of a Vandermonde matrix on the
// distinct positive nodes 1, 2, ..., k (row l = node^l, normalised to sum 1), so that every set of
// at most r erasures is decodable and row 0 is the plain average.
#pragma once

#include <string>
#include <vector>

namespace coinsim {

class Code {
 public:
  // Throws Error if the shape is wrong or some pattern of <= r erasures is not decodable.
  explicit Code(std::vector<std::vector<double>> rows);
  static Code vandermonde(int k, int r);

  int k() const { return k_; }
  int r() const { return static_cast<int>(rows_.size()); }
  double weight(int row, int model) const { return rows_[row][model]; }
  const std::vector<std::vector<double>>& rows() const { return rows_; }

  // `arrived` has k + r flags: originals first, then coded rows. True when every original that
  // did not arrive can be recovered from the coded outputs that did.
  bool decodable(const std::vector<bool>& arrived) const;

 private:
  std::vector<std::vector<double>> rows_;
  int k_;
};

// All subsets of {0..k-1} with 1..max_size elements, in a stable order (size, then lexicographic).
std::vector<std::vector<int>> erasure_patterns(int k, int max_size);
std::string pattern_name(const std::vector<int>& erased);

}  // namespace coinsim

namespace coinsim {
struct Scenario;
// The scenario's code: its /coding/weights, or the default for its k and r. Errors name the path.
Code make_code(const Scenario& scenario);
}  // namespace coinsim
