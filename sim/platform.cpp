#include "sim/platform.hpp"

#include "common/error.hpp"

namespace coinsim {
namespace sg4 = simgrid::s4u;

void configure_network(const std::string& network) {
  if (network == "exact") {
    sg4::Engine::set_config("network/latency-factor:1");
    sg4::Engine::set_config("network/bandwidth-factor:1");
    sg4::Engine::set_config("network/crosstraffic:0");
    sg4::Engine::set_config("network/TCP-gamma:0");
    sg4::Engine::set_config("network/weight-S:0");  // plain max-min sharing, no RTT unfairness
  } else if (network == "datacenter") {
    // Warm, long-lived connections inside one datacenter: the platform's latencies are taken as
    // measured end-to-end figures (no LV08 slow-start inflation x13.01); the payload gets 94% of
    // a link (1448 of every 1538 bytes on the wire at a 1500-byte MTU: TCP/IP and Ethernet
    // headers); ACK cross-traffic stays; windows up to Linux's default 6 MiB receive buffer.
    sg4::Engine::set_config("network/latency-factor:1");
    sg4::Engine::set_config("network/bandwidth-factor:0.9415");
    sg4::Engine::set_config("network/TCP-gamma:6291456");
  }
}

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
  hosts.pool = hosts.servers;
  hosts.servers.resize(servers_needed);
  return hosts;
}

}  // namespace coinsim
