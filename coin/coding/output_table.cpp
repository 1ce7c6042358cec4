#include "coin/coding/output_table.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "common/byte_codec.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {
namespace {

constexpr std::string_view kMagic = "COINTAB3";

}  // namespace

std::string original_name(int i) {
  return "original/" + std::to_string(i);
}
std::string coded_name(const std::string& method, int row) {
  return method + "/" + std::to_string(row);
}

std::string backup_name(int task) {
  return "backup/" + std::to_string(task);
}

int OutputTable::model_index(const std::string& name) const {
  for (std::size_t i = 0; i < models.size(); ++i)
    if (models[i] == name) return static_cast<int>(i);
  throw Error("output table has no outputs for model \"" + name + "\"");
}

void check_table_fits(const OutputTable& table, const Scenario& s, const std::string& table_file) {
  const auto has = [&](const std::string& name) {
    return std::find(table.models.begin(), table.models.end(), name) != table.models.end();
  };
  const auto fail = [&](const std::string& what) {
    throw Error(table_file + ": the output table does not fit " + s.source.string() + ": " + what);
  };
  if (table.num_outputs != s.dataset.num_classes())
    fail(std::to_string(table.num_outputs) + " outputs per model, the dataset has " +
         std::to_string(s.dataset.num_classes()) + " classes");
  for (int i = 0; i < s.k(); ++i)
    if (!has(original_name(i))) fail("no outputs of task model " + std::to_string(i));
  if (has(original_name(s.k())))
    fail("it holds more than the k = " + std::to_string(s.k()) + " task models");
  for (const auto& method : s.coding.coded_methods()) {
    for (int row = 0; row < s.r(); ++row)
      if (!has(coded_name(method, row)))
        fail("no outputs of " + method + " coded model " + std::to_string(row));
    if (has(coded_name(method, s.r())))
      fail("it holds more than r = " + std::to_string(s.r()) + " " + method + " coded models");
  }
  if (s.needs_backups())
    for (int i = 0; i < s.k(); ++i)
      if (!has(backup_name(i))) fail("no outputs of cheap backup " + std::to_string(i));
}

void append_table(std::string& bytes, const OutputTable& table) {
  put<std::int32_t>(bytes, table.num_images);
  put<std::int32_t>(bytes, table.num_outputs);
  put<std::int32_t>(bytes, static_cast<std::int32_t>(table.models.size()));
  put<double>(bytes, table.forward_flops);
  put<double>(bytes, table.backup_flops);
  for (const auto& name : table.models) {
    put<std::int32_t>(bytes, static_cast<std::int32_t>(name.size()));
    bytes += name;
  }
  for (const int label : table.labels) put<std::int32_t>(bytes, label);
  bytes.append(reinterpret_cast<const char*>(table.scores.data()),
               table.scores.size() * sizeof(float));
}

std::optional<OutputTable> read_table(ByteReader& in) {
  OutputTable table;
  std::int32_t images = 0, outputs = 0, models = 0;
  if (!in.get(images) || !in.get(outputs) || !in.get(models) || !in.get(table.forward_flops) ||
      !in.get(table.backup_flops))
    return std::nullopt;
  if (images <= 0 || outputs <= 0 || models <= 0 || models > 10000) return std::nullopt;
  table.num_images = images;
  table.num_outputs = outputs;
  for (int m = 0; m < models; ++m) {
    std::int32_t length = 0;
    if (!in.get(length) || length < 0 || length > 1000) return std::nullopt;
    std::string name(length, '\0');
    if (!in.take(name.data(), length)) return std::nullopt;
    table.models.push_back(name);
  }
  table.labels.resize(images);
  if (!in.take(table.labels.data(), table.labels.size() * sizeof(std::int32_t)))
    return std::nullopt;
  for (const int label : table.labels)
    if (label < 0 || label >= outputs) return std::nullopt;
  table.scores.resize(static_cast<std::size_t>(models) * images * outputs);
  if (!in.take(table.scores.data(), table.scores.size() * sizeof(float))) return std::nullopt;
  return table;
}

void save_table(const OutputTable& table, const std::filesystem::path& path) {
  std::string bytes(kMagic);
  append_table(bytes, table);
  write_checked_blob(path, bytes);
}

std::optional<OutputTable> load_table(const std::filesystem::path& path) {
  const auto bytes = read_checked_blob(path);
  if (!bytes) return std::nullopt;
  ByteReader in(*bytes);
  if (!in.expect(kMagic)) return std::nullopt;
  auto table = read_table(in);
  if (!table || !in.done()) return std::nullopt;
  return table;
}

}  // namespace coinsim
