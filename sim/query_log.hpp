// Per-query records streamed to a CSV file as queries complete, so memory does not grow with the
// number of queries. The file is written under a temporary name and only renamed into place by
// commit(): a run that dies leaves no CSV that looks complete.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>

#include "sim/strategy.hpp"

namespace coinsim {

struct QueryRecord {
  int query = 0;
  int image = 0;
  int label = 0;
  double arrival = 0;  // simulated seconds
  double latency = 0;
  int replies = 0;  // outputs received when the query completed
  bool warmup = false;
  bool at_deadline = false;  // finalised by the deadline rather than by completing
  QueryOutcome outcome;
};

class QueryLog {
 public:
  explicit QueryLog(std::filesystem::path path);
  ~QueryLog();  // removes the temporary file unless committed
  QueryLog(const QueryLog&) = delete;
  QueryLog& operator=(const QueryLog&) = delete;

  void write(const QueryRecord& record);
  void commit();

 private:
  struct Closer {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  std::filesystem::path path_;
  std::filesystem::path temporary_;
  std::unique_ptr<std::FILE, Closer> file_;
};

}  // namespace coinsim
