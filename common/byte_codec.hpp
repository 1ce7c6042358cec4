// Fixed-size values to and from the byte strings of the binary tables (output tables, group
// tables), in the machine's own byte order: they are caches, read back on the machine that wrote
// them, and checksummed (files.hpp). Reading fails, never crashes, when the bytes run short.
#pragma once

#include <cstring>
#include <string>
#include <string_view>

namespace coinsim {

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

class ByteReader {
 public:
  explicit ByteReader(const std::string& bytes) : bytes_(bytes) {}
  template <typename T>
  bool get(T& value) {
    return take(&value, sizeof(T));
  }
  bool take(void* destination, std::size_t size) {
    if (bytes_.size() - offset_ < size) return false;
    std::memcpy(destination, bytes_.data() + offset_, size);
    offset_ += size;
    return true;
  }
  // Whether the next bytes are `text`; they are consumed when they are.
  bool expect(std::string_view text) {
    if (bytes_.compare(offset_, text.size(), text.data(), text.size()) != 0) return false;
    offset_ += text.size();
    return true;
  }
  bool done() const { return offset_ == bytes_.size(); }

 private:
  const std::string& bytes_;
  std::size_t offset_ = 0;
};

}  // namespace coinsim
