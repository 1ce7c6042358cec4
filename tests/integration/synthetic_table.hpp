// An output table made in code for simulator tests (no LibTorch): k originals whose outputs put
// most mass on the true label, then each method's coded rows as exact combinations of them, so
// that decoding is exact and every decoded answer is right.
#pragma once

#include <string>
#include <vector>

#include "coin/coding/code.hpp"
#include "coin/coding/output_table.hpp"

namespace coinsim {

OutputTable synthetic_table(const Code& code, const std::vector<std::string>& methods, int images,
                            double forward_flops);

// Adds k cheap backup models of `backup_flops` each: right on even images, and on odd ones sure of
// the next class within the image's block of five (tasks {0..4} and {5..9} call that wrong).
void add_synthetic_backups(OutputTable& table, int k, double backup_flops);

}  // namespace coinsim
