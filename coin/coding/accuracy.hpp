// The accuracy table: for every task its available accuracy (the original model's own), and for
// every construction method and every pattern of at most r erased originals, the degraded
// accuracy (decoded output vs the true label) and the reconstruction accuracy (decoded answer
// equals the original model's answer) of each erased task, over the images of its domain. With
// cheap backups in the table, each task's backup model gets a row too (method "cheap-backup",
// erased = the task): its answer replaces the original's. Every task also gets a "default" row:
// its majority label answering instead of the original, the floor of any construction.
// Every accuracy is given under both scoring rules (scenario/kinds.hpp): "task" (the answer is
// the best of the task's own labels) and "all" (the best of every output).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "coin/coding/code.hpp"
#include "coin/coding/decoder.hpp"
#include "coin/coding/output_table.hpp"
#include "coin/coding/task.hpp"

namespace coinsim {

struct TaskAccuracy {
  int task = 0;
  int images = 0;  // test images in the task's domain
  ByRule<double> available;
};

struct DecodedAccuracy {
  std::string method;
  std::string erased;  // e.g. "0" or "0+2"
  int task = 0;
  ByRule<double> degraded;
  ByRule<double> reconstruction;
};

struct AccuracyTable {
  std::vector<TaskAccuracy> tasks;
  std::vector<DecodedAccuracy> decoded;
};

AccuracyTable measure_accuracy(const OutputTable& table, const std::vector<Task>& tasks,
                               const Code& code, const std::vector<std::string>& methods,
                               DecodingSpace space = DecodingSpace::probability);

nlohmann::json to_json(const AccuracyTable& table);
std::string to_csv(const AccuracyTable& table);
std::string to_text(const AccuracyTable& table);  // aligned, for the terminal; both rules

}  // namespace coinsim
