// coinsim: erasure-coded neural-network inference, simulated.
//   coinsim run SCENARIO.json    accuracy stage + one simulation per strategy + plot
//   coinsim coin SCENARIO.json   accuracy only: every construction method over several seeds
#include <boost/program_options.hpp>
#include <iostream>

#include "app/coin_command.hpp"
#include "app/run_command.hpp"
#include "common/cli.hpp"

namespace po = boost::program_options;

namespace {

const char* const kUsage =
    "usage: coinsim run SCENARIO.json | coinsim coin SCENARIO.json\n"
    "  run   train (or load cached) models, build coded models, simulate every strategy,\n"
    "        write results/<name>/ (see README.md)\n"
    "  coin  accuracy only: train and build every construction method for each of /seeds,\n"
    "        report mean ± sd and construction costs in results/<name>/coin.{json,csv}\n";

}  // namespace

int main(int argc, char** argv) {
  std::string command, scenario;
  po::options_description options("options");
  options.add_options()("help,h", "this help")("command", po::value(&command), "subcommand")(
      "scenario", po::value(&scenario), "scenario JSON file");
  po::positional_options_description positional;
  positional.add("command", 1).add("scenario", 1);
  return coinsim::report_errors("coinsim", kUsage, [&] {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
              vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << kUsage;
      return 0;
    }
    if ((command != "run" && command != "coin") || scenario.empty()) {
      std::cerr << kUsage;
      return 2;
    }
    return command == "coin" ? coinsim::coin_command(scenario) : coinsim::run_command(scenario);
  });
}
