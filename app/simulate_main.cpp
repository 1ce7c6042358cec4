// coinsim-simulate: runs one strategy of one scenario in SimGrid and writes its per-query CSV and
// summary JSON. `coinsim run` and sweeps spawn it once per (point, strategy), since SimGrid allows
// one engine per process. Usable by hand too:
//   coinsim-simulate scenarios/default.json --strategy coin --table cache/tables/<hash>.bin
//       --queries-csv /tmp/q.csv --summary /tmp/s.json
#include <boost/program_options.hpp>
#include <iostream>

#include "coin/output_table.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "sim/simulation.hpp"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  std::string scenario_file, strategy, table_file, queries_csv, summary_file;
  po::options_description options(
      "coinsim-simulate SCENARIO --strategy NAME --table FILE --queries-csv FILE --summary FILE");
  options.add_options()("help,h", "this help")("scenario", po::value(&scenario_file)->required(),
                                               "scenario JSON file")(
      "strategy", po::value(&strategy)->required(),
      "strategy to simulate (none or a coding method)")(
      "table", po::value(&table_file)->required(), "output table written by the accuracy stage")(
      "queries-csv", po::value(&queries_csv)->required(), "per-query CSV to write")(
      "summary", po::value(&summary_file)->required(), "summary JSON to write");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
              vm);
    if (vm.count("help")) {
      std::cout << options << "\n";
      return 0;
    }
    po::notify(vm);
    const coinsim::Scenario scenario = coinsim::load_scenario(scenario_file);
    const auto table = coinsim::load_table(table_file);
    if (!table) throw coinsim::Error(table_file + ": output table missing, truncated or corrupt");
    const auto summary = coinsim::run_simulation(scenario, *table, strategy, queries_csv);
    coinsim::write_file_atomically(summary_file, summary.dump(2) + "\n");
    return 0;
  } catch (const po::error& e) {
    std::cerr << "coinsim-simulate: " << e.what() << "\n";
    return 2;
  } catch (const coinsim::Error& e) {
    std::cerr << "coinsim-simulate: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {  // a bug, not bad input: still one line and an exit code
    std::cerr << "coinsim-simulate: internal error: " << e.what() << "\n";
    return 3;
  }
}
