// Typed, path-aware access to one JSON object of a scenario file. Every key read is remembered,
// so that `finish()` can reject the keys nobody asked for (typos must not pass silently). Every
// error is one line: "<file>: <JSON pointer>: <what is wrong>".
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace coinsim {

class JsonReader {
 public:
  JsonReader(const nlohmann::json& value, std::string file, std::string pointer);

  // The value at `key`, or `fallback` when the key is absent. Throws on a wrong type.
  bool boolean(const std::string& key, bool fallback);
  long long integer(const std::string& key, long long fallback);
  double number(const std::string& key, double fallback);
  // Seconds: a number, or a string with a unit ("5ms", "2 us"; scenario/duration.hpp).
  double duration_s(const std::string& key, double fallback_s);
  std::string string(const std::string& key, const std::string& fallback);
  std::vector<double> numbers(const std::string& key, const std::vector<double>& fallback);
  std::vector<long long> integers(const std::string& key, const std::vector<long long>& fallback);
  std::vector<std::string> strings(const std::string& key,
                                   const std::vector<std::string>& fallback);
  std::vector<std::vector<long long>> integer_lists(
      const std::string& key, const std::vector<std::vector<long long>>& fallback);
  std::vector<std::vector<double>> number_lists(const std::string& key,
                                                const std::vector<std::vector<double>>& fallback);

  // A nested object (an empty one when the key is absent).
  JsonReader object(const std::string& key);
  bool has(const std::string& key) const { return value_.contains(key); }
  // Every key of the object, in order (for objects keyed by name, such as host names).
  std::vector<std::string> keys() const;
  // The value itself, marked as read (for lists of mixed forms the caller walks itself).
  const nlohmann::json& raw(const std::string& key);

  // Throws if the object holds a key that no accessor read.
  void finish() const;

  // Throws Error("<file>: <pointer>/<key>: <message>").
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;
  std::string path_of(const std::string& key) const { return pointer_ + "/" + key; }
  const std::string& file() const { return file_; }

 private:
  const nlohmann::json* lookup(const std::string& key);
  const nlohmann::json& value_;
  std::string file_;
  std::string pointer_;
  std::set<std::string> read_;
};

// The JSON document in `file`; "<file>: no such <kind> file" or "<file>: invalid JSON: ..." else.
nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& kind);

// /name: a plain file name (it names a results folder), `fallback` when absent.
std::string read_plain_name(JsonReader& in, const std::string& fallback);

}  // namespace coinsim
