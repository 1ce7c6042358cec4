// A CSV file streamed row by row, so memory does not grow with the number of rows. It is written
// under a temporary name and only renamed into place by commit(): a run that dies leaves no CSV
// that looks complete.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

namespace coinsim {

class CsvStream {
 public:
  // Throws Error naming the file if it cannot be created.
  CsvStream(std::filesystem::path path, const std::string& header);
  ~CsvStream();  // removes the temporary file unless committed
  CsvStream(const CsvStream&) = delete;
  CsvStream& operator=(const CsvStream&) = delete;

  // One printf-style row; the format ends with "\n".
  template <typename... Values>
  void row(const char* format, Values... values) {
    std::fprintf(file_.get(), format, values...);
  }
  // Flushes, syncs and renames into place; throws Error on a write failure (e.g. disk full).
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
