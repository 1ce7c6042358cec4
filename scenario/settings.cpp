#include "scenario/settings.hpp"

#include <algorithm>
#include <cctype>

#include "common/error.hpp"
#include "scenario/duration.hpp"
#include "scenario/json_reader.hpp"

namespace coinsim {

using Json = nlohmann::json;

Setting parse_setting(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos)
    throw UsageError("--set " + text + ": expected PATH=VALUE, such as /load/rate=800");
  Setting setting{text.substr(0, equals), Json()};
  if (setting.path.empty() || setting.path.front() != '/')
    throw UsageError("--set " + text + ": the path must be a JSON path such as /load/rate");
  const std::string value = text.substr(equals + 1);
  setting.value = Json::parse(value, nullptr, false);
  if (setting.value.is_discarded()) setting.value = value;
  return setting;
}

Json with_setting(Json document, const Setting& setting) {
  try {
    document[Json::json_pointer(setting.path)] = setting.value;
  } catch (const Json::exception&) {
    throw Error(setting.path + " = " + setting.value.dump() + ": cannot be set in the scenario");
  }
  return document;
}

std::string setting_column(const std::string& path) {
  std::string column;
  for (const char c : path.substr(path.empty() || path[0] != '/' ? 0 : 1))
    column += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  const auto last = path.rfind('/');
  const std::string key = last == std::string::npos ? path : path.substr(last + 1);
  if (is_duration_key(key)) return column + "_s";
  const bool taken =
      std::find(kPointColumns.begin(), kPointColumns.end(), column) != kPointColumns.end();
  return taken ? column + "_setting" : column;
}

std::string settings_text(const std::vector<Setting>& settings) {
  std::string text;
  for (const auto& s : settings)
    text += (text.empty() ? "" : " ") + ("--set " + s.path + "=") +
            (s.value.is_string() ? s.value.get<std::string>() : s.value.dump());
  return text;
}

Scenario load_scenario(const std::filesystem::path& file, const std::vector<Setting>& settings) {
  Json document = read_json_file(file, "scenario");
  const std::string named = file.string() + " (with " + settings_text(settings) + ")";
  try {
    for (const auto& setting : settings) document = with_setting(std::move(document), setting);
  } catch (const Error& e) {
    throw Error(named + ": " + e.what());
  }
  if (settings.empty()) return parse_scenario(document, file);
  // A path typed on the command line is the shell's: relative to the working directory.
  PathOrigins origins{file.parent_path(), {}};
  for (const auto& setting : settings) origins.set_at[setting.path] = "";
  try {
    return parse_scenario(document, file, origins);
  } catch (const Error& e) {
    const std::string message = e.what();
    const std::string prefix = file.string() + ": ";
    if (message.rfind(prefix, 0) != 0) throw;
    throw Error(named + ": " + message.substr(prefix.size()));
  }
}

}  // namespace coinsim
