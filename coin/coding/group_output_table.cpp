#include "coin/coding/group_output_table.hpp"

#include <cstdint>
#include <string_view>

#include "common/byte_codec.hpp"
#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

constexpr std::string_view kMagic = "COINGRP1";

std::size_t coded_size(const GroupOutputTable& table, int requests) {
  return static_cast<std::size_t>(table.groups()) * table.group_size * requests *
         table.images.num_outputs;
}

void append_floats(std::string& bytes, const std::vector<float>& values) {
  put<std::int64_t>(bytes, static_cast<std::int64_t>(values.size()));
  bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
}

bool read_floats(ByteReader& in, std::vector<float>& values, std::size_t expected) {
  std::int64_t size = 0;
  if (!in.get(size) || size < 0 || static_cast<std::size_t>(size) != expected) return false;
  values.resize(expected);
  return in.take(values.data(), expected * sizeof(float));
}

// Every slot names a distinct image of the table.
bool order_is_valid(const GroupOutputTable& table) {
  if (table.group_size < 1 || table.order.size() % table.group_size != 0) return false;
  std::vector<bool> used(table.images.num_images, false);
  for (const int image : table.order) {
    if (image < 0 || image >= table.images.num_images || used[image]) return false;
    used[image] = true;
  }
  return true;
}

std::optional<CodedGroupOutputs> read_coded(ByteReader& in, const GroupOutputTable& table) {
  CodedGroupOutputs coded;
  std::int32_t length = 0, requests = 0;
  if (!in.get(length) || length < 1 || length > 100) return std::nullopt;
  coded.code.resize(length);
  if (!in.take(coded.code.data(), length) || !in.get(requests) || requests < 1 || requests > 1000 ||
      !in.get(coded.forward_flops) || !read_floats(in, coded.outputs, coded_size(table, requests)))
    return std::nullopt;
  coded.requests = requests;
  return coded;
}

}  // namespace

const float* GroupOutputTable::coded_output(const CodedGroupOutputs& code, int group, int filled,
                                            int request) const {
  if (group < 0 || group >= groups() || filled < 1 || filled > group_size || request < 0 ||
      request >= code.requests)
    throw Error("group table: no " + code.code + " output for group " + std::to_string(group) +
                ", " + std::to_string(filled) + " queries, request " + std::to_string(request));
  const std::size_t row =
      ((static_cast<std::size_t>(group) * group_size + (filled - 1)) * code.requests + request);
  return code.outputs.data() + row * images.num_outputs;
}

const CodedGroupOutputs& GroupOutputTable::code(const std::string& name) const {
  for (const auto& c : coded)
    if (c.code == name) return c;
  throw Error("group table has no outputs of " + name + "'s coded queries");
}

void save_group_table(const GroupOutputTable& table, const std::filesystem::path& path) {
  std::string bytes(kMagic);
  append_table(bytes, table.images);
  put<std::int32_t>(bytes, static_cast<std::int32_t>(table.space));
  put<std::int32_t>(bytes, table.group_size);
  put<std::int64_t>(bytes, static_cast<std::int64_t>(table.order.size()));
  for (const int image : table.order) put<std::int32_t>(bytes, image);
  append_floats(bytes, table.blank);
  put<std::int32_t>(bytes, static_cast<std::int32_t>(table.coded.size()));
  for (const auto& coded : table.coded) {
    put<std::int32_t>(bytes, static_cast<std::int32_t>(coded.code.size()));
    bytes += coded.code;
    put<std::int32_t>(bytes, coded.requests);
    put<double>(bytes, coded.forward_flops);
    append_floats(bytes, coded.outputs);
  }
  write_checked_blob(path, bytes);
}

std::optional<GroupOutputTable> load_group_table(const std::filesystem::path& path) {
  const auto bytes = read_checked_blob(path);
  if (!bytes) return std::nullopt;
  ByteReader in(*bytes);
  if (!in.expect(kMagic)) return std::nullopt;
  auto images = read_table(in);
  if (!images) return std::nullopt;
  GroupOutputTable table;
  table.images = std::move(*images);
  std::int32_t space = 0, group_size = 0;
  std::int64_t slots = 0;
  if (!in.get(space) || space < 0 || space > static_cast<int>(DecodingSpace::simplex) ||
      !in.get(group_size) || !in.get(slots) || slots < 0 || slots > table.images.num_images)
    return std::nullopt;
  table.space = static_cast<DecodingSpace>(space);
  table.group_size = group_size;
  table.order.resize(slots);
  if (!in.take(table.order.data(), table.order.size() * sizeof(std::int32_t)) ||
      !order_is_valid(table) ||
      !read_floats(in, table.blank, static_cast<std::size_t>(table.images.num_outputs)))
    return std::nullopt;
  std::int32_t codes = 0;
  if (!in.get(codes) || codes < 0 || codes > 10) return std::nullopt;
  for (int c = 0; c < codes; ++c) {
    auto coded = read_coded(in, table);
    if (!coded) return std::nullopt;
    table.coded.push_back(std::move(*coded));
  }
  if (!in.done()) return std::nullopt;
  return table;
}

}  // namespace coinsim
