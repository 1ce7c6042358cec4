// An output table made in code for simulator tests (no LibTorch): k originals whose outputs put
// most mass on the true label, then each method's coded rows as exact combinations of them, so
// that decoding is exact and every decoded answer is right.
#pragma once

#include <string>
#include <vector>

#include "coin/code.hpp"
#include "coin/output_table.hpp"

namespace coinsim {

OutputTable synthetic_table(const Code& code, const std::vector<std::string>& methods, int images,
                            double forward_flops);

}  // namespace coinsim
