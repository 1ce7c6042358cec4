// A model server: one actor on its host, serving requests one at a time in arrival order (FIFO,
// batch size 1). Its mailbox has the server as permanent receiver, so request transfers proceed
// while the server is busy and queue up at the host, as on a real TCP connection. Each request
// costs the model's forward flops times a slowdown drawn for it; the reply goes back to the
// frontend's collector.
#pragma once

#include <simgrid/s4u.hpp>

#include "sim/random_streams.hpp"
#include "sim/slowdown.hpp"

namespace coinsim {

struct ServerStats {
  double busy_seconds = 0;
  long long requests = 0;
};

struct ServerConfig {
  simgrid::s4u::Mailbox* inbox;
  simgrid::s4u::Mailbox* replies;
  double forward_flops;
  double reply_bytes;
  SlowdownModel slowdown;
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
