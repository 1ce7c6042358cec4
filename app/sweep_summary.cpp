#include "app/sweep_summary.hpp"

#include <map>

#include "app/scenario_run.hpp"
#include "common/csv_stream.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "scenario/settings.hpp"

namespace coinsim {
namespace {

using Json = nlohmann::json;

// A CSV field: numbers in their shortest exact form, text quoted when it needs to be.
std::string field(const Json& value) {
  if (value.is_null()) return "";
  std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string joined(const std::vector<std::string>& fields, const char* separator = ",") {
  std::string line;
  for (const auto& f : fields) line += (line.empty() ? "" : separator) + f;
  return line;
}

// Every path the sweep sets, swept ones first, with its column; "/seed" has the seed column.
using SettingColumns = std::vector<std::pair<std::string, std::string>>;  // (path, column)

SettingColumns setting_columns(const Sweep& sweep) {
  SettingColumns columns;
  std::vector<std::string> paths = sweep.axis_paths;
  for (const auto& [path, value] : sweep.fixed_settings) paths.push_back(path);
  for (const auto& path : paths)
    if (path != "/seed") columns.emplace_back(path, setting_column(path));
  return columns;
}

// A setting's value in a point as a table column: a duration written with a unit ("5ms") in
// seconds, as the parsed scenario holds it, so that the column is numeric; else as written.
Json column_value(const std::string& path, const Json& written, const Json& parsed) {
  const Json::json_pointer pointer(path);
  if (written.is_string() && parsed.contains(pointer) && parsed.at(pointer).is_number())
    return parsed.at(pointer);
  return written;
}

// One point of the sweep, read back from its summary: what its rows are made of.
struct PointRecord {
  const SweepPoint* point = nullptr;
  const Scenario* scenario = nullptr;
  Json summary;
  std::map<std::string, std::string> settings;  // column -> field, for every setting column
  std::string models_hash;  // the cached output table: task models and coded models
};

// A point's values for kPointColumns, the columns after the settings in every table.
std::vector<std::string> point_fields(const Scenario& s) {
  return {std::to_string(s.seed), std::to_string(s.k()), std::to_string(s.r()),
          kind_name(s.dataset.name)};
}

void append(std::vector<std::string>& to, const std::vector<std::string>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

PointRecord read_point(const Sweep& sweep, const SettingColumns& columns, const SweepPoint& point,
                       const Scenario& s) {
  PointRecord record{&point, &s, Json::parse(read_file(summary_path(s))), {}, {}};
  const Json parsed = to_json(s);
  std::map<std::string, Json> written(point.settings.begin(), point.settings.end());
  for (const auto& [path, value] : sweep.fixed_settings) written.emplace(path, value);
  for (const auto& [path, column] : columns)
    record.settings[column] = field(column_value(path, written.at(path), parsed));
  const std::filesystem::path table =
      record.summary.at("provenance").at("output_table").get<std::string>();
  record.models_hash = table.stem().string();
  return record;
}

// The per-strategy values of a run summary, under the same names in the table.
const std::vector<std::string> kRunColumns = {
    "servers", "queries", "queries_measured", "latency_p50_s", "latency_p90_s", "latency_p99_s",
    "latency_p999_s", "latency_max_s", "latency_mean_s",
    // accuracy per task under the point's rule (column scoring); then under every rule
    "scoring", "accuracy", "accuracy_task", "accuracy_all", "accuracy_query",
    // how tasks were answered (fractions of scored tasks) and queries finalised (of measured ones)
    "fraction_tasks_original", "fraction_tasks_decoded", "fraction_tasks_backup",
    "fraction_tasks_fallback", "fraction_tasks_failed", "fraction_queries_with_decoded_output",
    "fraction_queries_at_deadline",
    // what the redundancy cost in requests and busy server time, what the faults took
    "requests_sent", "replies_received", "requests_executed", "requests_cancelled", "requests_lost",
    "backups_sent", "host_failures", "server_busy_s", "simulated_s"};

std::string summary_header(const SettingColumns& columns) {
  std::vector<std::string> header = {"point"};
  for (const auto& [path, column] : columns) header.push_back(column);
  append(header, kPointColumns);
  append(header, {"strategy", "kind", "method"});
  append(header, kRunColumns);
  header.insert(header.end(), {"mean_utilisation", "scenario_hash", "models_hash", "git_revision"});
  return joined(header);
}

double mean_of(const Json& values) {
  double sum = 0;
  for (const auto& v : values) sum += v.get<double>();
  return values.empty() ? 0.0 : sum / values.size();
}

void summary_rows(CsvStream& csv, const SettingColumns& columns, const PointRecord& p) {
  std::vector<std::string> leading = {field(p.point->name)};
  for (const auto& [path, column] : columns) leading.push_back(p.settings.at(column));
  append(leading, point_fields(*p.scenario));
  for (const auto& spec : p.scenario->strategies) {
    const Json& run = p.summary.at("strategies").at(spec.name);
    auto fields = leading;
    for (const auto& value : {Json(spec.name), Json(kind_name(spec.kind)), Json(spec.method)})
      fields.push_back(field(value));
    for (const auto& column : kRunColumns) fields.push_back(field(run.at(column)));
    fields.push_back(field(mean_of(run.at("utilisation"))));
    fields.push_back(field(p.summary.at("provenance").at("scenario_hash")));
    fields.push_back(p.models_hash);
    fields.push_back(field(p.summary.at("provenance").at("git_revision")));
    csv.row("%s\n", joined(fields).c_str());
  }
}

// Points whose accuracy rows are the same numbers: one table (models), decoded and scored alike.
struct AccuracyGroup {
  std::vector<const PointRecord*> points;
};

std::string accuracy_key(const PointRecord& p) {
  return p.models_hash + " " + kind_name(p.scenario->coding.decoding) + " " +
         kind_name(p.scenario->tasks.scoring);
}

std::vector<AccuracyGroup> accuracy_groups(const std::vector<PointRecord>& points) {
  std::vector<AccuracyGroup> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& p : points) {
    const auto [at, added] = index.emplace(accuracy_key(p), groups.size());
    if (added) groups.emplace_back();
    groups[at->second].points.push_back(&p);
  }
  return groups;
}

// The setting columns that stay put within every group: the settings the models depend on.
std::vector<std::string> model_setting_columns(const SettingColumns& settings,
                                               const std::vector<AccuracyGroup>& groups) {
  std::vector<std::string> columns;
  for (const auto& [path, column] : settings) {
    bool constant = true;
    for (const auto& group : groups)
      for (const PointRecord* p : group.points)
        constant = constant && p->settings.at(column) == group.points.front()->settings.at(column);
    if (constant) columns.push_back(column);
  }
  return columns;
}

std::string accuracy_header(const std::vector<std::string>& model_settings) {
  std::vector<std::string> header = {"models_hash", "points"};
  append(header, model_settings);
  append(header, kPointColumns);
  // available, degraded, reconstruction: under the rule of column scoring; then under each rule.
  append(header, {"decoding", "method", "erased", "task", "images", "scoring", "available",
                  "degraded", "reconstruction", "available_task", "degraded_task",
                  "reconstruction_task", "available_all", "degraded_all", "reconstruction_all",
                  "construction_s", "construction_flops"});
  return joined(header);
}

void accuracy_rows(CsvStream& csv, const AccuracyGroup& group,
                   const std::vector<std::string>& model_settings) {
  const PointRecord& p = *group.points.front();
  std::vector<std::string> names;
  for (const PointRecord* member : group.points) names.push_back(member->point->name);
  std::vector<std::string> leading = {p.models_hash, joined(names, " ")};
  for (const auto& column : model_settings) leading.push_back(p.settings.at(column));
  append(leading, point_fields(*p.scenario));
  leading.push_back(kind_name(p.scenario->coding.decoding));
  const Json& table = p.summary.at("accuracy_table");
  const Json construction = p.summary.value("construction", Json::object());
  const std::string rule = kind_name(p.scenario->tasks.scoring);
  for (const auto& row : table.at("decoded")) {
    const Json& task = table.at("tasks").at(row.at("task").get<std::size_t>());
    const Json cost = construction.value(row.at("method").get<std::string>(), Json::object());
    auto fields = leading;
    for (const auto& value : {row.at("method"), row.at("erased"), row.at("task"), task.at("images"),
                              Json(rule), task.at("available").at(rule),
                              row.at("degraded").at(rule), row.at("reconstruction").at(rule)})
      fields.push_back(field(value));
    for (const char* other : {"task", "all"})
      for (const Json* value : {&task.at("available").at(other), &row.at("degraded").at(other),
                                &row.at("reconstruction").at(other)})
        fields.push_back(field(*value));
    fields.push_back(field(cost.value("wall_s", Json())));
    fields.push_back(field(cost.value("flops", Json())));
    csv.row("%s\n", joined(fields).c_str());
  }
}

Json sweep_record(const Sweep& sweep, const SettingColumns& settings) {
  Json points = Json::array();
  for (const auto& point : sweep.points) {
    Json settings = Json::object();
    for (const auto& [path, value] : point.settings) settings[path] = value;
    points.push_back({{"name", point.name}, {"settings", settings}});
  }
  Json fixed = Json::object();
  for (const auto& [path, value] : sweep.fixed_settings) fixed[path] = value;
  Json columns = Json::object();
  for (const auto& [path, column] : settings) columns[path] = column;
  return {{"name", sweep.name},       {"sweep_file", sweep.source.string()},
          {"axes", sweep.axis_paths}, {"set", fixed},
          {"columns", columns},       {"points", points}};
}

}  // namespace

std::vector<std::string> incomplete_points(const Sweep& sweep,
                                           const std::vector<Scenario>& scenarios) {
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < sweep.points.size(); ++i)
    if (!run_is_complete(scenarios[i])) missing.push_back(sweep.points[i].name);
  return missing;
}

void write_sweep_tables(const Sweep& sweep, const std::vector<Scenario>& scenarios) {
  const auto missing = incomplete_points(sweep, scenarios);
  if (!missing.empty()) {
    std::string names;
    for (std::size_t i = 0; i < missing.size() && i < 5; ++i) names += (i ? ", " : "") + missing[i];
    if (missing.size() > 5) names += ", ...";
    throw Error(sweep.results_dir.string() + ": " + std::to_string(missing.size()) + " of " +
                std::to_string(sweep.points.size()) + " points are not complete (" + names +
                "); run them (every shard) first");
  }
  const SettingColumns columns = setting_columns(sweep);
  std::vector<PointRecord> points;
  for (std::size_t i = 0; i < sweep.points.size(); ++i)
    points.push_back(read_point(sweep, columns, sweep.points[i], scenarios[i]));
  CsvStream summary_csv(sweep.results_dir / "summary.csv", summary_header(columns));
  for (const auto& p : points) summary_rows(summary_csv, columns, p);
  const auto groups = accuracy_groups(points);
  const auto model_settings = model_setting_columns(columns, groups);
  CsvStream accuracy_csv(sweep.results_dir / "accuracy.csv", accuracy_header(model_settings));
  for (const auto& group : groups) accuracy_rows(accuracy_csv, group, model_settings);
  accuracy_csv.commit();
  write_file_atomically(sweep.results_dir / "sweep.json",
                        sweep_record(sweep, columns).dump(2) + "\n");
  summary_csv.commit();  // last: its presence means the sweep's tables are complete
}

}  // namespace coinsim
