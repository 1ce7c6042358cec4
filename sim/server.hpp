// A model server: one actor on its host, serving requests one at a time in arrival order (FIFO,
// batch size 1). Its mailbox has the server as permanent receiver, so request transfers proceed
// while the server is busy and queue up at the host, as on a real TCP connection. Each request
// costs the model's forward flops times a slowdown drawn for it; the reply goes back to the
// frontend's collector. With cancellation on, a request whose query is already complete when its
// turn comes is skipped (no work; a small acknowledgement goes back so every request is answered).
//
// Host failures: SimGrid kills the actor when its host goes down and restarts it (auto-restart)
// when the host comes back. What must survive a restart lives in ServerState, owned by the
// simulation. A failure loses the request being executed and every request queued at the host;
// the restarted server drops those it finds in its mailbox (sent before it booted) without a
// reply — the frontend's bookkeeping (sim/owed_requests.hpp) has already counted them lost.
#pragma once

#include <functional>
#include <simgrid/s4u.hpp>

#include "sim/channel.hpp"
#include "sim/messages.hpp"
#include "sim/random_streams.hpp"
#include "sim/slowdown.hpp"

namespace coinsim {

struct ServerStats {
  double busy_seconds = 0;
  long long requests = 0;   // executed to the end
  long long cancelled = 0;  // skipped
  long long dropped = 0;    // found queued after a restart, already counted lost
  long long failures = 0;   // times the host went down
};

// What a server keeps across host failures.
struct ServerState {
  explicit ServerState(RandomStream slowdowns) : slowdowns(std::move(slowdowns)) {}
  RandomStream slowdowns;
  ServerStats stats;
  double boot = 0;         // when the current incarnation started
  bool executing = false;  // a request is being served
  double executing_since = 0;
};

struct ServerConfig {
  int slot;
  Channel<Request>* inbox;
  Channel<Reply>* replies;
  double forward_flops;
  double reply_bytes;
  SlowdownModel slowdown;
  std::function<bool(int query)> cancelled;  // empty: never cancel
};

class ModelServer {
 public:
  ModelServer(ServerConfig config, ServerState& state)
      : config_(std::move(config)), state_(&state) {}
  void operator()();

 private:
  void reply(const Request& request, Answer answer) const;
  Answer serve(const Request& request);

  ServerConfig config_;
  ServerState* state_;  // owned by the simulation, outlives every incarnation of the actor
};

}  // namespace coinsim
