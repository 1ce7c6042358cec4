#include "sim/simulation.hpp"

#include <simgrid/s4u.hpp>

#include "coin/code.hpp"
#include "common/error.hpp"
#include "sim/frontend.hpp"
#include "sim/platform.hpp"
#include "sim/server.hpp"

namespace coinsim {
namespace sg4 = simgrid::s4u;

namespace {

std::unique_ptr<sg4::Engine> make_engine() {
  // SimGrid wants argc/argv; ours only quiets its configuration chatter.
  static char name[] = "coinsim-simulate";
  static char quiet[] = "--log=xbt_cfg.thres:warning";
  char* argv[] = {name, quiet, nullptr};
  int argc = 2;
  return std::make_unique<sg4::Engine>(&argc, argv);
}

nlohmann::json summarise(const Frontend& frontend, const Strategy& strategy, const Scenario& s,
                         const std::vector<ServerStats>& servers) {
  const RunTotals& t = frontend.totals();
  const double clock = sg4::Engine::get_clock();
  double busy = 0;
  nlohmann::json utilisation = nlohmann::json::array();
  for (const auto& server : servers) {
    busy += server.busy_seconds;
    utilisation.push_back(clock > 0 ? server.busy_seconds / clock : 0.0);
  }
  const auto ratio = [](long long a, long long b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / b;
  };
  return {{"strategy", strategy.name()},
          {"servers", strategy.slots()},
          {"queries", s.load.queries},
          {"warmup", s.load.warmup},
          {"measured", t.measured},
          {"latency", frontend.latencies().to_json()},
          {"accuracy", ratio(t.correct_tasks, t.scored_tasks)},
          {"scored_tasks", t.scored_tasks},
          {"fraction_decoded", ratio(t.decoded_queries, t.measured)},
          {"decoded_tasks", t.decoded_tasks},
          {"server_busy_seconds", busy},
          {"utilisation", utilisation},
          {"simulated_seconds", clock}};
}

}  // namespace

nlohmann::json run_simulation(const Scenario& s, const OutputTable& table,
                              const std::string& strategy_name,
                              const std::filesystem::path& queries_csv) {
  const Strategy strategy(strategy_name, table, make_code(s));
  const std::vector<Task> tasks = make_tasks(s.tasks.classes, table.num_outputs);
  const auto engine = make_engine();
  configure_network(s.platform.network);
  const ServingHosts hosts = load_serving_hosts(*engine, s, strategy.slots());

  QueryLog log(queries_csv);
  sg4::Mailbox* replies = sg4::Mailbox::by_name("frontend/replies");
  FrontendConfig config{&strategy,
                        &table,
                        &tasks,
                        {},
                        replies,
                        s.load.rate,
                        s.load.queries,
                        s.load.warmup,
                        784.0 * sizeof(float)};
  std::vector<ServerStats> server_stats(strategy.slots());
  for (int slot = 0; slot < strategy.slots(); ++slot) {
    sg4::Mailbox* inbox = sg4::Mailbox::by_name("server/" + std::to_string(slot));
    config.server_inboxes.push_back(inbox);
    ServerConfig server{inbox, replies, table.forward_flops,
                        table.num_outputs * sizeof(float) * 1.0, SlowdownModel(s.stragglers)};
    sg4::Actor::create(
        "server", hosts.servers[slot],
        ModelServer(server, random_stream(s.seed, "slowdown/" + std::to_string(slot)),
                    server_stats[slot]))
        ->daemonize();
  }
  auto images = random_stream(s.seed, "images");
  Frontend frontend(config, random_stream(s.seed, "arrivals"),
                    random_permutation(table.num_images, images), log);
  sg4::Actor::create("dispatcher", hosts.frontend, [&frontend] { frontend.dispatch(); });
  sg4::Actor::create("collector", hosts.frontend, [&frontend] { frontend.collect(); });
  engine->run();

  if (frontend.totals().completed != s.load.queries)
    throw Error(s.source.string() + ": simulation of \"" + strategy_name + "\" ended with " +
                std::to_string(frontend.totals().completed) + " of " +
                std::to_string(s.load.queries) + " queries complete");
  log.commit();
  return summarise(frontend, strategy, s, server_stats);
}

}  // namespace coinsim

#include <simgrid/version.h>

namespace coinsim {
void check_platform(const Scenario& s) {
  int servers = s.k();
  for (const auto& strategy : s.strategies)
    if (strategy != "none") servers = s.k() + s.r();
  const auto engine = make_engine();
  configure_network(s.platform.network);
  load_serving_hosts(*engine, s, servers);
}

std::string simgrid_version() {
  return std::to_string(SIMGRID_VERSION_MAJOR) + "." + std::to_string(SIMGRID_VERSION_MINOR);
}
}  // namespace coinsim
