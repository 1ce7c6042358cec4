#include "app/simulate_arguments.hpp"

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <sstream>

#include "common/error.hpp"
#include "scenario/json_reader.hpp"

namespace coinsim {
namespace {

namespace po = boost::program_options;

po::options_description options(SimulateArguments& a) {
  po::options_description described(
      "usage: coinsim-simulate SCENARIO|- (--check-platform | --strategy NAME --table FILE "
      "--queries-csv FILE --summary FILE) [--source FILE]");
  described.add_options()("help,h", po::bool_switch(&a.help), "this help")(
      "scenario", po::value(&a.scenario), "scenario JSON file, or - for the snapshot on stdin")(
      "source", po::value(&a.source), "the scenario file to name in errors")(
      "version", po::bool_switch(&a.version), "print the SimGrid version and exit")(
      "check-platform", po::bool_switch(&a.check_platform),
      "only check that the platform can serve every strategy, then exit")(
      "strategy", po::value(&a.strategy), "strategy to simulate (a name of /strategies)")(
      "table", po::value(&a.table), "output table written by the accuracy stage")(
      "queries-csv", po::value(&a.queries_csv), "per-query CSV to write")(
      "requests-csv", po::value(&a.requests_csv), "per-request CSV to write (optional)")(
      "summary", po::value(&a.summary), "summary JSON to write")(
      "forward-seconds", po::value(&a.forward_seconds),
      "measured time of one forward pass (for /platform/calibration = measured)")(
      "cfg", po::value<std::vector<std::string>>()->composing()->notifier([&a](const auto& v) {
        for (const auto& value : v) a.simgrid_args.push_back("--cfg=" + value);
      }),
      "a SimGrid configuration item, name:value (repeatable)")(
      "log", po::value<std::vector<std::string>>()->composing()->notifier([&a](const auto& v) {
        for (const auto& value : v) a.simgrid_args.push_back("--log=" + value);
      }),
      "a SimGrid logging setting (repeatable)");
  return described;
}

std::string exact_text(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.17g", value);
  return text;
}

}  // namespace

std::string simulate_usage() {
  SimulateArguments ignored;
  std::ostringstream text;
  text << options(ignored) << "\n";
  return text.str();
}

SimulateArguments parse_simulate_arguments(int argc, const char* const* argv) {
  SimulateArguments a;
  a.scenario.clear();
  const po::options_description described = options(a);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(described).positional(positional).run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  if (a.help || a.version) return a;
  if (a.scenario.empty()) throw UsageError("needs a scenario file, or - for standard input");
  if (a.source.empty()) a.source = a.scenario;
  if (a.check_platform) return a;
  if (a.strategy.empty()) throw UsageError("needs --strategy (or --check-platform)");
  if (a.table.empty()) throw UsageError("needs --table");
  if (a.queries_csv.empty()) throw UsageError("needs --queries-csv");
  if (a.summary.empty()) throw UsageError("needs --summary");
  return a;
}

Command simulate_command(const std::string& program, const SimulateArguments& a,
                         const Scenario& scenario) {
  Command command;
  command.argv = {program, a.scenario};
  const auto add = [&](const std::string& option, const std::string& value) {
    if (!value.empty()) command.argv.insert(command.argv.end(), {option, value});
  };
  add("--source", a.source);
  if (a.check_platform) command.argv.push_back("--check-platform");
  add("--strategy", a.strategy);
  add("--table", a.table.string());
  add("--queries-csv", a.queries_csv.string());
  add("--requests-csv", a.requests_csv.string());
  add("--summary", a.summary.string());
  if (a.forward_seconds > 0) add("--forward-seconds", exact_text(a.forward_seconds));
  command.argv.insert(command.argv.end(), scenario.simgrid_args.begin(),
                      scenario.simgrid_args.end());
  if (a.scenario == "-") command.standard_input = to_json(scenario).dump() + "\n";
  return command;
}

Scenario load_simulated_scenario(const SimulateArguments& a) {
  if (a.scenario != "-") {
    Scenario scenario = load_scenario(a.scenario);
    scenario.source = a.source;
    scenario.simgrid_args = a.simgrid_args;
    return scenario;
  }
  const std::string text(std::istreambuf_iterator<char>(std::cin), {});
  nlohmann::json snapshot;
  try {
    snapshot = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(a.source + ": the resolved scenario on standard input is no JSON: " + e.what());
  }
  // The snapshot's paths are resolved already: relative ones are the working directory's.
  Scenario scenario = parse_scenario(snapshot, a.source, PathOrigins{});
  scenario.simgrid_args = a.simgrid_args;
  return scenario;
}

}  // namespace coinsim
