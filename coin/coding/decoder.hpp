// Decoding: recover the outputs of original models that did not answer from the coded outputs
// that did. With originals S arrived, originals E erased and coded rows R arrived, it solves
// W[R,E] P_E = Q_R - W[R,S] P_S in the least-squares sense, one output dimension at a time.
// In probability space (the default) P and Q are the output probabilities; in logit space they
// are log-probabilities (logits up to a per-image constant, which shifts no argmax), and a decoded
// output is turned back into probabilities with a softmax; in simplex space the probability-space
// solution is projected onto the probability simplex (the nearest vector of non-negative entries
// summing to 1: decoded probabilities are otherwise often negative).
#pragma once

#include <string>
#include <vector>

#include "coin/coding/code.hpp"
#include "scenario/kinds.hpp"

namespace coinsim {

class Decoder {
 public:
  explicit Decoder(Code code, DecodingSpace space = DecodingSpace::probability)
      : code_(std::move(code)), space_(space) {}
  const Code& code() const { return code_; }

  // outputs[s] points at the num_outputs scores of server s (k originals, then r coded rows) or is
  // null when s did not answer. Returns, for every original, its recovered scores: a copy when it
  // arrived, decoded when it did not, empty when it cannot be recovered.
  std::vector<std::vector<float>> decode(const std::vector<const float*>& outputs,
                                         int num_outputs) const;

 private:
  double value(const float* output, int c) const;

  Code code_;
  DecodingSpace space_;
};

}  // namespace coinsim
