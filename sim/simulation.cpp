#include "sim/simulation.hpp"

#include <simgrid/plugins/load.h>

#include <algorithm>
#include <csignal>
#include <deque>
#include <simgrid/s4u.hpp>

#include "common/error.hpp"
#include "sim/background_load.hpp"
#include "sim/frontend.hpp"
#include "sim/host_conditions.hpp"
#include "sim/platform.hpp"
#include "sim/server.hpp"
#include "sim/timing_warnings.hpp"

// After s4u.hpp: version.h relies on macros that it does not include itself.
#include <simgrid/version.h>

namespace coinsim {
namespace sg4 = simgrid::s4u;

namespace {

constexpr double kReferenceSpeed = 1e9;  // flop/s of the host that "measured" work is timed for

// A request carries its image as floats.
double request_bytes(const DatasetSpec& dataset) {
  return static_cast<double>(dataset.image_shape().pixels()) * sizeof(float);
}

// The work of one request in flops (/platform/calibration).
double request_flops(const Scenario& s, const OutputTable& table, double measured_seconds) {
  if (s.platform.calibration == Calibration::counted) return table.forward_flops;
  if (!(measured_seconds > 0))
    throw Error(s.source.string() +
                ": /platform/calibration: \"measured\" needs the forward pass's measured time "
                "(coinsim-simulate --forward-seconds)");
  return measured_seconds * kReferenceSpeed;
}

// An engine configured for the scenario: SimGrid's configuration chatter quieted, the network
// model of /platform/network, then the user's --cfg / --log arguments, which win over both.
std::unique_ptr<sg4::Engine> make_engine(const Scenario& s) {
  const std::string cfg = "--cfg=";
  std::vector<std::string> args = {"coinsim-simulate", "--log=xbt_cfg.thres:warning"};
  for (const auto& arg : s.simgrid_args)
    if (arg.rfind(cfg, 0) != 0) args.push_back(arg);  // --log: read by the engine's constructor
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  auto engine = std::make_unique<sg4::Engine>(&argc, argv.data());
  configure_network(s.platform.network);
  for (const auto& arg : s.simgrid_args) {
    if (arg.rfind(cfg, 0) != 0) continue;
    try {
      sg4::Engine::set_config(arg.substr(cfg.size()));
    } catch (const std::exception& e) {
      // SimGrid's message goes on to list every key it knows: the first line says it.
      const std::string why = e.what();
      throw Error(arg + ": SimGrid refused it: " + why.substr(0, why.find_first_of("\n\\")));
    }
  }
  // SimGrid answers Ctrl-C with a multi-line dump of its actors; a simulation that coinsim runs
  // should just stop (coinsim reports the interruption in one line).
  std::signal(SIGINT, SIG_DFL);
  sg_host_load_plugin_init();  // before the platform: per-host load, background included
  return engine;
}

double ratio(long long a, long long b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / b;
}

nlohmann::json summarise(const Frontend& frontend, const Strategy& strategy, const Scenario& s,
                         double request_flops, const std::deque<ServerState>& servers,
                         const ServingHosts& hosts) {
  const RunTotals& t = frontend.totals();
  const double clock = sg4::Engine::get_clock();
  double busy = 0;
  long long cancelled = 0, executed = 0, failures = 0, batches = 0;
  nlohmann::json utilisation = nlohmann::json::array();
  for (const auto& server : servers) {
    const ServerStats& stats = server.stats;
    busy += stats.busy_seconds;
    cancelled += stats.cancelled;
    executed += stats.requests;
    failures += stats.failures;
    batches += stats.batches;
    utilisation.push_back(clock > 0 ? stats.busy_seconds / (clock * server.workers) : 0.0);
  }
  // SimGrid's view (host-load plugin): every computation on the host, background jobs included.
  nlohmann::json host_load = nlohmann::json::array();
  for (const sg4::Host* host : hosts.servers) host_load.push_back(sg_host_get_avg_load(host));
  const long long original_tasks =
      t.scored_tasks - t.decoded_tasks - t.backup_tasks - t.fallback_tasks - t.failed_tasks;
  // Fractions say what of: of measured queries, or of scored tasks (one per task a query needs).
  nlohmann::json summary = {
      {"strategy", strategy.name()},
      {"servers", strategy.servers()},
      {"request_flops", request_flops},
      {"queries", s.load.queries},
      {"queries_warmup", s.load.warmup},
      {"queries_measured", t.measured},
      // Per task, under the scenario's scoring rule; then under every rule and end to end.
      {"scoring", kind_name(s.tasks.scoring)},
      {"accuracy", ratio(t.correct_tasks[s.tasks.scoring], t.scored_tasks)},
      {"accuracy_task", ratio(t.correct_tasks.task, t.scored_tasks)},
      {"accuracy_all", ratio(t.correct_tasks.all, t.scored_tasks)},
      {"accuracy_query", ratio(t.correct_queries, t.measured)},
      {"tasks_scored", t.scored_tasks},
      {"tasks_decoded", t.decoded_tasks},
      {"fraction_tasks_original", ratio(original_tasks, t.scored_tasks)},
      {"fraction_tasks_decoded", ratio(t.decoded_tasks, t.scored_tasks)},
      {"fraction_tasks_backup", ratio(t.backup_tasks, t.scored_tasks)},
      {"fraction_tasks_fallback", ratio(t.fallback_tasks, t.scored_tasks)},
      {"fraction_tasks_failed", ratio(t.failed_tasks, t.scored_tasks)},
      {"fraction_queries_with_decoded_output", ratio(t.decoded_queries, t.measured)},
      {"fraction_queries_at_deadline", ratio(t.at_deadline, t.measured)},
      {"requests_sent", t.requests_sent},
      {"backups_sent", t.backups_sent},
      {"requests_executed", executed},
      {"requests_cancelled", cancelled},
      {"executions", batches},
      {"replies_received", t.replies},
      {"requests_lost", t.requests_lost},
      {"host_failures", failures},
      {"server_busy_s", busy},
      {"utilisation", utilisation},
      {"host_load", host_load},
      {"simulated_s", clock}};
  summary.update(frontend.latencies().to_json());
  return summary;
}

std::deque<ServerState> server_states(const Scenario& s, int servers) {
  std::deque<ServerState> states;
  for (int slot = 0; slot < servers; ++slot)
    states.emplace_back(random_stream(s.seed, "slowdown/" + std::to_string(slot)));
  return states;
}

struct Channels {
  std::vector<std::unique_ptr<Channel<Request>>> inboxes;  // one per server slot
  std::unique_ptr<Channel<Reply>> replies;
};

// Simulated transfers on the platform's links, or (network "none") instant delivery.
Channels make_channels(NetworkModel network, int servers) {
  const bool modelled = network != NetworkModel::none;
  Channels channels;
  for (int slot = 0; slot < servers; ++slot)
    channels.inboxes.push_back(
        modelled ? std::unique_ptr<Channel<Request>>(
                       std::make_unique<MailboxChannel<Request>>("server/" + std::to_string(slot)))
                 : std::make_unique<QueueChannel<Request>>());
  channels.replies = modelled ? std::unique_ptr<Channel<Reply>>(
                                    std::make_unique<MailboxChannel<Reply>>("frontend/replies"))
                              : std::make_unique<QueueChannel<Reply>>();
  return channels;
}

void start_servers(const Scenario& s, const OutputTable& table, const Strategy& strategy,
                   double request_flops, const ServingHosts& hosts, const FrontendConfig& config,
                   const Frontend& frontend, std::deque<ServerState>& states) {
  for (std::size_t slot = 0; slot < hosts.servers.size(); ++slot) {
    ServerConfig server{static_cast<int>(slot),
                        config.server_inboxes[slot],
                        config.replies,
                        {},
                        table.num_outputs * sizeof(float) * 1.0,
                        SlowdownModel(s.stragglers),
                        nullptr};
    server.batch_size = s.serving.batch_size;
    server.batch_marginal_cost = s.serving.batch_marginal_cost;
    for (int source = 0; source < strategy.sources(); ++source)
      server.flops_by_source.push_back(request_flops * strategy.relative_work(source));
    if (s.serving.cancellation)
      server.cancelled = [&frontend](int query) { return frontend.finished(query); };
    sg4::ActorPtr actor =
        sg4::Actor::create("server", hosts.servers[slot], ModelServer(server, states[slot]));
    actor->set_auto_restart(true);
  }
}

}  // namespace

nlohmann::json run_simulation(const Scenario& s, const OutputTable& table,
                              const std::string& strategy_name,
                              const std::filesystem::path& queries_csv,
                              const std::filesystem::path& requests_csv,
                              double measured_forward_seconds) {
  const double work = request_flops(s, table, measured_forward_seconds);
  const std::vector<Task> tasks = make_tasks(s.tasks, table.num_outputs);
  const Strategy strategy(s.strategy(strategy_name), s, table, tasks);
  const auto engine = make_engine(s);
  const ServingHosts hosts = load_serving_hosts(*engine, s, strategy.servers());
  apply_host_conditions(s, hosts, profile_horizon(s));

  QueryLog log(queries_csv);
  RequestLog requests(requests_csv);
  const Channels channels = make_channels(s.platform.network, strategy.servers());
  FrontendConfig config{&strategy,
                        &table,
                        {},
                        hosts.servers,
                        channels.replies.get(),
                        s.load.rate,
                        &s.load.arrivals,
                        s.load.queries,
                        s.load.warmup,
                        request_bytes(s.dataset),
                        s.serving.deadline,
                        s.hosts.failures};
  for (const auto& inbox : channels.inboxes) config.server_inboxes.push_back(inbox.get());
  auto images = random_stream(s.seed, "images");
  Frontend frontend(config, random_stream(s.seed, "arrivals"),
                    random_permutation(table.num_images, images), log, requests);
  std::deque<ServerState> servers = server_states(s, strategy.servers());
  start_servers(s, table, strategy, work, hosts, config, frontend, servers);
  start_background_load(s, hosts);
  frontend.start(hosts.frontend);
  engine->run();

  if (frontend.totals().completed != s.load.queries)
    throw Error(s.source.string() + ": simulation of \"" + strategy_name + "\" ended with " +
                std::to_string(frontend.totals().completed) + " of " +
                std::to_string(s.load.queries) + " queries complete");
  if (frontend.outstanding() != 0)
    throw Error(s.source.string() + ": simulation of \"" + strategy_name + "\" ended with " +
                std::to_string(frontend.outstanding()) + " requests unanswered");
  log.commit();
  requests.commit();
  nlohmann::json summary = summarise(frontend, strategy, s, work, servers, hosts);
  std::vector<double> speeds;
  for (const sg4::Host* host : hosts.servers) speeds.push_back(host->get_speed());
  summary["warnings"] = timing_warnings(s, s.strategy(strategy_name), work, speeds);
  return summary;
}

void check_platform(const Scenario& s) {
  int servers = 0;
  for (const auto& strategy : s.strategies)
    servers = std::max(servers, strategy.servers(s.k(), s.r()));
  const auto engine = make_engine(s);
  const ServingHosts hosts = load_serving_hosts(*engine, s, servers);
  apply_host_conditions(s, hosts, profile_horizon(s));
  check_background_load(s, hosts);
}

std::string simgrid_version() {
  return std::to_string(SIMGRID_VERSION_MAJOR) + "." + std::to_string(SIMGRID_VERSION_MINOR);
}

}  // namespace coinsim
