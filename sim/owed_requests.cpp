#include "sim/owed_requests.hpp"

#include <algorithm>

namespace coinsim {

std::vector<Request> OwedRequests::lose_all(int server) {
  std::vector<Request> lost;
  for (const auto& [id, request] : owed_.at(server)) lost.push_back(request);
  owed_.at(server).clear();
  // The map's order depends on the hash table; the log's must not.
  std::sort(lost.begin(), lost.end(),
            [](const Request& a, const Request& b) { return a.id < b.id; });
  return lost;
}

}  // namespace coinsim
