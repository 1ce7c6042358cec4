// The single-model workload's bridge from the accuracy stage to the simulator. A coded query's
// output depends on which images share its coding group, so groups are fixed before anything is
// simulated: slot s of the query stream carries image order[s], and group g holds slots
// g*k ... g*k + k - 1. The accuracy stage then computes what every request can return: the base
// model's outputs on every test image (and a cheap backup's, when one is served), and for every
// group and query code the outputs of the group's coded requests. A group the frontend closes
// after m < k queries (its timeout at low load) is completed with blank, all-zero images, so its
// coded outputs are kept for every m = 1 ... k. Stored as a checksummed binary file; no LibTorch
// needed to read it.
//
// The base model's outputs (per image and on the blank) are probabilities, as in every output
// table; the coded requests' outputs are kept in the table's decoding space, in which a late
// query's output is rebuilt: ParM's parity model is trained to output the sum of the base
// model's outputs in that space (probabilities, or log-probabilities in logit space), and
// ApproxIFER's replies are the base model's outputs on the coded images, mapped to it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "coin/coding/output_table.hpp"
#include "scenario/kinds.hpp"

namespace coinsim {

struct CodedGroupOutputs {
  std::string code;            // "parm" or "approxifer"
  int requests = 0;            // coded requests per group: 1 (ParM's parity) or N
  double forward_flops = 0;    // one coded request's forward pass
  std::vector<float> outputs;  // groups x k (m = 1 ... k filled) x requests x outputs
};

struct GroupOutputTable {
  OutputTable images;  // per test image: "original/0" (the base model), "backup/0" if served
  DecodingSpace space = DecodingSpace::probability;  // of the coded outputs and of decoding
  int group_size = 0;                                // k
  std::vector<int> order;    // slot -> image, groups() * group_size slots, distinct images
  std::vector<float> blank;  // the base model's outputs on a blank image
  std::vector<CodedGroupOutputs> coded;

  int groups() const { return group_size > 0 ? static_cast<int>(order.size()) / group_size : 0; }
  // The image of query `position` of group `group`.
  int image(int group, int position) const { return order.at(group * group_size + position); }
  // The outputs of request `request` of a code's group `group` filled with `filled` queries.
  const float* coded_output(const CodedGroupOutputs& code, int group, int filled,
                            int request) const;
  // A code's outputs by name; throws Error naming what is missing.
  const CodedGroupOutputs& code(const std::string& name) const;
};

void save_group_table(const GroupOutputTable& table, const std::filesystem::path& path);
// The table, or nothing if the file is absent, truncated, corrupt or inconsistent (an image of
// `order` out of range or repeated, sizes that do not match).
std::optional<GroupOutputTable> load_group_table(const std::filesystem::path& path);

}  // namespace coinsim
