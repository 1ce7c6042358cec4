// ApproxIFER's query code (Soleymani, Ali, Mahdavifar and Avestimehr, AAAI 2022): K queries
// X_0 .. X_{K-1} are taken as the values, at the nodes alpha_j = cos((2j + 1) pi / 2K), of
// Berrut's rational interpolant u; the N = K + S coded queries are u(z_n) at z_n = cos(n pi / N).
// Every server runs the same model f on its coded query. From any N - S replies f(u(z_n)),
// Berrut's interpolant through them, evaluated at alpha_j, approximates f(X_j): no training, and
// any S stragglers tolerated. Both steps are linear in the data, so the code is two weight
// matrices, used alike for images and for output vectors.
#pragma once

#include <vector>

namespace coinsim {

// Berrut's first-form barycentric rational interpolant through the points `xs` (distinct, in
// increasing or decreasing order: the signs alternate along it), evaluated at t, as weights:
// r(t) = sum_i weights[i] * y_i, where w_i is proportional to (-1)^i / (t - x_i). The weights sum
// to 1; at t = x_i they are that point's indicator. It has no poles on the real line.
std::vector<double> berrut_weights(const std::vector<double>& xs, double t);

class BerrutCode {
 public:
  // Throws Error unless queries >= 1 and stragglers >= 0.
  BerrutCode(int queries, int stragglers);

  int queries() const { return queries_; }
  int stragglers() const { return stragglers_; }
  int coded() const { return queries_ + stragglers_; }
  double node(int query) const;   // alpha_j
  double point(int coded) const;  // z_n

  // Row n: coded query n = sum_j encoding()[n][j] * X_j; every row sums to 1.
  const std::vector<std::vector<double>>& encoding() const { return encoding_; }

  // Row j: f(X_j) ~ sum_i rows[j][i] * reply of arrived[i]. `arrived` names at least N - S
  // distinct coded queries, in any order; throws Error otherwise.
  std::vector<std::vector<double>> decoding(const std::vector<int>& arrived) const;

 private:
  int queries_;
  int stragglers_;
  std::vector<std::vector<double>> encoding_;
};

}  // namespace coinsim
