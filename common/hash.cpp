#include "common/hash.hpp"

#include <cstdio>

namespace coinsim {

void Fnv1a64::update(std::string_view bytes) {
  for (const unsigned char c : bytes) {
    hash_ ^= c;
    hash_ *= 1099511628211ULL;
  }
}

std::string Fnv1a64::hex() const {
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(hash_));
  return hex;
}

std::uint64_t fnv1a64(std::string_view text) {
  Fnv1a64 hash;
  hash.update(text);
  return hash.value();
}

std::string content_hash(std::string_view text) {
  Fnv1a64 hash;
  hash.update(text);
  return hash.hex();
}

}  // namespace coinsim
