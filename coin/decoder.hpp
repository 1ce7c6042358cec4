// Decoding: recover the outputs of original models that did not answer from the coded outputs
// that did. With originals S arrived, originals E erased and coded rows R arrived, it solves
// W[R,E] P_E = Q_R - W[R,S] P_S in the least-squares sense, one output dimension at a time.
#pragma once

#include <vector>

#include "coin/code.hpp"

namespace coinsim {

class Decoder {
 public:
  explicit Decoder(Code code) : code_(std::move(code)) {}
  const Code& code() const { return code_; }

  // outputs[s] points at the num_outputs scores of server s (k originals, then r coded rows) or is
  // null when s did not answer. Returns, for every original, its recovered scores: a copy when it
  // arrived, decoded when it did not, empty when it cannot be recovered.
  std::vector<std::vector<float>> decode(const std::vector<const float*>& outputs,
                                         int num_outputs) const;

 private:
  Code code_;
};

}  // namespace coinsim
