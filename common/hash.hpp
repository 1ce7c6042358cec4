// Content hashes for cache keys: stable across runs, machines and compilers (FNV-1a, 64 bits,
// printed as 16 hex digits). Callers hash a canonical text, e.g. a JSON dump with sorted keys,
// or feed a file's bytes piece by piece.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace coinsim {

class Fnv1a64 {
 public:
  void update(std::string_view bytes);
  std::uint64_t value() const { return hash_; }
  std::string hex() const;  // 16 hex digits

 private:
  std::uint64_t hash_ = 14695981039346656037ULL;
};

std::uint64_t fnv1a64(std::string_view text);
std::string content_hash(std::string_view text);

}  // namespace coinsim
