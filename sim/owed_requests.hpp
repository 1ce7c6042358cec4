// What each server owes the frontend, kept only when hosts can fail. A host failure loses every
// request its server owes — queued, running, or in transit either way — and the simulation learns
// of it here, from SimGrid's host-state signal. This is bookkeeping that closes the accounts
// (every request answered or lost, exactly once); the serving strategy itself never sees it and
// still waits for its deadline, as a real frontend would.
#pragma once

#include <unordered_map>
#include <vector>

#include "sim/messages.hpp"

namespace coinsim {

class OwedRequests {
 public:
  explicit OwedRequests(int servers) : owed_(servers) {}
  void add(int server, const Request& request) { owed_.at(server).emplace(request.id, request); }
  // Marks a reply as received; false when its request was already lost (a reply that reached the
  // frontend at the very instant its server failed).
  bool settle(int server, long long id) { return owed_.at(server).erase(id) == 1; }
  // Everything `server` owes, now lost, in sending order.
  std::vector<Request> lose_all(int server);

 private:
  std::vector<std::unordered_map<long long, Request>> owed_;
};

}  // namespace coinsim
