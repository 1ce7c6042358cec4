// Settings by JSON path: `coinsim run X.json --set /load/rate=800` and a sweep's "set" object
// change a scenario document before it is parsed, so the changed scenario is checked exactly like
// a file that said so.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace coinsim {

struct Setting {
  std::string path;      // a JSON pointer: "/load/rate"
  nlohmann::json value;  // any JSON value
};

// "PATH=VALUE" from a command line: VALUE as JSON (800, true, [1, 2], {"a": 1}, "x"), or else as
// a string (5ms, my-run). Throws UsageError for no "=" or a path without a leading "/".
Setting parse_setting(const std::string& text);

// `document` with `setting` applied; throws Error("<why>") when the path cannot exist in a
// scenario (it runs through a number, say), for the caller to place.
nlohmann::json with_setting(nlohmann::json document, const Setting& setting);

// The scenario in `file` with `settings` applied in order; a relative path among the settings is
// taken from the working directory, those of the file from its folder. Errors name the file and,
// when settings were given, say so: "x.json (with --set /load/rte=800): /load/rte: unknown key".
Scenario load_scenario(const std::filesystem::path& file, const std::vector<Setting>& settings);

// The columns every sweep table gives each point after its settings: the resolved seed, k, r and
// dataset (its name).
inline const std::vector<std::string> kPointColumns = {"seed", "k", "r", "dataset"};

// The table column of a setting: the path's keys joined by "_", every other character that
// pandas or a shell would trip on made "_", and "_s" after a duration (its values in seconds):
// "/load/rate" -> "load_rate", "/serving/deadline" -> "serving_deadline_s". A column that would
// be one of kPointColumns gets "_setting" ("/dataset" -> "dataset_setting": the written object,
// beside "dataset", the name it resolved to).
std::string setting_column(const std::string& path);

// "--set /load/rate=800 --set /seed=2" (for messages and provenance).
std::string settings_text(const std::vector<Setting>& settings);

}  // namespace coinsim
