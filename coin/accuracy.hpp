// The accuracy table: for every task its available accuracy (the original model's own), and for
// every construction method and every pattern of at most r erased originals, the degraded
// accuracy (decoded output vs the true label) and the reconstruction accuracy (decoded argmax
// equals the original model's argmax) of each erased task, over the images of its domain. With
// cheap backups in the table, each task's backup model gets a row too (method "cheap-backup",
// erased = the task): its answer replaces the original's. Every task also gets a "default" row:
// its majority label answering instead of the original, the floor of any construction.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "coin/code.hpp"
#include "coin/decoder.hpp"
#include "coin/output_table.hpp"
#include "coin/task.hpp"

namespace coinsim {

struct TaskAccuracy {
  int task = 0;
  int images = 0;  // test images in the task's domain
  double available = 0;
};

struct DecodedAccuracy {
  std::string method;
  std::string erased;  // e.g. "0" or "0+2"
  int task = 0;
  double degraded = 0;
  double reconstruction = 0;
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
std::string to_text(const AccuracyTable& table);  // aligned, for the terminal

}  // namespace coinsim
