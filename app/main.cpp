// coinsim: erasure-coded neural-network inference, simulated.
//   coinsim run SCENARIO.json    accuracy stage + one simulation per strategy + plot
//   coinsim coin SCENARIO.json   accuracy only: every construction method over several seeds
//   coinsim sweep SWEEP.json     every point of a sweep, resumable, on every core (and rank)
//   coinsim plot RESULTS_DIR     the figures of a sweep or a run
#include <boost/program_options.hpp>
#include <csignal>
#include <iostream>

#include "app/coin_command.hpp"
#include "app/plotting.hpp"
#include "app/run_command.hpp"
#include "app/sweep_command.hpp"
#include "common/cli.hpp"

namespace po = boost::program_options;

namespace {

const char* const kUsage =
    "usage: coinsim run SCENARIO.json\n"
    "       coinsim coin SCENARIO.json\n"
    "       coinsim sweep SWEEP.json [--jobs N] [--shard I/N] [--merge] [--no-plot] [--list]\n"
    "       coinsim plot RESULTS_DIR\n"
    "  run    train (or load cached) models, build coded models, simulate every strategy,\n"
    "         write results/<name>/ (see README.md)\n"
    "  coin   accuracy only: train and build every construction method for each of /seeds,\n"
    "         report mean ± sd and construction costs in results/<name>/coin.{json,csv}\n"
    "  sweep  run every point of a sweep (scenarios/README.md), skipping points already\n"
    "         complete; write results/<sweep>/summary.csv and accuracy.csv\n"
    "         --jobs N     simulations at once (default: one per core)\n"
    "         --shard I/N  run only every N-th point, starting at the I-th\n"
    "         --merge      only build the tables from the points run (by every shard)\n"
    "         --no-plot    tables only (e.g. on a cluster without matplotlib)\n"
    "         --list       say which points are complete and which would run; run nothing\n"
    "         under mpirun, rank 0 hands points to every rank\n"
    "  plot   redraw the figures of a sweep's folder or a run's (PDF and PNG)\n";

void check_command_line(const std::string& command, const std::string& file,
                        const po::variables_map& vm) {
  if (command.empty()) throw coinsim::UsageError("no command given");
  if (command != "run" && command != "coin" && command != "sweep" && command != "plot")
    throw coinsim::UsageError("unknown command \"" + command + "\"");
  if (file.empty())
    throw coinsim::UsageError(command + ": needs a " +
                              (command == "plot" ? "results folder" : "JSON file"));
  if (command == "sweep") return;
  for (const char* sweep_only : {"jobs", "shard", "merge", "no-plot", "list"})
    if (vm.count(sweep_only))
      throw coinsim::UsageError(std::string("--") + sweep_only + " goes with sweep only");
}

}  // namespace

int main(int argc, char** argv) {
  // A file size limit (ulimit -f) becomes a write error reported with the file's name, not a
  // silent kill by SIGXFSZ; the simulations spawned inherit this.
  std::signal(SIGXFSZ, SIG_IGN);
  std::string command, file, shard;
  coinsim::SweepOptions sweep;
  po::options_description options("options");
  options.add_options()("help,h", "this help")("command", po::value(&command), "subcommand")(
      "file", po::value(&file), "scenario or sweep JSON file")(
      "jobs", po::value(&sweep.jobs), "simulations at once")("shard", po::value(&shard), "I/N")(
      "merge", "only merge")("no-plot", "tables only")("list", "list the points");
  po::positional_options_description positional;
  positional.add("command", 1).add("file", 1);
  return coinsim::report_errors("coinsim", kUsage, [&] {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
              vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << kUsage;
      return 0;
    }
    check_command_line(command, file, vm);
    if (vm.count("jobs") && sweep.jobs < 1)
      throw coinsim::UsageError("--jobs " + std::to_string(sweep.jobs) + ": needs at least 1");
    if (command == "coin") return coinsim::coin_command(file);
    if (command == "run") return coinsim::run_command(file);
    if (command == "plot") return coinsim::plot_command(file);
    sweep.file = file;
    sweep.merge_only = vm.count("merge") > 0;
    sweep.plot = vm.count("no-plot") == 0;
    sweep.list_only = vm.count("list") > 0;
    if (!shard.empty()) coinsim::parse_shard(shard, sweep);
    return coinsim::sweep_command(sweep);
  });
}
