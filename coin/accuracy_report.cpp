#include "coin/accuracy_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace coinsim {
namespace {

// Is `other` within noise of `best`? Paired over seeds: the 95% interval of the mean difference.
std::string compare(const Spread& best, const Spread& other) {
  const std::size_t n = best.values.size();
  if (n < 2) return "n/a";
  std::vector<double> differences;
  for (std::size_t i = 0; i < n; ++i) differences.push_back(best.values[i] - other.values[i]);
  const Spread d = spread_of(differences);
  const double half_width = t_quantile_975(static_cast<int>(n) - 1) * d.sd / std::sqrt(n);
  return d.mean <= half_width ? "within noise" : "below";
}

void mark_best(std::vector<ReportRow>& rows) {
  std::map<std::pair<std::string, int>, std::size_t> best;  // (erased, task) -> row
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto key = std::make_pair(rows[i].erased, rows[i].task);
    const auto found = best.find(key);
    if (found == best.end() || rows[i].degraded.mean > rows[found->second].degraded.mean)
      best[key] = i;
  }
  for (auto& row : rows) {
    const ReportRow& winner = rows[best.at({row.erased, row.task})];
    row.versus_best = &row == &winner ? "best" : compare(winner.degraded, row.degraded);
  }
}

std::vector<MethodCost> aggregate_costs(const std::vector<nlohmann::json>& constructions) {
  std::vector<MethodCost> costs;
  for (const auto& [method, first] : constructions.front().items()) {
    MethodCost cost;
    cost.method = method;
    cost.flops = first.at("flops").get<double>();
    std::vector<double> seconds;
    cost.details = nlohmann::json::array();
    for (const auto& construction : constructions) {
      seconds.push_back(construction.at(method).at("wall_seconds").get<double>());
      nlohmann::json details = construction.at(method);
      details.erase("wall_seconds");
      details.erase("flops");
      cost.details.push_back(details);
    }
    cost.wall_seconds = spread_of(seconds);
    costs.push_back(cost);
  }
  return costs;
}

nlohmann::json spread_json(const Spread& s) {
  return {{"mean", s.mean}, {"sd", s.sd}, {"values", s.values}};
}

}  // namespace

Spread spread_of(std::vector<double> values) {
  Spread s;
  const auto n = static_cast<double>(values.size());
  for (const double v : values) s.mean += v / n;
  double squares = 0;
  for (const double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = values.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
  s.values = std::move(values);
  return s;
}

double t_quantile_975(int df) {
  static const double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                  2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                  2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                  2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) throw std::invalid_argument("t quantile needs at least one degree of freedom");
  if (df <= 30) return kTable[df - 1];
  return 1.959964 + 2.4 / df;  // within 0.3% of the exact value beyond 30
}

AccuracyReport aggregate_accuracy(const std::vector<std::uint64_t>& seeds,
                                  const std::vector<AccuracyTable>& tables,
                                  const std::vector<nlohmann::json>& constructions) {
  AccuracyReport report;
  report.seeds = seeds;
  const AccuracyTable& first = tables.front();
  for (std::size_t r = 0; r < first.decoded.size(); ++r) {
    ReportRow row;
    row.method = first.decoded[r].method;
    row.erased = first.decoded[r].erased;
    row.task = first.decoded[r].task;
    row.images = first.tasks[row.task].images;
    std::vector<double> available, degraded, reconstruction;
    for (const auto& table : tables) {
      available.push_back(table.tasks[row.task].available);
      degraded.push_back(table.decoded[r].degraded);
      reconstruction.push_back(table.decoded[r].reconstruction);
    }
    row.available = spread_of(available);
    row.degraded = spread_of(degraded);
    row.reconstruction = spread_of(reconstruction);
    report.rows.push_back(row);
  }
  mark_best(report.rows);
  report.costs = aggregate_costs(constructions);
  return report;
}

nlohmann::json to_json(const AccuracyReport& report) {
  nlohmann::json json = {{"seeds", report.seeds},
                         {"rows", nlohmann::json::array()},
                         {"construction", nlohmann::json::object()}};
  for (const auto& row : report.rows)
    json["rows"].push_back({{"method", row.method},
                            {"erased", row.erased},
                            {"task", row.task},
                            {"images", row.images},
                            {"available", spread_json(row.available)},
                            {"degraded", spread_json(row.degraded)},
                            {"reconstruction", spread_json(row.reconstruction)},
                            {"versus_best", row.versus_best}});
  for (const auto& cost : report.costs)
    json["construction"][cost.method] = {{"wall_seconds", spread_json(cost.wall_seconds)},
                                         {"flops", cost.flops},
                                         {"details", cost.details}};
  return json;
}

std::string to_csv(const AccuracyReport& report) {
  std::string csv =
      "method,erased,task,images,seeds,available_mean,available_sd,degraded_mean,degraded_sd,"
      "reconstruction_mean,reconstruction_sd,versus_best,construction_seconds_mean,"
      "construction_seconds_sd,construction_flops\n";
  std::map<std::string, const MethodCost*> costs;
  for (const auto& cost : report.costs) costs[cost.method] = &cost;
  char line[512];
  for (const auto& r : report.rows) {
    const auto found = costs.find(r.method);
    const MethodCost* cost = found == costs.end() ? nullptr : found->second;
    std::snprintf(line, sizeof(line), "%s,%s,%d,%d,%zu,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%s,",
                  r.method.c_str(), r.erased.c_str(), r.task, r.images, report.seeds.size(),
                  r.available.mean, r.available.sd, r.degraded.mean, r.degraded.sd,
                  r.reconstruction.mean, r.reconstruction.sd, r.versus_best.c_str());
    csv += line;
    if (cost != nullptr) {
      std::snprintf(line, sizeof(line), "%.6g,%.6g,%.6g\n", cost->wall_seconds.mean,
                    cost->wall_seconds.sd, cost->flops);
      csv += line;
    } else {
      csv += ",,\n";  // the default answer costs nothing
    }
  }
  return csv;
}

std::string to_text(const AccuracyReport& report) {
  int width = 6;
  for (const auto& r : report.rows) width = std::max(width, static_cast<int>(r.method.size()));
  char line[512];
  std::snprintf(line, sizeof(line),
                "%-*s  erased  task  available        degraded         reconstruction   vs best\n",
                width, "method");
  std::string text = line;
  for (const auto& r : report.rows) {
    std::snprintf(line, sizeof(line),
                  "%-*s  %-6s  %4d  %.4f ± %.4f  %.4f ± %.4f  %.4f ± %.4f  %s\n", width,
                  r.method.c_str(), r.erased.c_str(), r.task, r.available.mean, r.available.sd,
                  r.degraded.mean, r.degraded.sd, r.reconstruction.mean, r.reconstruction.sd,
                  r.versus_best.c_str());
    text += line;
  }
  text += "\nconstruction cost (wall seconds on this machine, mean ± sd; counted flops):\n";
  for (const auto& c : report.costs) {
    std::snprintf(line, sizeof(line), "%-*s  %9.3f ± %.3f s  %10.3g flops\n", width,
                  c.method.c_str(), c.wall_seconds.mean, c.wall_seconds.sd, c.flops);
    text += line;
  }
  return text;
}

}  // namespace coinsim
