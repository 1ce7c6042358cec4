// The accuracy report of `coinsim coin`: the accuracy tables of several seeds (each seed trains
// its own models) aggregated into mean and standard deviation, for every task (available), every
// construction method x erasure pattern x erased task (degraded, reconstruction), and every
// method's construction cost. For each pattern and task the method with the best mean degraded
// accuracy is marked, and every other method is compared with it by a paired t-test over the
// seeds (both were built from the same task models): "within noise" when the 95% confidence
// interval of the per-seed differences contains zero, "below" otherwise, "n/a" with one seed.
// Everything is given under both scoring rules (scenario/kinds.hpp), best and verdicts included.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "coin/coding/accuracy.hpp"

namespace coinsim {

struct Spread {
  double mean = 0;
  double sd = 0;  // sample standard deviation (n - 1); 0 with one value
  std::vector<double> values;
};
Spread spread_of(std::vector<double> values);

struct ReportRow {
  std::string method;
  std::string erased;
  int task = 0;
  int images = 0;
  ByRule<Spread> available, degraded, reconstruction;
  ByRule<std::string> versus_best;  // "best", "within noise", "below" or "n/a"
};

struct MethodCost {
  std::string method;
  Spread wall_seconds;
  double flops = 0;        // counted; the same for every seed
  nlohmann::json details;  // of each seed, in order (e.g. the lambda task arithmetic chose)
};

struct AccuracyReport {
  std::vector<std::uint64_t> seeds;
  ScoringRule scoring = ScoringRule::task;  // the scenario's rule: listed first
  std::vector<ReportRow> rows;
  std::vector<MethodCost> costs;
};

// The two sides are the same size as `seeds`; every table has the same rows in the same order.
AccuracyReport aggregate_accuracy(const std::vector<std::uint64_t>& seeds,
                                  const std::vector<AccuracyTable>& tables,
                                  const std::vector<nlohmann::json>& constructions,
                                  ScoringRule scoring = ScoringRule::task);

// The 97.5% quantile of Student's t with `df` degrees of freedom (Boost.Math): the half-width
// of a two-sided 95% interval, in standard errors.
double t_quantile_975(int df);

// Verdicts other than "n/a" over fewer than this many seeds get a warning: two seeds give a
// t-interval 12.7 standard errors wide, which calls almost anything "within noise".
constexpr std::size_t kFewSeeds = 3;
// A warning line when the report holds verdicts resting on fewer than kFewSeeds seeds; "" else.
std::string few_seeds_warning(const AccuracyReport& report);

nlohmann::json to_json(const AccuracyReport& report);
std::string to_csv(const AccuracyReport& report);
std::string to_text(const AccuracyReport& report);  // aligned, for the terminal

}  // namespace coinsim
