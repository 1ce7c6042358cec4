#include "random_scenario.hpp"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace coinsim {
namespace {

using Json = nlohmann::json;

// std::mt19937_64 is specified bit for bit; its distributions are not (they differ between
// standard libraries), so draws are made from its raw output.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : engine_(seed) {}
  double uniform(double low, double high) {
    return low + (high - low) * static_cast<double>(engine_() >> 11) * 0x1.0p-53;
  }
  int integer(int low, int high) {  // inclusive
    return low + static_cast<int>(engine_() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool chance(double p) { return uniform(0, 1) < p; }
  template <typename T>
  const T& one_of(const std::vector<T>& choices) {
    return choices[static_cast<std::size_t>(integer(0, static_cast<int>(choices.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

Json split_classes(int k) {
  Json classes = Json::array();
  for (int t = 0; t < k; ++t) classes.push_back(Json::array());
  for (int c = 0; c < 10; ++c) classes[c * k / 10].push_back(c);
  return classes;
}

Json stragglers(Draw& draw) {
  const std::string law = draw.one_of<std::string>({"none", "bimodal", "exponential", "pareto"});
  if (law == "bimodal")
    return {
        {"model", law}, {"probability", draw.uniform(0, 0.3)}, {"slowdown", draw.uniform(1, 20)}};
  if (law == "exponential")
    return {{"model", law}, {"shift", draw.uniform(0, 1)}, {"mean", draw.uniform(0.1, 2)}};
  if (law == "pareto")
    return {{"model", law}, {"shape", draw.uniform(1.5, 4)}, {"scale", draw.uniform(1, 2)}};
  return {{"model", law}};
}

// 1 to 4 strategies the platform's 6 servers can hold (full replication needs 2k).
Json strategies(Draw& draw, int k) {
  std::vector<Json> kinds = {"none", "coin", "replication", "cheap-backup",
                             Json{{"kind", "hedged"},
                                  {"delay", draw.uniform(2e-4, 3e-3)},
                                  {"spares", draw.integer(1, 6 - k)}}};
  if (2 * k <= 6) kinds.push_back("full-replication");
  std::vector<Json> chosen;
  for (const Json& kind : kinds)
    if (draw.chance(0.4)) chosen.push_back(kind);
  if (chosen.empty()) chosen.push_back(draw.one_of(kinds));
  return chosen;
}

}  // namespace

Json random_scenario(std::uint64_t seed) {
  Draw draw(seed * 2654435761ULL + 1);
  const int k = draw.integer(2, 4);
  const int r = draw.integer(1, std::min(2, 6 - k));
  const int queries = draw.integer(200, 800);
  const double rate = draw.uniform(100, 2500);  // a query every 0.4-10 ms against ~0.3 ms of work
  Json scenario = {
      {"name", "random-" + std::to_string(seed)},
      {"seed", draw.integer(0, 1000000)},
      {"dataset", {{"name", "synthetic"}}},
      {"tasks", {{"classes", split_classes(k)}}},
      {"coding", {{"r", r}, {"methods", {"coin"}}}},
      {"platform",
       {{"file", std::string(COINSIM_SOURCE_DIR) + "/" +
                     draw.one_of<std::string>({"tests/data/exact_star.xml", "platforms/cluster.xml",
                                               "tests/data/dual_core_star.xml"})},
        {"network", draw.one_of<std::string>({"default", "exact", "datacenter", "none"})}}},
      {"stragglers", stragglers(draw)},
      {"load", {{"rate", rate}, {"queries", queries}, {"warmup", draw.integer(0, queries / 4)}}},
      {"strategies", strategies(draw, k)}};
  Json serving = Json::object();
  const bool deadline = draw.chance(0.5);
  if (deadline) {
    serving["deadline"] = draw.uniform(2e-4, 5e-3);
    serving["fallback"] = draw.one_of<std::string>({"none", "default"});
  }
  serving["cancellation"] = draw.chance(0.5);
  if (draw.chance(0.3))
    serving["batching"] = {{"max_size", draw.integer(2, 8)},
                           {"marginal_cost", draw.uniform(0.2, 1)}};
  scenario["serving"] = serving;
  Json hosts = Json::object();
  const double span = queries / rate;
  if (draw.chance(0.3))
    hosts["episodes"] = {{"mean_between", draw.uniform(0.05, 1) * span},
                         {"mean_duration", draw.uniform(0.01, 0.2) * span},
                         {"speed", draw.uniform(0.1, 1)}};
  if (deadline && draw.chance(0.3))
    hosts["failures"] = {{"mtbf", draw.uniform(0.1, 2) * span},
                         {"mttr", draw.uniform(0.01, 0.2) * span}};
  scenario["hosts"] = hosts;
  Json background = Json::object();
  if (draw.chance(0.3))
    background["executions"] = {{"rate", draw.uniform(0, 300)}, {"flops", draw.uniform(1e4, 1e6)}};
  if (scenario["platform"]["network"] != "none" && draw.chance(0.2))
    background["shuffles"] = {{"concurrent", draw.integer(1, 3)},  // 0.1-10 ms at 1 TB/s
                              {"bytes", draw.uniform(1e8, 1e10)}};
  scenario["background"] = background;
  return scenario;
}

}  // namespace coinsim
