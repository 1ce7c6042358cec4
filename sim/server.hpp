// A model server: serves one model slot on one host, requests in arrival order (FIFO, batch size
// 1 per core, or greedy batches: see ServerConfig). On a single-core host one actor receives and
// executes; on a host with c cores it receives into a FIFO that c worker actors drain, so up to c
// requests run at once, each on one core (a host's cores are shared fairly with any background
// job). The inbox's consumer is the receiving actor, so request transfers proceed while the server
// is busy and queue up at the host, as on a real TCP connection. Each request costs the forward
// flops of the model(s) it asks for times a slowdown drawn for it; the reply goes back to the
// frontend's collector. With cancellation on, a request whose query is already complete when its
// turn comes is skipped (no work; a small acknowledgement goes back so every request is answered).
//
// Host failures: SimGrid kills every actor of the host when it goes down and restarts the
// receiver (auto-restart) when it comes back; the receiver starts fresh workers. What must
// survive a restart lives in ServerState, owned by the simulation. A failure loses the requests
// being executed and every request queued at the host; the restarted server drops those it finds
// (sent before it booted) without a reply — the frontend's bookkeeping (sim/owed_requests.hpp)
// has already counted them lost.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <simgrid/s4u.hpp>
#include <vector>

#include "sim/channel.hpp"
#include "sim/messages.hpp"
#include "sim/random_streams.hpp"
#include "sim/slowdown.hpp"

namespace coinsim {

struct ServerStats {
  double busy_seconds = 0;  // core-seconds spent executing requests
  long long requests = 0;   // executed to the end
  long long cancelled = 0;  // skipped
  long long failures = 0;   // times the host went down
  long long batches = 0;    // executions (a batch of one or more requests each)
};

// What a server keeps across host failures.
struct ServerState {
  explicit ServerState(RandomStream slowdowns) : slowdowns(std::move(slowdowns)) {}
  RandomStream slowdowns;
  ServerStats stats;
  int workers = 1;                             // the host's cores
  double boot = 0;                             // when the current incarnation started
  std::vector<double> executing_since;         // per worker; negative: idle
  std::deque<std::unique_ptr<Request>> queue;  // multi-core: received, waiting for a worker
  simgrid::s4u::SemaphorePtr queued;           // multi-core: one unit per queued request
};

struct ServerConfig {
  int slot;
  Channel<Request>* inbox;
  Channel<Reply>* replies;
  std::vector<double> flops_by_source;  // a request's work, by the output source it asks for
  double reply_bytes;
  SlowdownModel slowdown;
  std::function<bool(int query)> cancelled;  // empty: never cancel
  int batch_size = 1;                        // most requests served in one execution
  double batch_marginal_cost = 1;            // work of each request after a batch's first
};

class ModelServer {
 public:
  ModelServer(ServerConfig config, ServerState& state)
      : config_(std::move(config)), state_(&state) {}
  void operator()();  // the receiver

 private:
  void boot();
  using Batch = std::vector<std::unique_ptr<Request>>;
  std::unique_ptr<Request> next_request();
  void work(int worker);
  void serve(const Batch& batch, int worker);
  void reply(const Request& request, Answer answer) const;

  ServerConfig config_;
  ServerState* state_;  // owned by the simulation, outlives every incarnation of the actors
};

}  // namespace coinsim
