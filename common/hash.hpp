// Content hashes for cache keys: stable across runs, machines and compilers (FNV-1a, 64 bits,
// printed as 16 hex digits). Callers hash a canonical text, e.g. a JSON dump with sorted keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace coinsim {

std::uint64_t fnv1a64(std::string_view text);
std::string content_hash(std::string_view text);

}  // namespace coinsim
