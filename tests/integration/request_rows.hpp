// The simulator's CSV logs read back for tests: any log as rows of cells, and the per-request log
// (/output/requests) as typed rows.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace coinsim {

struct RequestRow {
  int query;
  int source;
  int server;
  double sent;
  double replied;
  double response;
  std::string answer;
};

// The cells of every row after the header, which must be `header`.
inline std::vector<std::vector<std::string>> read_csv_rows(const std::string& csv,
                                                           const std::string& header) {
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, header) << csv;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    std::stringstream row(line);
    std::vector<std::string> cells;
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

// The per-query log (queries-<strategy>.csv), as cells.
inline std::vector<std::vector<std::string>> read_query_rows(const std::string& csv) {
  return read_csv_rows(csv,
                       "query,image,label,arrival_s,latency_s,replies,warmup,at_deadline,"
                       "decoded_outputs,tasks_scored,tasks_decoded,tasks_backup,tasks_fallback,"
                       "tasks_failed,tasks_correct_task,tasks_correct_all,query_correct");
}

inline std::vector<RequestRow> read_request_rows(const std::string& csv) {
  std::vector<RequestRow> rows;
  for (const auto& cells : read_csv_rows(csv, "query,source,server,sent,replied,response,answer")) {
    rows.push_back({std::stoi(cells.at(0)), std::stoi(cells.at(1)), std::stoi(cells.at(2)),
                    std::stod(cells.at(3)), std::stod(cells.at(4)), std::stod(cells.at(5)),
                    cells.at(6)});
  }
  return rows;
}

}  // namespace coinsim
