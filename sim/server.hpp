// A model server: one actor on its host, serving requests one at a time in arrival order (FIFO,
// batch size 1). Its mailbox has the server as permanent receiver, so request transfers proceed
// while the server is busy and queue up at the host, as on a real TCP connection. Each request
// costs the model's forward flops times a slowdown drawn for it; the reply goes back to the
// frontend's collector. With cancellation on, a request whose query is already complete when its
// turn comes is skipped (no work; a small acknowledgement goes back so every request is answered).
#pragma once

#include <functional>
#include <simgrid/s4u.hpp>

#include "sim/random_streams.hpp"
#include "sim/slowdown.hpp"

namespace coinsim {

struct ServerStats {
  double busy_seconds = 0;
  long long requests = 0;   // executed
  long long cancelled = 0;  // skipped
};

struct ServerConfig {
  int slot;
  simgrid::s4u::Mailbox* inbox;
  simgrid::s4u::Mailbox* replies;
  double forward_flops;
  double reply_bytes;
  SlowdownModel slowdown;
  std::function<bool(int query)> cancelled;  // empty: never cancel
};

class ModelServer {
 public:
  ModelServer(ServerConfig config, RandomStream stream, ServerStats& stats)
      : config_(std::move(config)), stream_(std::move(stream)), stats_(&stats) {}
  void operator()();

 private:
  ServerConfig config_;
  RandomStream stream_;
  ServerStats* stats_;  // owned by the simulation, outlives the actor
};

}  // namespace coinsim
