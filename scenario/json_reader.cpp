#include "scenario/json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "common/error.hpp"
#include "common/files.hpp"
#include "scenario/duration.hpp"

namespace coinsim {
namespace {

const nlohmann::json& empty_object() {
  static const nlohmann::json empty = nlohmann::json::object();
  return empty;
}

std::string type_name(const nlohmann::json& value) {
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_array()) return "a list";
  if (value.is_object()) return "an object";
  return std::string("a ") + value.type_name();  // a string, a boolean, a null
}

}  // namespace

JsonReader::JsonReader(const nlohmann::json& value, std::string file, std::string pointer)
    : value_(value), file_(std::move(file)), pointer_(std::move(pointer)) {
  if (!value_.is_object())
    throw Error(file_ + ": " + (pointer_.empty() ? "/" : pointer_) + ": expected an object, got " +
                type_name(value_));
}

void JsonReader::fail(const std::string& key, const std::string& message) const {
  throw Error(file_ + ": " + path_of(key) + ": " + message);
}

const nlohmann::json* JsonReader::lookup(const std::string& key) {
  read_.insert(key);
  const auto found = value_.find(key);
  return found == value_.end() ? nullptr : &*found;
}

bool JsonReader::boolean(const std::string& key, bool fallback) {
  const nlohmann::json* value = lookup(key);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) fail(key, "expected true or false, got " + type_name(*value));
  return value->get<bool>();
}

long long JsonReader::integer(const std::string& key, long long fallback) {
  const nlohmann::json* value = lookup(key);
  if (value == nullptr) return fallback;
  if (!value->is_number_integer()) fail(key, "expected an integer, got " + type_name(*value));
  if (value->is_number_unsigned() && value->get<unsigned long long>() > 1ULL << 62)
    fail(key, "integer out of range");
  return value->get<long long>();
}

double JsonReader::number(const std::string& key, double fallback) {
  const nlohmann::json* value = lookup(key);
  if (value == nullptr) return fallback;
  if (!value->is_number()) fail(key, "expected a number, got " + type_name(*value));
  const double number = value->get<double>();
  if (!std::isfinite(number)) fail(key, "expected a finite number");
  return number;
}

double JsonReader::duration_s(const std::string& key, double fallback_s) {
  if (!is_duration_key(key))
    throw std::logic_error("duration key \"" + key + "\" missing from is_duration_key");
  const nlohmann::json* value = lookup(key);
  if (value == nullptr) return fallback_s;
  if (value->is_string()) {
    if (const auto seconds = parse_duration_s(value->get<std::string>())) return *seconds;
    fail(key, "expected a duration such as \"5ms\", \"2 us\" or \"1.5s\" (units: " +
                  std::string(duration_units()) + "), got \"" + value->get<std::string>() + "\"");
  }
  if (!value->is_number())
    fail(key,
         "expected a duration (seconds, or a string such as \"5ms\"), got " + type_name(*value));
  return number(key, fallback_s);
}

std::string JsonReader::string(const std::string& key, const std::string& fallback) {
  const nlohmann::json* value = lookup(key);
  if (value == nullptr) return fallback;
  if (!value->is_string()) fail(key, "expected a string, got " + type_name(*value));
  return value->get<std::string>();
}

namespace {

// Converts a JSON array element by element, naming the offending index on a type error.
template <typename T, typename Check>
std::vector<T> array_of(const JsonReader& reader, const std::string& key,
                        const nlohmann::json& value, const std::string& expected, Check check) {
  if (!value.is_array())
    reader.fail(key, "expected a list of " + expected + ", got " + type_name(value));
  std::vector<T> result;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!check(value[i]))
      reader.fail(key + "/" + std::to_string(i),
                  "expected " + expected + ", got " + type_name(value[i]));
    result.push_back(value[i].get<T>());
  }
  return result;
}

bool is_integer(const nlohmann::json& v) {
  return v.is_number_integer();
}
bool is_number(const nlohmann::json& v) {
  return v.is_number();
}
bool is_string(const nlohmann::json& v) {
  return v.is_string();
}

}  // namespace

std::vector<double> JsonReader::numbers(const std::string& key,
                                        const std::vector<double>& fallback) {
  const nlohmann::json* value = lookup(key);
  return value == nullptr ? fallback : array_of<double>(*this, key, *value, "numbers", is_number);
}

