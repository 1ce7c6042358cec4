// The Euclidean projection onto the probability simplex {x : x_i >= 0, sum_i x_i = 1}: the
// nearest probability vector to a decoded output, whose entries are otherwise often negative.
// Exact, in O(n log n): sort, find the largest support rho with u_rho > (sum_{j<=rho} u_j - 1) /
// rho, shift by that threshold and clip at 0 (Held, Wolfe and Crowder 1974; Duchi et al. 2008).
#pragma once

#include <vector>

namespace coinsim {

std::vector<double> project_onto_simplex(const std::vector<double>& point);

}  // namespace coinsim
