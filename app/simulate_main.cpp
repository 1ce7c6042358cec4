// coinsim-simulate: runs one strategy of one scenario in SimGrid and writes its per-query CSV and
// summary JSON. `coinsim run` spawns it once per strategy, since SimGrid allows one engine per
// process, and once with --check-platform before any training, so that a platform that cannot
// serve the scenario is reported at once; it hands each child the scenario it parsed, resolved,
// on standard input (sim/simulate_arguments.hpp). Usable by hand too:
//   coinsim-simulate scenarios/default.json --strategy coin --table cache/tables/<hash>.bin
//       --queries-csv /tmp/q.csv --summary /tmp/s.json
#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "app/simulate_arguments.hpp"
#include "coin/coding/output_table.hpp"
#include "common/cli.hpp"
#include "common/files.hpp"
#include "sim/simulation.hpp"

int main(int argc, char** argv) {
  // Die with the coinsim that started us, however it ends (kill -9 too): no simulation may outlive
  // the command. If it is already gone (re-parented before the line below), stop now.
  const pid_t parent = ::getppid();
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != parent) return 1;
  std::signal(SIGXFSZ, SIG_IGN);  // a file size limit: a write error naming the file, not a kill
  return coinsim::report_errors("coinsim-simulate", coinsim::simulate_usage(), [&] {
    const coinsim::SimulateArguments arguments = coinsim::parse_simulate_arguments(argc, argv);
    if (arguments.help) {
      std::cout << coinsim::simulate_usage();
      return 0;
    }
    if (arguments.version) {
      std::cout << coinsim::simgrid_version() << "\n";
      return 0;
    }
    const coinsim::Scenario scenario = coinsim::load_simulated_scenario(arguments);
    if (arguments.check_platform) {
      coinsim::check_platform(scenario);
      return 0;
    }
    const auto table = coinsim::load_table(arguments.table);
    if (!table)
      throw coinsim::Error(arguments.table.string() +
                           ": output table missing, truncated or corrupt");
    coinsim::check_table_fits(*table, scenario, arguments.table.string());
    const auto summary = coinsim::run_simulation(
        scenario, *table, arguments.strategy, arguments.queries_csv.string(),
        arguments.requests_csv.string(), arguments.forward_seconds);
    coinsim::write_file_atomically(arguments.summary, summary.dump(2) + "\n");
    return 0;
  });
}
