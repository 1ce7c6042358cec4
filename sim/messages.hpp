// The typed messages between the frontend and the model servers. They travel through SimGrid
// mailboxes as heap objects; the receiver takes ownership at once (std::unique_ptr). Servers are
// model-agnostic (every model of a scenario costs the same flops): a request names the output
// source it asks for, and the reply carries it back.
#pragma once

#include <string>

namespace coinsim {

struct Request {
  long long id;  // unique within a run, in sending order
  int query;
  int source;   // 0..k-1: original model i; k..k+r-1: coded model row source-k
  double sent;  // simulated time the frontend sent it
};

// What a reply carries. Only `output` contributes to the query; the other two exist so that every
// request is answered exactly once and the frontend's bookkeeping closes.
enum class Answer {
  output,     // the model's output for the image
  cancelled,  // skipped: the query was complete when the request's turn came
  lost,       // the server's host failed while it owed the reply (never sent over the network:
              // only the frontend's bookkeeping and the request log see it)
};

std::string to_string(Answer answer);

struct Reply {
  long long id;  // the request's
  int query;
  int source;
  double sent;  // copied from the request
  int server;   // the slot that answered
  Answer answer;
};

}  // namespace coinsim
