// The frontend: two actors on the frontend host sharing the table of queries in flight.
//   dispatch(): Poisson arrivals; each query carries a test image and is sent to every slot of
//               the strategy.
//   collect():  receives every reply (also those of queries already complete, so that no reply is
//               left pending), completes a query as soon as the strategy says so, scores it on the
//               real (or decoded) outputs for its image, and records it.
// Both run on one OS thread under SimGrid's default contexts and switch only at SimGrid calls,
// so the shared table needs no lock.
#pragma once

#include <simgrid/s4u.hpp>
#include <unordered_map>
#include <vector>

#include "sim/latency_summary.hpp"
#include "sim/query_log.hpp"
#include "sim/random_streams.hpp"
#include "sim/strategy.hpp"

namespace coinsim {

struct FrontendConfig {
  const Strategy* strategy;
  const OutputTable* table;
  const std::vector<Task>* tasks;
  std::vector<simgrid::s4u::Mailbox*> server_inboxes;  // one per slot
  simgrid::s4u::Mailbox* replies;
  double rate;
  int queries;
  int warmup;
  double request_bytes;
};

struct RunTotals {
  long long completed = 0;
  long long measured = 0;  // completed after the warm-up
  long long scored_tasks = 0;
  long long correct_tasks = 0;
  long long decoded_tasks = 0;
  long long decoded_queries = 0;  // measured queries completed with at least one output decoded
};

class Frontend {
 public:
  Frontend(FrontendConfig config, RandomStream arrivals, std::vector<int> image_order,
           QueryLog& log);
  void dispatch();
  void collect();
  const RunTotals& totals() const { return totals_; }
  const LatencySummary& latencies() const { return latencies_; }

 private:
  struct InFlight {
    double arrival;
    int image;
    std::vector<bool> arrived;
    int replies = 0;
    bool completed = false;
  };
  void settle(int query);  // completes the query if it can, forgets it once every reply is in
  void complete(int query, InFlight& state);

  FrontendConfig config_;
  RandomStream arrivals_;
  std::vector<int> image_order_;
  QueryLog* log_;
  std::unordered_map<int, InFlight> in_flight_;
  RunTotals totals_;
  LatencySummary latencies_;
};

}  // namespace coinsim
