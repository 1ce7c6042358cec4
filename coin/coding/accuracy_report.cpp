#include "coin/coding/accuracy_report.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
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

void mark_best(std::vector<ReportRow>& rows, ScoringRule rule) {
  std::map<std::pair<std::string, int>, std::size_t> best;  // (erased, task) -> row
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto key = std::make_pair(rows[i].erased, rows[i].task);
    const auto found = best.find(key);
    if (found == best.end() ||
        rows[i].degraded[rule].mean > rows[found->second].degraded[rule].mean)
      best[key] = i;
  }
  for (auto& row : rows) {
    const ReportRow& winner = rows[best.at({row.erased, row.task})];
    row.versus_best[rule] =
        &row == &winner ? "best" : compare(winner.degraded[rule], row.degraded[rule]);
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
      seconds.push_back(construction.at(method).at("wall_s").get<double>());
      nlohmann::json details = construction.at(method);
      details.erase("wall_s");
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

nlohmann::json rule_json(const ByRule<Spread>& s) {
  return {{"task", spread_json(s.task)}, {"all", spread_json(s.all)}};
}

// The rules in the order a report lists them: the scenario's first.
std::vector<ScoringRule> rules_in_order(ScoringRule first) {
  return first == ScoringRule::task ? std::vector<ScoringRule>{ScoringRule::task, ScoringRule::all}
                                    : std::vector<ScoringRule>{ScoringRule::all, ScoringRule::task};
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
  if (df < 1) throw std::invalid_argument("t quantile needs at least one degree of freedom");
  return boost::math::quantile(boost::math::students_t(df), 0.975);
}

std::string few_seeds_warning(const AccuracyReport& report) {
  const std::size_t n = report.seeds.size();
  if (n < 2 || n >= kFewSeeds) return "";
  return "warning: the verdicts \"within noise\" and \"below\" rest on " + std::to_string(n) +
         " seeds (a 95% interval of ±" + std::to_string(t_quantile_975(static_cast<int>(n) - 1)) +
         " standard errors): give /seeds at least " + std::to_string(kFewSeeds) +
         " seeds before quoting them";
}

AccuracyReport aggregate_accuracy(const std::vector<std::uint64_t>& seeds,
                                  const std::vector<AccuracyTable>& tables,
                                  const std::vector<nlohmann::json>& constructions,
                                  ScoringRule scoring) {
  AccuracyReport report;
  report.seeds = seeds;
  report.scoring = scoring;
  const AccuracyTable& first = tables.front();
  for (std::size_t r = 0; r < first.decoded.size(); ++r) {
    ReportRow row;
    row.method = first.decoded[r].method;
    row.erased = first.decoded[r].erased;
    row.task = first.decoded[r].task;
    row.images = first.tasks[row.task].images;
    for (const ScoringRule rule : kScoringRules) {
      std::vector<double> available, degraded, reconstruction;
      for (const auto& table : tables) {
        available.push_back(table.tasks[row.task].available[rule]);
        degraded.push_back(table.decoded[r].degraded[rule]);
        reconstruction.push_back(table.decoded[r].reconstruction[rule]);
      }
      row.available[rule] = spread_of(available);
      row.degraded[rule] = spread_of(degraded);
      row.reconstruction[rule] = spread_of(reconstruction);
    }
    report.rows.push_back(row);
  }
  for (const ScoringRule rule : kScoringRules) mark_best(report.rows, rule);
  report.costs = aggregate_costs(constructions);
  return report;
}

nlohmann::json to_json(const AccuracyReport& report) {
  nlohmann::json json = {{"seeds", report.seeds},
                         {"scoring", kind_name(report.scoring)},
                         {"rows", nlohmann::json::array()},
                         {"construction", nlohmann::json::object()}};
  for (const auto& row : report.rows)
    json["rows"].push_back(
        {{"method", row.method},
         {"erased", row.erased},
         {"task", row.task},
         {"images", row.images},
         {"available", rule_json(row.available)},
         {"degraded", rule_json(row.degraded)},
         {"reconstruction", rule_json(row.reconstruction)},
         {"versus_best", {{"task", row.versus_best.task}, {"all", row.versus_best.all}}}});
  for (const auto& cost : report.costs)
    json["construction"][cost.method] = {{"wall_s", spread_json(cost.wall_seconds)},
                                         {"flops", cost.flops},
                                         {"details", cost.details}};
  return json;
}

std::string to_csv(const AccuracyReport& report) {
  std::string csv = "method,erased,task,images,seeds";
  for (const ScoringRule rule : kScoringRules)
    for (const char* column :
         {"available_%s_mean", "available_%s_sd", "degraded_%s_mean", "degraded_%s_sd",
          "reconstruction_%s_mean", "reconstruction_%s_sd", "versus_best_%s"}) {
      char name[64];
      std::snprintf(name, sizeof(name), column, kind_name(rule).c_str());
      csv += std::string(",") + name;
    }
  csv += ",construction_s_mean,construction_s_sd,construction_flops\n";
  std::map<std::string, const MethodCost*> costs;
  for (const auto& cost : report.costs) costs[cost.method] = &cost;
  char line[512];
  for (const auto& r : report.rows) {
    std::snprintf(line, sizeof(line), "%s,%s,%d,%d,%zu", r.method.c_str(), r.erased.c_str(), r.task,
                  r.images, report.seeds.size());
    csv += line;
    for (const ScoringRule rule : kScoringRules) {
      std::snprintf(line, sizeof(line), ",%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%s", r.available[rule].mean,
                    r.available[rule].sd, r.degraded[rule].mean, r.degraded[rule].sd,
                    r.reconstruction[rule].mean, r.reconstruction[rule].sd,
                    r.versus_best[rule].c_str());
      csv += line;
    }
    const auto found = costs.find(r.method);
    if (found != costs.end()) {
      const MethodCost& cost = *found->second;
      std::snprintf(line, sizeof(line), ",%.6g,%.6g,%.6g\n", cost.wall_seconds.mean,
                    cost.wall_seconds.sd, cost.flops);
      csv += line;
    } else {
      csv += ",,,\n";  // the default answer costs nothing
    }
  }
  return csv;
}

std::string to_text(const AccuracyReport& report) {
  int width = 6;
  for (const auto& r : report.rows) width = std::max(width, static_cast<int>(r.method.size()));
  const auto rules = rules_in_order(report.scoring);
  char line[512];
  std::string text;
  for (const ScoringRule rule : rules) {
    std::snprintf(line, sizeof(line), "%sscoring %s%s:\n", text.empty() ? "" : "\n",
                  kind_name(rule).c_str(), rule == report.scoring ? " (the scenario's)" : "");
    text += line;
    std::snprintf(line, sizeof(line),
                  "  %-*s  erased  task  available        degraded         reconstruction   "
                  "vs best\n",
                  width, "method");
    text += line;
    for (const auto& r : report.rows) {
      std::snprintf(
          line, sizeof(line), "  %-*s  %-6s  %4d  %.4f ± %.4f  %.4f ± %.4f  %.4f ± %.4f  %s\n",
          width, r.method.c_str(), r.erased.c_str(), r.task, r.available[rule].mean,
          r.available[rule].sd, r.degraded[rule].mean, r.degraded[rule].sd,
          r.reconstruction[rule].mean, r.reconstruction[rule].sd, r.versus_best[rule].c_str());
      text += line;
    }
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
