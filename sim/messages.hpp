// The typed messages between the frontend and the model servers. They travel through SimGrid
// mailboxes as heap objects; the receiver takes ownership at once (std::unique_ptr). Servers are
// model-agnostic (every model of a scenario costs the same flops): a request names the output
// source it asks for, and the reply carries it back.
#pragma once

namespace coinsim {

struct Request {
  int query;
  int source;   // 0..k-1: original model i; k..k+r-1: coded model row source-k
  double sent;  // simulated time the frontend sent it
};

struct Reply {
  int query;
  int source;
  double sent;     // copied from the request
  int server;      // the slot that answered
  bool cancelled;  // the server skipped it: the query was complete when its turn came
};

}  // namespace coinsim
