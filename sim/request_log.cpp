#include "sim/request_log.hpp"

namespace coinsim {

RequestLog::RequestLog(const std::filesystem::path& path) {
  if (!path.empty()) csv_.emplace(path, "query,source,server,sent,replied,response,answer");
}

void RequestLog::write(const Reply& r, double replied) {
  if (csv_)
    csv_->row("%d,%d,%d,%.9f,%.9f,%.9f,%s\n", r.query, r.source, r.server, r.sent, replied,
              replied - r.sent, to_string(r.answer).c_str());
}

void RequestLog::commit() {
  if (csv_) csv_->commit();
}

}  // namespace coinsim
