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

  // How much decoding can magnify an error of the coded outputs: the largest 1 / sigma_min of
  // W[S, E] over every erasure pattern E of at most r originals and every set S of coded rows
  // that decodes it. Averaging k outputs gives k; weights (1e-12, 1 - 1e-12) give 1e12, where
  // a decoded output is noise. `worst` names the pattern and rows.
  struct Amplification {
    double factor = 1;
    std::string worst;
  };
  Amplification amplification() const;

 private:
  std::vector<std::vector<double>> rows_;
  int k_;
};

// All subsets of {0..k-1} with 1..max_size elements, in a stable order (size, then lexicographic).
std::vector<std::vector<int>> erasure_patterns(int k, int max_size);
// "{0}", "{0+2}": never a bare number, so that a table's erased column reads as text everywhere.
std::string pattern_name(const std::vector<int>& erased);

}  // namespace coinsim

namespace coinsim {
struct Scenario;
// Decoding that magnifies coded-output errors more than this is refused (decoded outputs would be
// noise: a coded model's outputs are approximations, off by 1e-2 or more), and above
// kAmplificationWarning it is reported.
constexpr double kAmplificationLimit = 1e4;
constexpr double kAmplificationWarning = 100;

// The scenario's code: its /coding/weights, or the default for its k and r. Errors name the path;
// a code whose amplification exceeds kAmplificationLimit is refused.
Code make_code(const Scenario& scenario);

// A warning line for a code whose amplification exceeds kAmplificationWarning, else "".
std::string code_warning(const Scenario& scenario, const Code& code);
}  // namespace coinsim
