// coinsim-simulate: runs one strategy of one scenario in SimGrid and writes its per-query CSV and
// summary JSON. `coinsim run` spawns it once per strategy, since SimGrid allows one engine per
// process, and once with --check-platform before any training, so that a platform that cannot
// serve the scenario is reported at once. Usable by hand too:
//   coinsim-simulate scenarios/default.json --strategy coin --table cache/tables/<hash>.bin
//       --queries-csv /tmp/q.csv --summary /tmp/s.json
#include <boost/program_options.hpp>
#include <csignal>
#include <iostream>
#include <sstream>

#include "coin/output_table.hpp"
#include "common/cli.hpp"
#include "common/files.hpp"
#include "sim/simulation.hpp"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  std::signal(SIGXFSZ, SIG_IGN);  // a file size limit: a write error naming the file, not a kill
  std::string scenario_file, strategy, table_file, queries_csv, requests_csv, summary_file;
  double forward_seconds = 0;
  po::options_description options(
      "usage: coinsim-simulate SCENARIO (--check-platform | --strategy NAME --table FILE "
      "--queries-csv FILE --summary FILE)");
  options.add_options()("help,h", "this help")("scenario", po::value(&scenario_file)->required(),
                                               "scenario JSON file")(
      "version", "print the SimGrid version and exit")(
      "check-platform", "only check that the platform can serve every strategy, then exit")(
      "strategy", po::value(&strategy), "strategy to simulate (none or a coding method)")(
      "table", po::value(&table_file), "output table written by the accuracy stage")(
      "queries-csv", po::value(&queries_csv), "per-query CSV to write")(
      "requests-csv", po::value(&requests_csv), "per-request CSV to write (optional)")(
      "summary", po::value(&summary_file), "summary JSON to write")(
      "forward-seconds", po::value(&forward_seconds),
      "measured time of one forward pass (for /platform/calibration = measured)");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  std::ostringstream usage;
  usage << options << "\n";
  return coinsim::report_errors("coinsim-simulate", usage.str(), [&] {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
              vm);
    if (vm.count("help")) {
      std::cout << usage.str();
      return 0;
    }
    if (vm.count("version")) {
      std::cout << coinsim::simgrid_version() << "\n";
      return 0;
    }
    po::notify(vm);
    const coinsim::Scenario scenario = coinsim::load_scenario(scenario_file);
    if (vm.count("check-platform")) {
      coinsim::check_platform(scenario);
      return 0;
    }
    for (const char* needed : {"strategy", "table", "queries-csv", "summary"})
      if (!vm.count(needed))
        throw po::error(std::string("the option '--") + needed + "' is required");
    const auto table = coinsim::load_table(table_file);
    if (!table) throw coinsim::Error(table_file + ": output table missing, truncated or corrupt");
    const auto summary = coinsim::run_simulation(scenario, *table, strategy, queries_csv,
                                                 requests_csv, forward_seconds);
    coinsim::write_file_atomically(summary_file, summary.dump(2) + "\n");
    return 0;
  });
}
