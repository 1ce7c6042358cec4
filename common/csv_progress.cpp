#include "common/csv_progress.hpp"

#include <algorithm>
#include <fstream>
#include <string>

namespace coinsim {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kSample = 1 << 16;

// Newlines in the first `bytes` of the file, the header's included.
double newlines_in(const fs::path& file, std::size_t bytes) {
  std::ifstream in(file, std::ios::binary);
  std::string head(bytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(bytes));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return static_cast<double>(std::count(head.begin(), head.end(), '\n'));
}

}  // namespace

double CsvProgress::rows() {
  double total = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec))
    if (entry.path().filename().string().rfind(prefix_, 0) == 0) total += rows_of(entry.path());
  return total;
}

double CsvProgress::rows_of(const fs::path& file) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec || size == 0) return 0;
  if (size < kSample) return std::max(0.0, newlines_in(file, size) - 1);  // exact; not the header
  std::string name = file.filename().string();
  name = name.substr(0, name.find(".tmp."));  // the same file once renamed into place
  auto known = bytes_per_row_.find(name);
  if (known == bytes_per_row_.end())
    known = bytes_per_row_.emplace(name, kSample / std::max(1.0, newlines_in(file, kSample))).first;
  return static_cast<double>(size) / known->second;
}

}  // namespace coinsim
