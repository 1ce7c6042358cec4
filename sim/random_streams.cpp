#include "sim/random_streams.hpp"

#include <cmath>
#include <numeric>
#include <utility>
#include <vector>

#include "common/hash.hpp"

namespace coinsim {

RandomStream random_stream(std::uint64_t seed, const std::string& purpose) {
  const std::uint64_t mixed = fnv1a64(std::to_string(seed) + "/" + purpose);
  return RandomStream(static_cast<int>(mixed & 0x7fffffff));
}

double exponential_of_uniform(double uniform, double rate) {
  if (uniform == 0) return 0;  // U = 0 stands for U = 1: -log(1) = 0
  return -1.0 / rate * std::log(uniform);
}

double exponential_draw(RandomStream& stream, double rate) {
  return exponential_of_uniform(stream.uniform_real(0.0, 1.0), rate);
}

std::vector<int> random_permutation(int n, RandomStream& stream) {
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  for (int i = n - 1; i > 0; --i) std::swap(order[i], order[stream.uniform_int(0, i)]);
  return order;
}

}  // namespace coinsim
