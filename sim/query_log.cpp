#include "sim/query_log.hpp"

namespace coinsim {

QueryLog::QueryLog(std::filesystem::path path)
    : csv_(std::move(path),
           "query,image,label,arrival_s,latency_s,replies,warmup,at_deadline,decoded_outputs,"
           "tasks_scored,tasks_decoded,tasks_backup,tasks_fallback,tasks_failed,tasks_correct_task,"
           "tasks_correct_all,query_correct") {}

void QueryLog::write(const QueryRecord& r) {
  const QueryOutcome& o = r.outcome;
  csv_.row("%d,%d,%d,%.9f,%.9f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d\n", r.query, r.image, r.label,
           r.arrival, r.latency, r.replies, r.warmup ? 1 : 0, r.at_deadline ? 1 : 0,
           o.decoded_outputs, o.scored_tasks, o.decoded_tasks, o.backup_tasks, o.fallback_tasks,
           o.failed_tasks, o.correct_tasks.task, o.correct_tasks.all, o.query_correct ? 1 : 0);
}

}  // namespace coinsim