std::vector<long long> JsonReader::integers(const std::string& key,
                                            const std::vector<long long>& fallback) {
  const nlohmann::json* value = lookup(key);
  return value == nullptr ? fallback
                          : array_of<long long>(*this, key, *value, "integers", is_integer);
}

std::vector<std::string> JsonReader::strings(const std::string& key,
                                             const std::vector<std::string>& fallback) {
  const nlohmann::json* value = lookup(key);
  return value == nullptr ? fallback
                          : array_of<std::string>(*this, key, *value, "strings", is_string);
}

std::vector<std::vector<long long>> JsonReader::integer_lists(
    const std::string& key, const std::vector<std::vector<long long>>& fallback) {
  const nlohmann::json* value = lookup(key);
  if (value == nullptr) return fallback;
  if (!value->is_array())
    fail(key, "expected a list of lists of integers, got " + type_name(*value));
  std::vector<std::vector<long long>> result;
  for (std::size_t i = 0; i < value->size(); ++i)
    result.push_back(array_of<long long>(*this, key + "/" + std::to_string(i), (*value)[i],
                                         "integers", is_integer));
  return result;
}

std::vector<std::vector<double>> JsonReader::number_lists(
    const std::string& key, const std::vector<std::vector<double>>& fallback) {
  const nlohmann::json* value = lookup(key);
  if (value == nullptr) return fallback;
  if (!value->is_array())
    fail(key, "expected a list of lists of numbers, got " + type_name(*value));
  std::vector<std::vector<double>> result;
  for (std::size_t i = 0; i < value->size(); ++i)
    result.push_back(
        array_of<double>(*this, key + "/" + std::to_string(i), (*value)[i], "numbers", is_number));
  return result;
}

const nlohmann::json& JsonReader::raw(const std::string& key) {
  const nlohmann::json* value = lookup(key);
  if (value == nullptr) fail(key, "missing");
  return *value;
}

JsonReader JsonReader::object(const std::string& key) {
  const nlohmann::json* value = lookup(key);
  if (value == nullptr) return JsonReader(empty_object(), file_, path_of(key));
  if (!value->is_object()) fail(key, "expected an object, got " + type_name(*value));
  return JsonReader(*value, file_, path_of(key));
}

std::vector<std::string> JsonReader::keys() const {
  std::vector<std::string> names;
  for (const auto& item : value_.items()) names.push_back(item.key());
  return names;
}

void JsonReader::finish() const {
  for (const auto& item : value_.items())
    if (read_.count(item.key()) == 0) fail(item.key(), "unknown key");
}

namespace {

// Refuses a key that appears twice in one object (nlohmann keeps the last one silently, so a
// scenario with "rate" twice would run with whichever came last). Follows the parse to name the
// duplicate's JSON pointer.
class DuplicateKeyCheck {
 public:
  explicit DuplicateKeyCheck(std::string file) : file_(std::move(file)) {}

  bool operator()(int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        count_element();
        frames_.push_back({event == Event::object_start, {}, {}, -1});
        break;
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        break;
      case Event::key: {
        Frame& frame = frames_.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second)
          throw Error(file_ + ": " + pointer() + ": duplicate key (each key may appear once)");
        break;
      }
      case Event::value:
        count_element();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;  // object: the key being read
    long index;       // array: the element being read
  };

  void count_element() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }

  std::string pointer() const {
    std::string text;
    for (const Frame& frame : frames_)
      text += "/" + (frame.object ? frame.key : std::to_string(frame.index));
    return text;
  }

  std::string file_;
  std::vector<Frame> frames_;
};

}  // namespace

nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& kind) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw Error(file.string() + ": no such " + kind + " file");
  const std::string text = read_file(file);
  try {
    return nlohmann::json::parse(text, DuplicateKeyCheck(file.string()));
  } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number out of range
    throw Error(file.string() + ": invalid JSON: " + e.what());
  }
}

std::string read_plain_name(JsonReader& in, const std::string& fallback) {
  const std::string name = in.string("name", fallback);
  const bool control = std::any_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (name.empty() || name.find_first_of("/\\") != std::string::npos || name.front() == '.' ||
      control)
    in.fail("name",
            "must be a plain file name (no '/', not starting with '.', no control "
            "characters)");
  return name;
}

}  // namespace coinsim
