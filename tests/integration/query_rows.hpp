// The per-query CSV a simulation writes, read back as one map of column -> value per row.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace coinsim {

using QueryRow = std::map<std::string, double>;

inline std::vector<QueryRow> read_query_rows(const std::filesystem::path& csv) {
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream names(line);
  for (std::string name; std::getline(names, name, ',');) header.push_back(name);
  std::vector<QueryRow> rows;
  while (std::getline(in, line)) {
    std::stringstream cells(line);
    QueryRow row;
    std::string cell;
    for (std::size_t c = 0; c < header.size() && std::getline(cells, cell, ','); ++c)
      row[header[c]] = std::stod(cell);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace coinsim
