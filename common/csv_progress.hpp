// How far a child process has come, read from the CSV it streams (one row per query): its size
// over the bytes per row of its first 64 KiB. Costs one stat per look, and one 64 KiB read per
// file, so a terminal can show the progress of simulations that run in other processes.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace coinsim {

class CsvProgress {
 public:
  // Watches the files in `dir` whose names start with `prefix`, under their final names or the
  // temporary ones they are written under (common/csv_stream.hpp).
  CsvProgress(std::filesystem::path dir, std::string prefix)
      : dir_(std::move(dir)), prefix_(std::move(prefix)) {}
  // Rows written so far over all the files (an estimate once a file passes 64 KiB; exact below).
  double rows();

 private:
  double rows_of(const std::filesystem::path& file);
  std::filesystem::path dir_;
  std::string prefix_;
  std::map<std::string, double> bytes_per_row_;  // by file name without its temporary suffix
};

// Bytes per row of a per-query CSV, for announcing the size of large logs before a run.
constexpr double kQueryRowBytes = 70;
constexpr double kRequestRowBytes = 80;

}  // namespace coinsim
