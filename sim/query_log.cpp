#include "sim/query_log.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/error.hpp"

namespace coinsim {

QueryLog::QueryLog(std::filesystem::path path)
    : path_(std::move(path)), temporary_(path_.string() + ".tmp." + std::to_string(::getpid())) {
  std::filesystem::create_directories(path_.parent_path());
  file_.reset(std::fopen(temporary_.c_str(), "w"));
  if (!file_) throw Error(path_.string() + ": cannot write: " + std::strerror(errno));
  std::fputs(
      "query,image,label,arrival,latency,replies,warmup,at_deadline,decoded_outputs,scored_tasks,"
      "decoded_tasks,fallback_tasks,failed_tasks,correct_tasks\n",
      file_.get());
}

QueryLog::~QueryLog() {
  if (!file_) return;
  file_.reset();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void QueryLog::write(const QueryRecord& r) {
  const QueryOutcome& o = r.outcome;
  std::fprintf(file_.get(), "%d,%d,%d,%.9f,%.9f,%d,%d,%d,%d,%d,%d,%d,%d,%d\n", r.query, r.image,
               r.label, r.arrival, r.latency, r.replies, r.warmup ? 1 : 0, r.at_deadline ? 1 : 0,
               o.decoded_outputs, o.scored_tasks, o.decoded_tasks, o.fallback_tasks, o.failed_tasks,
               o.correct_tasks);
}

void QueryLog::commit() {
  const bool ok = std::fflush(file_.get()) == 0 && ::fsync(::fileno(file_.get())) == 0;
  const bool closed = std::fclose(file_.release()) == 0;
  if (!ok || !closed) throw Error(path_.string() + ": cannot write: " + std::strerror(errno));
  std::filesystem::rename(temporary_, path_);
}

}  // namespace coinsim
