#include "sim/random_streams.hpp"

#include <numeric>
#include <utility>
#include <vector>

#include "common/hash.hpp"

namespace coinsim {

RandomStream random_stream(std::uint64_t seed, const std::string& purpose) {
  const std::uint64_t mixed = fnv1a64(std::to_string(seed) + "/" + purpose);
  return RandomStream(static_cast<int>(mixed & 0x7fffffff));
}

std::vector<int> random_permutation(int n, RandomStream& stream) {
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  for (int i = n - 1; i > 0; --i) std::swap(order[i], order[stream.uniform_int(0, i)]);
  return order;
}

}  // namespace coinsim
