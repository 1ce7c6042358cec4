// The rows of a per-request CSV (/output/requests), read back for tests.
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

inline std::vector<RequestRow> read_request_rows(const std::string& csv) {
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "query,source,server,sent,replied,response,answer");
  std::vector<RequestRow> rows;
  while (std::getline(in, line)) {
    std::stringstream row(line);
    std::vector<std::string> cells;
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    rows.push_back({std::stoi(cells.at(0)), std::stoi(cells.at(1)), std::stoi(cells.at(2)),
                    std::stod(cells.at(3)), std::stod(cells.at(4)), std::stod(cells.at(5)),
                    cells.at(6)});
  }
  return rows;
}

}  // namespace coinsim
