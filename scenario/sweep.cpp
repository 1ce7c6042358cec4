#include "scenario/sweep.hpp"

#include <map>
#include <set>

#include "common/error.hpp"
#include "common/files.hpp"
#include "scenario/json_reader.hpp"
#include "scenario/scenario.hpp"
#include "scenario/settings.hpp"

namespace coinsim {
namespace {

using Json = nlohmann::json;

// One axis: its paths (one, or several zipped) and, per step, one value for each path.
struct Axis {
  std::string pointer;  // where it sits in the sweep file, for errors
  std::vector<std::string> paths;
  std::vector<std::vector<Json>> steps;
};

// The base scenario; `origins.folder` becomes the folder its relative paths are taken from: the
// base file's, or the sweep file's for a base written inline.
Json read_base(JsonReader& in, const std::filesystem::path& file, PathOrigins& origins) {
  const Json& base = in.raw("base");
  origins.folder = file.parent_path();
  if (base.is_object()) return base;
  if (!base.is_string())
    in.fail("base", "expected a scenario object or the path of a scenario file");
  const std::filesystem::path written = base.get<std::string>();
  const std::filesystem::path path = path_from(file.parent_path(), written);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    in.fail("base", "no such scenario file \"" + path.string() + "\"" +
                        (written.is_relative() ? " (relative paths are taken from the sweep "
                                                 "file's folder)"
                                               : ""));
  origins.folder = path.parent_path();
  try {
    return read_json_file(path, "scenario");
  } catch (const Error& e) {
    throw Error(std::string(e.what()) + " (the base of " + file.string() + ")");
  }
}

// The sweep gives every point its own name and results folder: a setting there would be
// overwritten without a word, so it is refused.
bool set_by_the_sweep(const std::string& path) {
  return path == "/name" || path == "/output" || path == "/output/dir";
}

const char* const kSetByTheSweep =
    " is set by the sweep for each point (its name and results folder); use the sweep's own "
    "/name and /output/dir";

std::pair<std::string, std::vector<Json>> read_path_values(JsonReader in) {
  const std::string path = in.string("path", "");
  if (path.empty() || path.front() != '/')
    in.fail("path", "expected a JSON path such as \"/load/rate\"");
  if (set_by_the_sweep(path)) in.fail("path", "\"" + path + "\"" + kSetByTheSweep);
  const Json& values = in.raw("values");
  if (!values.is_array()) in.fail("values", "expected a list of values");
  if (values.empty()) in.fail("values", "needs at least one value");
  in.finish();
  return {path, std::vector<Json>(values.begin(), values.end())};
}

Axis read_axis(const Json& value, const std::filesystem::path& file, const std::string& pointer) {
  if (!value.is_object()) throw Error(file.string() + ": " + pointer + ": expected an axis object");
  JsonReader in(value, file.string(), pointer);
  Axis axis;
  axis.pointer = pointer;
  if (!in.has("zip")) {
    auto [path, values] = read_path_values(in);
    axis.paths = {path};
    for (auto& v : values) axis.steps.push_back({v});
    return axis;
  }
  const Json& zipped = in.raw("zip");
  in.finish();
  if (!zipped.is_array() || zipped.empty()) in.fail("zip", "expected a list of {path, values}");
  for (std::size_t i = 0; i < zipped.size(); ++i) {
    if (!zipped[i].is_object()) in.fail("zip/" + std::to_string(i), "expected {path, values}");
    auto [path, values] = read_path_values(
        JsonReader(zipped[i], file.string(), pointer + "/zip/" + std::to_string(i)));
    if (i > 0 && values.size() != axis.steps.size())
      in.fail("zip/" + std::to_string(i) + "/values",
              "zipped lists must have the same length: " + std::to_string(values.size()) +
                  " values against " + std::to_string(axis.steps.size()));
    axis.steps.resize(values.size());
    axis.paths.push_back(path);
    for (std::size_t j = 0; j < values.size(); ++j) axis.steps[j].push_back(values[j]);
  }
  return axis;
}

// "rate=600": the path's last segment and the value if it is a number, string or boolean; for an
// object, its string fields ("model=lenet5"); else "v" and the value's index in its list
// ("classes=v1").
std::string label(const std::string& path, const Json& value, std::size_t index) {
  std::string text = path.substr(path.rfind('/') + 1) + "=";
  std::string names;
  if (value.is_object())
    for (const auto& field : value)
      if (field.is_string()) names += (names.empty() ? "" : "-") + field.get<std::string>();
  if (value.is_string())
    text += value.get<std::string>();
  else if (value.is_primitive())
    text += value.dump();
  else if (!names.empty())
    text += names;
  else
    text += "v" + std::to_string(index);
  for (char& c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '=' && c != '-' &&
        c != '+')
      c = '-';
  return text;
}

// The error of a scenario, without the file the parser named (the sweep names its own).
std::string scenario_error(const Json& document, const std::filesystem::path& file,
                           const PathOrigins& origins) {
  try {
    parse_scenario(document, file, origins);
    return "";
  } catch (const Error& e) {
    const std::string message = e.what();
    const std::string prefix = file.string() + ": ";
    return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
  }
}

// Each step of each axis (all paths of a zip at once) against the base alone: an error names the
// axis and its values.
void check_axes(const Json& base, const std::vector<Axis>& axes, const std::filesystem::path& file,
                const PathOrigins& origins) {
  for (const auto& axis : axes)
    for (std::size_t j = 0; j < axis.steps.size(); ++j) {
      Json document = base;
      std::string settings;
      for (std::size_t p = 0; p < axis.paths.size(); ++p) {
        try {
          document = with_setting(document, {axis.paths[p], axis.steps[j][p]});
        } catch (const Error&) {
          throw Error(file.string() + ": " + axis.pointer + ": \"" + axis.paths[p] +
                      "\" cannot be set in the scenario");
        }
        settings += (p ? ", " : "") + axis.paths[p] + " = " + axis.steps[j][p].dump();
      }
      const std::string error = scenario_error(document, file, origins);
      if (!error.empty())
        throw Error(file.string() + ": " + axis.pointer + ": " + settings + ": " + error);
    }
}

// "set": fixed settings applied to the base before the axes ({"/strategies": ["none", "coin"]}),
// so that a sweep can adjust a shared base file without copying it. They are checked together,
// since one may need another (methods and the strategies that serve them).
Json apply_fixed_settings(JsonReader& in, Json base, const std::filesystem::path& file,
                          PathOrigins& origins) {
  if (!in.has("set")) return base;
  const Json& settings = in.raw("set");
  if (!settings.is_object()) in.fail("set", "expected an object of JSON paths and values");
  for (const auto& item : settings.items()) {
    const std::string& path = item.key();
    const Json& value = item.value();
    const auto fail = [&](const std::string& why) {
      throw Error(file.string() + ": /set: " + path + " = " + value.dump() + ": " + why);
    };
    if (path.empty() || path.front() != '/') fail("expected a JSON path such as \"/load/rate\"");
    if (set_by_the_sweep(path)) fail(std::string("it") + kSetByTheSweep);
    origins.set_at[path] = file.parent_path();  // a path among the values: the sweep file's
    try {
      base = with_setting(base, {path, value});
    } catch (const Error&) {
      fail("cannot be set in the scenario");
    }
  }
  if (const std::string error = scenario_error(base, file, origins); !error.empty())
    throw Error(file.string() + ": /set: " + error);
  return base;
}

// Each set or swept path in a column of its own: "/a-b" and "/a/b" would both be "a_b".
void check_columns(const Sweep& sweep, const std::filesystem::path& file) {
  std::map<std::string, std::string> path_of_column;
  std::vector<std::string> paths;
  for (const auto& [path, value] : sweep.fixed_settings) paths.push_back(path);
  paths.insert(paths.end(), sweep.axis_paths.begin(), sweep.axis_paths.end());
  for (const auto& path : paths) {
    const auto [at, added] = path_of_column.emplace(setting_column(path), path);
    if (added) continue;
    if (at->second == path)
      throw Error(file.string() + ": \"" + path + "\" is both in /set and swept; keep one");
    throw Error(file.string() + ": \"" + at->second + "\" and \"" + path +
                "\" would share the table column \"" + at->first + "\"; sweep one of them");
  }
}

std::vector<SweepPoint> expand(const Json& base, const std::vector<Axis>& axes) {
  std::vector<SweepPoint> points = {SweepPoint{"", {}, base}};
  for (const auto& axis : axes) {
    std::vector<SweepPoint> next;
    for (const auto& point : points)
      for (std::size_t j = 0; j < axis.steps.size(); ++j) {
        SweepPoint extended = point;
        for (std::size_t p = 0; p < axis.paths.size(); ++p) {
          extended.settings.emplace_back(axis.paths[p], axis.steps[j][p]);
          extended.scenario = with_setting(extended.scenario, {axis.paths[p], axis.steps[j][p]});
          extended.name +=
              (extended.name.empty() ? "" : "_") + label(axis.paths[p], axis.steps[j][p], j);
        }
        next.push_back(std::move(extended));
      }
    points = std::move(next);
  }
  return points;
}

}  // namespace

Sweep parse_sweep(const Json& document, const std::filesystem::path& file) {
  if (!document.is_object()) throw Error(file.string() + ": expected a JSON object");
  JsonReader in(document, file.string(), "");
  Sweep sweep;
  sweep.source = file;
  sweep.name = read_plain_name(in, file.stem().string());
  if (!in.has("base")) in.fail("base", "a sweep needs a base scenario");
  Json base = read_base(in, file, sweep.origins);
  base = apply_fixed_settings(in, std::move(base), file, sweep.origins);
  const Json& axes_json = in.raw("axes");
  if (!axes_json.is_array() || axes_json.empty())
    in.fail("axes", "expected a non-empty list of axes");
  JsonReader output = in.object("output");
  sweep.results_dir = output.has("dir") ? path_from(file.parent_path(), output.string("dir", ""))
                                        : std::filesystem::path("results/" + sweep.name);
  // The sweep names each point's folder itself, from the working directory.
  sweep.origins.set_at["/output/dir"] = "";
  output.finish();
  in.finish();

  std::vector<Axis> axes;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < axes_json.size(); ++i) {
    axes.push_back(read_axis(axes_json[i], file, "/axes/" + std::to_string(i)));
    for (const auto& path : axes.back().paths) {
      if (!seen.insert(path).second)
        throw Error(file.string() + ": /axes/" + std::to_string(i) + ": \"" + path +
                    "\" is swept twice");
      sweep.axis_paths.push_back(path);
      sweep.origins.set_at[path] = file.parent_path();
    }
  }
  if (document.contains("set"))
    for (const auto& item : document.at("set").items())
      sweep.fixed_settings.emplace_back(item.key(), item.value());
  check_columns(sweep, file);
  check_axes(base, axes, file, sweep.origins);
  sweep.points = expand(base, axes);
  std::set<std::string> names;
  for (auto& point : sweep.points) {
    if (!names.insert(point.name).second)
      throw Error(file.string() + ": two points are both named \"" + point.name +
                  "\" (values that differ only in punctuation); make the values distinct");
    point.scenario["name"] = point.name;
    point.scenario["output"]["dir"] = (sweep.results_dir / point.name).string();
    const std::string error = scenario_error(point.scenario, file, sweep.origins);
    if (!error.empty()) throw Error(file.string() + ": point " + point.name + ": " + error);
  }
  return sweep;
}

Sweep load_sweep(const std::filesystem::path& file) {
  return parse_sweep(read_json_file(file, "sweep"), file);
}

}  // namespace coinsim
