// coinsim: erasure-coded neural-network inference, simulated.
//   coinsim run SCENARIO.json    accuracy stage + one simulation per strategy + plot
//   coinsim coin SCENARIO.json   accuracy only: every construction method over several seeds
//   coinsim sweep SWEEP.json     every point of a sweep, resumable, on every core (and rank)
//   coinsim plot RESULTS_DIR     the figures of a sweep or a run
// Each command has its own options and `coinsim COMMAND --help`; they are described once, below.
#include <boost/program_options.hpp>
#include <csignal>
#include <iostream>
#include <sstream>

#include "app/coin_command.hpp"
#include "app/plotting.hpp"
#include "app/provenance.hpp"
#include "app/run_command.hpp"
#include "app/sweep_command.hpp"
#include "common/cli.hpp"
#include "scenario/settings.hpp"

namespace po = boost::program_options;

namespace {

const char* const kUsage =
    "usage: coinsim COMMAND ARGUMENT [OPTIONS]      (coinsim COMMAND --help for its options)\n"
    "  run SCENARIO.json   train (or load cached) models, build coded models, simulate every\n"
    "                      strategy, write results/<name>/ (see README.md)\n"
    "  coin SCENARIO.json  accuracy only: every construction method for each of /seeds,\n"
    "                      mean ± sd and construction costs in results/<name>/coin.{json,csv}\n"
    "  sweep SWEEP.json    every point of a sweep (scenarios/README.md), skipping points\n"
    "                      already complete; results/<sweep>/summary.csv and accuracy.csv\n"
    "  plot RESULTS_DIR    redraw the figures of a sweep's folder or a run's (PDF and PNG)\n"
    "  coinsim --version   versions of coinsim, LibTorch and SimGrid\n";

// What a command reads from its command line beyond its one argument.
struct Parsed {
  std::string argument;
  std::vector<std::string> settings;
  std::vector<std::string> simgrid_args;  // --cfg=… and --log=…, in order
  coinsim::SweepOptions sweep;
  coinsim::PlotOptions plot;
  std::string shard;
  po::variables_map given;
};

// One command's synopsis, what it does, and its options: its --help and its parser.
struct CommandLine {
  std::string synopsis;
  std::string summary;
  po::options_description options{"options"};
  std::string help() const {
    std::ostringstream text;
    text << "usage: " << synopsis << "\n" << summary << "\n" << options;
    return text.str();
  }
};

void add_settings(CommandLine& line, Parsed& parsed) {
  line.options.add_options()(
      "set", po::value(&parsed.settings)->composing(),
      "PATH=VALUE: change the scenario before it is checked, as a sweep's \"set\" does "
      "(repeatable; VALUE is JSON, or else a string: --set /load/rate=800 "
      "--set /serving/deadline=5ms)");
}

void add_simgrid_args(CommandLine& line, Parsed& parsed) {
  for (const char* option : {"cfg", "log"}) {
    const std::string prefix = std::string("--") + option + "=";
    line.options.add_options()(
        option,
        po::value<std::vector<std::string>>()->composing()->notifier(
            [&parsed, prefix](const std::vector<std::string>& values) {
              for (const auto& value : values) parsed.simgrid_args.push_back(prefix + value);
            }),
        option == std::string("cfg")
            ? "passed to SimGrid in every simulation: --cfg=name:value (repeatable; wins over "
              "/platform/network)"
            : "passed to SimGrid in every simulation: --log=category.thres:level (repeatable)");
  }
}

// Describes `command` into `line`, its options writing into `parsed`.
void describe(const std::string& command, CommandLine& line, Parsed& parsed) {
  line.options.add_options()("help,h", "this help");
  if (command == "run") {
    line.synopsis =
        "coinsim run SCENARIO.json [--set PATH=VALUE]... [--cfg=NAME:VALUE]... [--log=...]";
    line.summary =
        "Trains (or loads from the cache) the task models, builds the coded models, simulates\n"
        "every strategy and writes results/<name>/: per-query CSVs, summary.json, figures.";
    add_settings(line, parsed);
    add_simgrid_args(line, parsed);
  } else if (command == "coin") {
    line.synopsis = "coinsim coin SCENARIO.json [--set PATH=VALUE]...";
    line.summary =
        "Accuracy only: for each seed of /seeds, every construction method of /coding/methods;\n"
        "mean ± sd, paired tests against the best, construction seconds and flops in\n"
        "results/<name>/coin.{json,csv} and on the terminal.";
    add_settings(line, parsed);
  } else if (command == "sweep") {
    line.synopsis =
        "coinsim sweep SWEEP.json [--jobs N] [--shard I/N] [--merge] [--no-plot] [--list]";
    line.summary =
        "Every point of a sweep, resumable: complete points are skipped. Tables in\n"
        "results/<sweep>/summary.csv and accuracy.csv, then the figures. Under mpirun, rank 0\n"
        "hands points to every rank.";
    line.options.add_options()("jobs", po::value(&parsed.sweep.jobs),
                               "simulations at once (default: one per core)")(
        "shard", po::value(&parsed.shard), "I/N: run only every N-th point, from the I-th")(
        "merge", "only build the tables from the points run (by every shard)")(
        "no-plot", "tables only (e.g. on a cluster without matplotlib)")(
        "list", "say which points are complete and which would run; run nothing");
  } else if (command == "plot") {
    line.synopsis = "coinsim plot RESULTS_DIR [--width column|page] [--style FILE]";
    line.summary =
        "Redraws the figures of a sweep's folder (summary.csv) or a run's (PDF, PNG), sized for\n"
        "print. Python: $COINSIM_PYTHON, else python3 on PATH, else /usr/bin/python3.";
    line.options.add_options()("width", po::value(&parsed.plot.width),
                               "column (3.5 in, the default) or page (7 in)")(
        "style", po::value(&parsed.plot.style),
        "a matplotlib style file (default: $COINSIM_PLOT_STYLE, else "
        "analysis/coinsim.mplstyle)");
  } else {
    throw coinsim::UsageError("unknown command \"" + command + "\"");
  }
}

const char* const kCommands[] = {"coin", "plot", "run", "sweep"};

// "--jobs goes with sweep only" for an option another command has, or "" for none.
std::string belongs_elsewhere(const std::string& option) {
  std::string owners;
  for (const char* command : kCommands) {
    Parsed ignored;
    CommandLine line;
    describe(command, line, ignored);
    // "--cfg=a:1" is reported whole: the name lies between the dashes and any "=".
    const std::string name = option.substr(0, option.find('='));
    if (line.options.find_nothrow(name.substr(name.find_first_not_of('-')), false))
      owners += (owners.empty() ? "" : ", ") + std::string(command);
  }
  return owners.empty() ? ""
                        : option.substr(0, option.find('=')) + " goes with " + owners + " only";
}

// The command line after the command's name, into `parsed` (which `line` was described with).
void parse(const CommandLine& line, int argc, char** argv, Parsed& parsed) {
  po::options_description all;
  all.add(line.options).add_options()("argument", po::value(&parsed.argument));
  po::positional_options_description positional;
  positional.add("argument", 1);
  try {
    po::store(po::command_line_parser(argc - 1, argv + 1).options(all).positional(positional).run(),
              parsed.given);
  } catch (const po::unknown_option& e) {
    const std::string elsewhere = belongs_elsewhere(e.get_option_name());
    if (!elsewhere.empty()) throw coinsim::UsageError(elsewhere);
    throw;
  }
  po::notify(parsed.given);
}

int run(const std::string& command, const Parsed& parsed) {
  std::vector<coinsim::Setting> settings;
  for (const auto& text : parsed.settings) settings.push_back(coinsim::parse_setting(text));
  if (command == "coin") return coinsim::coin_command(parsed.argument, settings);
  if (command == "run") return coinsim::run_command(parsed.argument, settings, parsed.simgrid_args);
  if (command == "plot") return coinsim::plot_command(parsed.argument, parsed.plot);
  coinsim::SweepOptions sweep = parsed.sweep;
  if (parsed.given.count("jobs") && sweep.jobs < 1)
    throw coinsim::UsageError("--jobs " + std::to_string(sweep.jobs) + ": needs at least 1");
  sweep.file = parsed.argument;
  sweep.merge_only = parsed.given.count("merge") > 0;
  sweep.plot = parsed.given.count("no-plot") == 0;
  sweep.list_only = parsed.given.count("list") > 0;
  if (!parsed.shard.empty()) coinsim::parse_shard(parsed.shard, sweep);
  return coinsim::sweep_command(sweep);
}

std::string version_text() {
  const nlohmann::json versions = coinsim::versions();
  return "coinsim " + versions.at("coinsim").get<std::string>() + " (" +
         versions.at("git_revision").get<std::string>() + "), LibTorch " +
         versions.at("libtorch").get<std::string>() + ", SimGrid " +
         versions.at("simgrid").get<std::string>() + "\n";
}

}  // namespace

int main(int argc, char** argv) {
  // A file size limit (ulimit -f) becomes a write error reported with the file's name, not a
  // silent kill by SIGXFSZ; the simulations spawned inherit this.
  std::signal(SIGXFSZ, SIG_IGN);
  const std::string first = argc > 1 ? argv[1] : "";
  std::string usage = kUsage;  // report_errors holds a reference: the command's help once known
  return coinsim::report_errors("coinsim", usage, [&] {
    if (first == "--help" || first == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (first == "--version") {
      std::cout << version_text();
      return 0;
    }
    if (first.empty()) throw coinsim::UsageError("no command given");
    if (first.front() == '-') throw coinsim::UsageError("the command comes first: " + first);
    Parsed parsed;
    CommandLine line;
    describe(first, line, parsed);
    usage = line.help();  // errors from here on show the command's own help
    parse(line, argc, argv, parsed);
    if (parsed.given.count("help")) {
      std::cout << line.help();
      return 0;
    }
    if (parsed.argument.empty())
      throw coinsim::UsageError(first + ": needs a " +
                                (first == "plot" ? "results folder" : "JSON file"));
    return run(first, parsed);
  });
}
