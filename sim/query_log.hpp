// Per-query records, streamed to queries-<strategy>.csv as queries are finalised: arrival_s and
// latency_s in simulated seconds, how each of its tasks was answered (tasks_decoded, ...), correct
// tasks under each scoring rule (tasks_correct_task, tasks_correct_all) and whether the query's
// end-to-end answer was right (query_correct).
#pragma once

#include <filesystem>

#include "common/csv_stream.hpp"
#include "sim/strategy.hpp"

namespace coinsim {

struct QueryRecord {
  int query = 0;
  int image = 0;
  int label = 0;
  double arrival = 0;  // simulated seconds
  double latency = 0;
  int replies = 0;  // outputs received when the query was finalised
  bool warmup = false;
  bool at_deadline = false;  // finalised by the deadline rather than by completing
  QueryOutcome outcome;
};

class QueryLog {
 public:
  explicit QueryLog(std::filesystem::path path);
  void write(const QueryRecord& record);
  void commit() { csv_.commit(); }

 private:
  CsvStream csv_;
};

}  // namespace coinsim
