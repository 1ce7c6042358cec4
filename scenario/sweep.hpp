// A sweep file: a base scenario (inline, or the path of a scenario file) and axes over its JSON
// paths, expanded into one scenario per point.
//   {"name": "load", "base": "scenarios/default.json",
//    "axes": [{"path": "/load/rate", "values": [600, 900, 1200]},
//             {"zip": [{"path": "/coding/r", "values": [1, 2]},
//                      {"path": "/tasks/classes", "values": [[[0, 1], [2, 3]], [[0], [1],
//                      [2]]]}]}]}
// An optional "set" object fixes other paths of the base first ({"/load/queries": 5000}).
// Every set or swept path gets its own column in the sweep's tables (settings.hpp,
// setting_column): two paths that would share one are refused.
// Axes combine as a cartesian product, in order (the last axis varies fastest); a "zip" axis
// moves its paths together, value j of each at once. Every point gets a readable name built from
// its settings ("rate=600_r=1"), its results go to <results>/<point name>/, and the trained
// models stay shared through the cache. Every value is checked against the real scenario schema
// before anything runs: a path that is not a scenario field, an empty list, a wrong type, a zip of
// unequal lengths or an impossible combination is one line naming the sweep file and JSON path.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"

namespace coinsim {

struct SweepPoint {
  std::string name;
  std::vector<std::pair<std::string, nlohmann::json>> settings;  // JSON path -> value
  nlohmann::json scenario;  // the base with the settings applied, its name and output folder set
};

struct Sweep {
  std::filesystem::path source;
  std::string name;
  std::filesystem::path results_dir;    // /output/dir of the sweep, default results/<name>
  std::vector<std::string> axis_paths;  // every swept path, in axis order
  // The "set" object: paths fixed for every point, in path order.
  std::vector<std::pair<std::string, nlohmann::json>> fixed_settings;
  std::vector<SweepPoint> points;
  // Where the points' relative paths come from: the base file's folder for its own, the sweep
  // file's for the values it sets or sweeps, the working directory for the points' folders.
  PathOrigins origins;
};

// Throws coinsim::Error with a one-line message on any problem.
Sweep load_sweep(const std::filesystem::path& file);
Sweep parse_sweep(const nlohmann::json& document, const std::filesystem::path& file);

}  // namespace coinsim
