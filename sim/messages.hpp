// The typed messages between the frontend and the model servers. They travel through SimGrid
// mailboxes as heap objects; the receiver takes ownership at once (std::unique_ptr).
#pragma once

namespace coinsim {

struct Request {
  int query;
  int slot;
};

struct Reply {
  int query;
  int slot;
};

}  // namespace coinsim
