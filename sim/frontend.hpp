// The frontend: actors on the frontend host sharing the table of queries in flight.
//   dispatcher: Poisson arrivals (or a trace's); each query carries a test image and is sent to
//               the servers of the strategy's fan-out.
//   collector:  receives every reply (also those of queries already complete, so that no reply
//               is left pending), takes together all replies that arrived at the same instant,
//               completes a query as soon as the strategy says so, scores it on the real (or
//               decoded) outputs for its image, and records it.
//   deadlines:  finalises a query still incomplete at arrival + deadline with what it has.
//   hedges:     sends backup requests for outputs still missing at arrival + delay.
// When hosts can fail, requests to a host that is down are lost at once, and a failure loses
// everything its server owed (sim/owed_requests.hpp); the collector then also wakes up every
// `kFailurePoll` s, since the last replies it waits for may never come.
// All run on one OS thread under SimGrid's default contexts and switch only at SimGrid calls, so
// the shared table needs no lock.
#pragma once

#include <optional>
#include <simgrid/s4u.hpp>
#include <unordered_map>
#include <vector>

#include "sim/channel.hpp"
#include "sim/latency_summary.hpp"
#include "sim/messages.hpp"
#include "sim/owed_requests.hpp"
#include "sim/query_log.hpp"
#include "sim/random_streams.hpp"
#include "sim/request_log.hpp"
#include "sim/strategy.hpp"
#include "sim/timer_queue.hpp"

namespace coinsim {

struct FrontendConfig {
  const Strategy* strategy;
  const OutputTable* table;
  std::vector<Channel<Request>*> server_inboxes;  // one per server slot
  std::vector<simgrid::s4u::Host*> server_hosts;  // one per server slot
  Channel<Reply>* replies;
  double rate;                          // Poisson arrivals, unless...
  const std::vector<double>* arrivals;  // ...a trace gives the times (empty: Poisson)
  int queries;
  int warmup;
  double request_bytes;
  double deadline;  // 0: none
  bool failures;    // hosts can fail: keep the books of what each server owes
};

struct RunTotals {
  long long completed = 0;    // finalised, by completion or at the deadline
  long long measured = 0;     // finalised after the warm-up
  long long at_deadline = 0;  // measured queries finalised by their deadline
  long long scored_tasks = 0;
  ByRule<long long> correct_tasks;  // under each scoring rule
  long long correct_queries = 0;    // measured queries whose end-to-end answer was right
  long long decoded_tasks = 0;
  long long backup_tasks = 0;
  long long fallback_tasks = 0;
  long long failed_tasks = 0;
  long long decoded_queries = 0;  // measured queries finalised with at least one output decoded
  long long requests_sent = 0;
  long long backups_sent = 0;
  long long replies = 0;        // received: outputs and cancellation acknowledgements
  long long requests_lost = 0;  // to host failures: requests_sent = replies + requests_lost
};

class Frontend {
 public:
  Frontend(FrontendConfig config, RandomStream arrivals, std::vector<int> image_order,
           QueryLog& log, RequestLog& requests);
  // Creates the frontend's actors on `host`.
  void start(simgrid::s4u::Host* host);
  // True once `query` is complete (or finalised): its remaining requests may be skipped.
  bool finished(int query) const;
  const RunTotals& totals() const { return totals_; }
  long long outstanding() const { return outstanding_; }  // requests not answered yet
  const LatencySummary& latencies() const { return latencies_; }

 private:
  struct InFlight {
    double arrival;
    int image;
    std::vector<bool> available;  // per output source
    int outstanding = 0;          // requests sent and not yet answered
    int received = 0;             // replies with an output
    bool completed = false;
  };
  void dispatch();
  void collect();
  std::unique_ptr<Reply> next_reply();
  void take(const Reply& reply, std::vector<int>& touched);
  void on_host_failure(int server);
  void lose(const Request& request, int server);
  void send(int query, InFlight& state, int server, int source);
  void settle(int query);
  void expire(int query);
  void send_backups(int query);
  void finalise(int query, InFlight& state, bool at_deadline);

  FrontendConfig config_;
  RandomStream arrivals_;
  std::vector<int> image_order_;
  QueryLog* log_;
  RequestLog* requests_;
  std::unordered_map<int, InFlight> in_flight_;
  long long outstanding_ = 0;
  bool dispatch_done_ = false;
  std::optional<OwedRequests> owed_;  // with failures only
  TimerQueue deadlines_;
  TimerQueue hedges_;
  RunTotals totals_;
  LatencySummary latencies_;
};

}  // namespace coinsim
