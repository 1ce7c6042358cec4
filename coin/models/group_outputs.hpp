// What a single-model run can receive (coin/coding/group_output_table.hpp), computed with the real
// models on the real test images: coding groups of k over an order of the test images drawn from
// `seed` (images left over after the last whole group are not served), the base model's outputs on
// every image and on the blank (all-zero) image, and every group's coded requests for every fill
// m = 1 ... k (positions m ... k - 1 blank): ParM's parity query (the sum of the images) through
// the parity model, ApproxIFER's N coded queries (Berrut's encoding) through the base model.
#pragma once

#include <cstdint>
#include <optional>

#include "coin/coding/group_output_table.hpp"
#include "coin/models/dataset.hpp"
#include "coin/models/network.hpp"

namespace coinsim {

struct GroupCodes {
  int group_size = 2;  // k
  DecodingSpace space = DecodingSpace::probability;
  Network parity;                            // ParM's parity model; empty: ParM not served
  std::optional<int> approxifer_stragglers;  // s; nothing: ApproxIFER not served
};

// Throws Error if the test set holds fewer than k images.
GroupOutputTable build_group_table(NetworkImpl& base, const ImageSet& test, const GroupCodes& codes,
                                   std::uint64_t seed);

}  // namespace coinsim
