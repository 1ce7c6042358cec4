#include "sim/platform.hpp"

#include <cstdio>
#include <utility>

#include "common/error.hpp"
#include "common/number_text.hpp"

namespace coinsim {
namespace sg4 = simgrid::s4u;

void configure_network(NetworkModel network) {
  if (network == NetworkModel::exact) {
    sg4::Engine::set_config("network/latency-factor:1");
    sg4::Engine::set_config("network/bandwidth-factor:1");
    sg4::Engine::set_config("network/crosstraffic:0");
    sg4::Engine::set_config("network/TCP-gamma:0");
    sg4::Engine::set_config("network/weight-S:0");  // plain max-min sharing, no RTT unfairness
  } else if (network == NetworkModel::datacenter) {
    // Warm, long-lived connections inside one datacenter: the platform's latencies are taken as
    // measured end-to-end figures (no LV08 slow-start inflation x13.01); the payload gets 94% of
    // a link (1448 of every 1538 bytes on the wire at a 1500-byte MTU: TCP/IP and Ethernet
    // headers); ACK cross-traffic stays; windows up to Linux's default 6 MiB receive buffer.
    sg4::Engine::set_config("network/latency-factor:1");
    sg4::Engine::set_config("network/bandwidth-factor:0.9415");
    sg4::Engine::set_config("network/TCP-gamma:6291456");
  }
}

namespace {

// Bounds on what a platform may declare (scenarios/README.md): beyond them SimGrid divides by
// zero, aborts or never ends a transfer.
constexpr double kMaxSpeed = 1e18;       // flop/s
constexpr double kMaxLinkLatency = 1e3;  // s
constexpr double kMaxBandwidth = 1e15;   // bytes/s

void check_host(const sg4::Host* host, const std::string& where) {
  const double speed = host->get_speed();
  if (!(speed > 0 && speed <= kMaxSpeed))
    throw Error(where + "host \"" + host->get_name() + "\" has speed " + number_text(speed) +
                " flop/s; it must be positive and at most " + number_text(kMaxSpeed));
}

// The frontend must reach every server over links that can carry data in finite time.
void check_route(const sg4::Host* frontend, const sg4::Host* server, const std::string& where) {
  for (const auto& [from, to] : {std::pair(frontend, server), std::pair(server, frontend)}) {
    std::vector<sg4::Link*> links;
    double latency = 0;
    from->route_to(to, links, &latency);
    const std::string route =
        "the route from \"" + from->get_name() + "\" to \"" + to->get_name() + "\"";
    if (links.empty() && latency == 0)  // what SimGrid aborts on at the first transfer
      throw Error(where + "there is no " + route.substr(4));
    for (const sg4::Link* link : links) {
      const std::string name = "link \"" + link->get_name() + "\" on " + route;
      if (!(link->get_bandwidth() > 0 && link->get_bandwidth() <= kMaxBandwidth))
        throw Error(where + name + " has bandwidth " + number_text(link->get_bandwidth()) +
                    " bytes/s; it must be positive and at most " + number_text(kMaxBandwidth));
      if (!(link->get_latency() >= 0 && link->get_latency() <= kMaxLinkLatency))
        throw Error(where + name + " has latency " + number_text(link->get_latency()) +
                    " s; it must be between 0 and " + number_text(kMaxLinkLatency));
    }
  }
}

}  // namespace

ServingHosts load_serving_hosts(sg4::Engine& engine, const Scenario& scenario, int servers_needed) {
  const std::string where = scenario.source.string() + ": /platform/";
  try {
    engine.load_platform(scenario.platform.file.string());
  } catch (const std::exception& e) {
    throw Error(where + "file: cannot load " + scenario.platform.file.string() + ": " + e.what());
  }
  ServingHosts hosts;
  for (sg4::Host* host : engine.get_all_hosts()) {  // sorted by name
    if (host->get_name() == scenario.platform.frontend)
      hosts.frontend = host;
    else
      hosts.servers.push_back(host);
  }
  if (hosts.frontend == nullptr)
    throw Error(where + "frontend: no host \"" + scenario.platform.frontend + "\" in " +
                scenario.platform.file.string());
  if (static_cast<int>(hosts.servers.size()) < servers_needed)
    throw Error(where + "file: " + scenario.platform.file.string() + " has " +
                std::to_string(hosts.servers.size()) + " server hosts, the strategies need " +
                std::to_string(servers_needed));
  const std::string in_file = where + "file: " + scenario.platform.file.string() + ": ";
  check_host(hosts.frontend, in_file);
  for (const sg4::Host* server : hosts.servers) {
    check_host(server, in_file);
    if (scenario.platform.network != NetworkModel::none)
      check_route(hosts.frontend, server, in_file);
  }
  hosts.pool = hosts.servers;
  hosts.servers.resize(servers_needed);
  return hosts;
}

}  // namespace coinsim
