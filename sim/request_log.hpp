// Optional per-request records (/output/requests), streamed to requests-<strategy>.csv as replies
// come back: the server-side view — which server served which output of which query, when it was
// sent and answered, and what the answer was (output, cancelled, or lost to a host failure). Off:
// nothing is written.
#pragma once

#include <filesystem>
#include <optional>

#include "common/csv_stream.hpp"
#include "sim/messages.hpp"

namespace coinsim {

class RequestLog {
 public:
  // An empty path: no log.
  explicit RequestLog(const std::filesystem::path& path);
  void write(const Reply& reply, double replied);
  void commit();

 private:
  std::optional<CsvStream> csv_;
};

}  // namespace coinsim
