#include "app/sweep_summary.hpp"

#include "app/scenario_run.hpp"
#include "common/csv_stream.hpp"
#include "common/error.hpp"
#include "common/files.hpp"

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

std::string joined(const std::vector<std::string>& fields) {
  std::string line;
  for (const auto& f : fields) line += (line.empty() ? "" : ",") + f;
  return line;
}

// The columns every row of a point starts with.
std::vector<std::string> point_header(const Sweep& sweep) {
  std::vector<std::string> header = {"point"};
  header.insert(header.end(), sweep.axis_paths.begin(), sweep.axis_paths.end());
  header.insert(header.end(), {"seed", "k", "r"});
  return header;
}

// A swept value as a table column: a duration written with a unit ("5ms") in seconds, as the
// parsed scenario holds it, so that the column is numeric; anything else as written.
Json column_value(const std::string& path, const Json& written, const Json& parsed) {
  const Json::json_pointer pointer(path);
  if (written.is_string() && parsed.contains(pointer) && parsed.at(pointer).is_number())
    return parsed.at(pointer);
  return written;
}

std::vector<std::string> point_fields(const SweepPoint& point, const Scenario& s) {
  std::vector<std::string> fields = {field(point.name)};
  const Json parsed = to_json(s);
  for (const auto& [path, value] : point.settings)
    fields.push_back(field(column_value(path, value, parsed)));
  fields.insert(fields.end(),
                {std::to_string(s.seed), std::to_string(s.k()), std::to_string(s.r())});
  return fields;
}

double mean_of(const Json& values) {
  double sum = 0;
  for (const auto& v : values) sum += v.get<double>();
  return values.empty() ? 0.0 : sum / values.size();
}

const std::vector<std::string> kLatencyColumns = {"p50", "p90", "p99", "p99.9", "max", "mean"};
const std::vector<std::string> kAnswerColumns = {"original", "decoded", "backup", "fallback",
                                                 "failed"};
// Counts and costs of the run summary, under their own names: what was decoded, what the
// redundancy cost in requests and busy server time, what the faults took.
const std::vector<std::string> kRunColumns = {
    "fraction_at_deadline", "fraction_decoded",    "requests_sent",    "replies_received",
    "requests_executed",    "requests_cancelled",  "requests_lost",    "backups_sent",
    "host_failures",        "server_busy_seconds", "simulated_seconds"};

std::string summary_header(const Sweep& sweep) {
  auto header = point_header(sweep);
  header.insert(header.end(), {"strategy", "kind", "method", "servers", "queries", "measured"});
  for (const auto& c : kLatencyColumns) header.push_back("latency_" + c);
  // accuracy: per task under the point's rule (column scoring); then under every rule.
  header.insert(header.end(),
                {"scoring", "accuracy", "accuracy_task", "accuracy_all", "accuracy_query"});
  for (const auto& c : kAnswerColumns) header.push_back("answered_" + c);
  header.insert(header.end(), kRunColumns.begin(), kRunColumns.end());
  header.insert(header.end(), {"mean_utilisation", "scenario_hash", "git_revision"});
  return joined(header);
}

void summary_rows(CsvStream& csv, const SweepPoint& point, const Scenario& s, const Json& summary) {
  for (const auto& spec : s.strategies) {
    const Json& run = summary.at("strategies").at(spec.name);
    auto fields = point_fields(point, s);
    for (const auto& value : {Json(spec.name), Json(spec.kind), Json(spec.method),
                              run.at("servers"), run.at("queries"), run.at("measured")})
      fields.push_back(field(value));
    for (const auto& c : kLatencyColumns) fields.push_back(field(run.at("latency").at(c)));
    fields.push_back(field(Json(kind_name(s.tasks.scoring))));
    fields.push_back(field(run.at("accuracy")));
    for (const char* rule : {"task", "all", "query"})
      fields.push_back(field(run.at("accuracy_by_rule").at(rule)));
    for (const auto& c : kAnswerColumns) fields.push_back(field(run.at("answers").at(c)));
    for (const auto& c : kRunColumns) fields.push_back(field(run.at(c)));
    fields.push_back(field(mean_of(run.at("utilisation"))));
    fields.push_back(field(summary.at("provenance").at("scenario_hash")));
    fields.push_back(field(summary.at("provenance").at("git_revision")));
    csv.row("%s\n", joined(fields).c_str());
  }
}

std::string accuracy_header(const Sweep& sweep) {
  auto header = point_header(sweep);
  // available, degraded, reconstruction: under the point's rule (column scoring); then under each.
  header.insert(header.end(), {"method", "erased", "task", "images", "scoring", "available",
                               "degraded", "reconstruction", "available_task", "degraded_task",
                               "reconstruction_task", "available_all", "degraded_all",
                               "reconstruction_all", "construction_seconds", "construction_flops"});
  return joined(header);
}

void accuracy_rows(CsvStream& csv, const SweepPoint& point, const Scenario& s,
                   const Json& summary) {
  const Json& table = summary.at("accuracy_table");
  const Json construction = summary.value("construction", Json::object());
  for (const auto& row : table.at("decoded")) {
    const Json& task = table.at("tasks").at(row.at("task").get<std::size_t>());
    const std::string method = row.at("method").get<std::string>();
    const Json cost = construction.value(method, Json::object());
    const std::string rule = kind_name(s.tasks.scoring);
    auto fields = point_fields(point, s);
    for (const auto& value : {row.at("method"), row.at("erased"), row.at("task"), task.at("images"),
                              Json(rule), task.at("available").at(rule),
                              row.at("degraded").at(rule), row.at("reconstruction").at(rule)})
      fields.push_back(field(value));
    for (const char* other : {"task", "all"})
      for (const Json* value : {&task.at("available").at(other), &row.at("degraded").at(other),
                                &row.at("reconstruction").at(other)})
        fields.push_back(field(*value));
    fields.push_back(field(cost.value("wall_seconds", Json())));
    fields.push_back(field(cost.value("flops", Json())));
    csv.row("%s\n", joined(fields).c_str());
  }
}

Json sweep_record(const Sweep& sweep) {
  Json points = Json::array();
  for (const auto& point : sweep.points) {
    Json settings = Json::object();
    for (const auto& [path, value] : point.settings) settings[path] = value;
    points.push_back({{"name", point.name}, {"settings", settings}});
  }
  return {{"name", sweep.name},
          {"sweep_file", sweep.source.string()},
          {"axes", sweep.axis_paths},
          {"points", points}};
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
  CsvStream summary_csv(sweep.results_dir / "summary.csv", summary_header(sweep));
  CsvStream accuracy_csv(sweep.results_dir / "accuracy.csv", accuracy_header(sweep));
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    const Json summary = Json::parse(read_file(summary_path(scenarios[i])));
    summary_rows(summary_csv, sweep.points[i], scenarios[i], summary);
    accuracy_rows(accuracy_csv, sweep.points[i], scenarios[i], summary);
  }
  accuracy_csv.commit();
  write_file_atomically(sweep.results_dir / "sweep.json", sweep_record(sweep).dump(2) + "\n");
  summary_csv.commit();  // last: its presence means the sweep's tables are complete
}

}  // namespace coinsim
