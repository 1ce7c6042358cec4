// A serving strategy: which model each server slot runs and when a query is complete.
//   none:     k slots, original model i on slot i; complete when all k outputs arrived.
//   <method>: k + r slots, originals then the method's r coded models; complete when every
//             original output has arrived or can be decoded from the coded outputs that have.
// Slot s runs on server host s, so original i sits on the same host under every strategy.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "coin/decoder.hpp"
#include "coin/output_table.hpp"
#include "coin/task.hpp"

namespace coinsim {

struct QueryOutcome {
  int decoded_outputs = 0;  // original outputs decoded rather than received, scored or not
  int decoded_tasks = 0;    // scored tasks whose output was decoded rather than received
  int scored_tasks = 0;     // tasks whose domain holds the image's label
  int correct_tasks = 0;
};

class Strategy {
 public:
  Strategy(const std::string& name, const OutputTable& table, const Code& code);

  const std::string& name() const { return name_; }
  int slots() const { return static_cast<int>(slot_models_.size()); }
  bool complete(const std::vector<bool>& arrived) const;
  // Scores a completed query: received outputs where they arrived, decoded ones elsewhere.
  QueryOutcome score(const std::vector<bool>& arrived, int image, const OutputTable& table,
                     const std::vector<Task>& tasks) const;

 private:
  std::string name_;
  int k_;
  std::vector<int> slot_models_;  // slot -> model index in the output table
  std::optional<Decoder> decoder_;
};

}  // namespace coinsim
