#include "app/scenario_run.hpp"

#include <algorithm>
#include <filesystem>

#include "app/provenance.hpp"
#include "app/simulate_arguments.hpp"
#include "coin/coding/code.hpp"
#include "coin/data/dataset_files.hpp"
#include "coin/models/forward_timing.hpp"
#include "common/error.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string simulator() {
  return executable_dir() + "/coinsim-simulate";
}

}  // namespace

fs::path summary_path(const Scenario& s) {
  return s.results_dir / "summary.json";
}

bool run_is_complete(const Scenario& s) {
  std::error_code ec;
  if (!fs::is_regular_file(summary_path(s), ec)) return false;
  const Json summary = Json::parse(read_file(summary_path(s)), nullptr, false);
  const Json::json_pointer hash("/provenance/scenario_hash");
  const Json::json_pointer format("/provenance/output_format");
  return !summary.is_discarded() && summary.contains(hash) && summary[hash] == scenario_hash(s) &&
         summary.contains(format) && summary[format] == kOutputFormat;
}

namespace {
std::string output_dir_path(const Scenario& s) {
  return s.source.string() + ": /output/dir";
}

// The one line a failed platform check gives: the simulator's own error, or SimGrid's reason.
std::string platform_failure(const Scenario& s, const Captured& check) {
  const std::string& text = check.standard_error;
  const std::string own = "coinsim-simulate: ";
  if (check.exit_code < 128 && text.rfind(own, 0) == 0)  // the simulator's own one-line error
    return text.substr(own.size(), text.find('\n') - own.size());
  // SimGrid refused the file: "[0.000000] src/...cpp:105: [root/CRITICAL] <why>", a backtrace.
  const std::string critical = "CRITICAL] ";
  const auto at = text.find(critical);
  const std::string why =
      at == std::string::npos
          ? "the platform check ended with exit " + std::to_string(check.exit_code)
          : text.substr(at + critical.size(), text.find('\n', at) - at - critical.size());
  if (!s.simgrid_args.empty()) {  // SimGrid may be refusing those rather than the platform
    std::string args;
    for (const auto& arg : s.simgrid_args) args += " " + arg;
    return s.source.string() + ": SimGrid cannot use the platform " + s.platform.file.string() +
           " with" + args + ": " + why;
  }
  return s.source.string() + ": /platform/file: " + s.platform.file.string() +
         ": SimGrid cannot use it: " + why;
}
}  // namespace

void check_platform_in_child(const Scenario& s) {
  const Captured check = run_capturing_stderr(platform_check(s));
  if (check.exit_code != 0) throw Error(platform_failure(s, check));
}

void check_inputs(Scenario& s, const Progress& progress) {
  fingerprint_dataset(s);
  if (const std::string warning = code_warning(s, make_code(s)); !warning.empty())
    progress.warn(warning);
  check_results_folder(s.results_dir, output_dir_path(s));
  check_platform_in_child(s);
  try {
    require_writable_directory(s.cache_dir);
  } catch (const Error& e) {
    throw Error(s.source.string() + ": /output/cache: " + e.what());
  }
  remove_stale_temporaries(s.cache_dir, 3);  // models/<key>/<file> is the deepest
}

ResultsFolder claim_results_folder(const Scenario& s, const std::string& command) {
  return ResultsFolder::claim(s.results_dir, output_dir_path(s),
                              "coinsim " + command + " " + s.source.string());
}

void forget_previous_run(const Scenario& s) {
  std::error_code ignored;
  fs::remove(summary_path(s), ignored);  // first: nothing below looks complete any more
  // Every strategy's outputs, not only this scenario's strategies: the figure reads every
  // summary-*.json in the folder, and a strategy dropped from the scenario must not stay in it.
  for (const auto& entry : fs::directory_iterator(s.results_dir, ignored)) {
    const std::string name = entry.path().filename().string();
    for (const char* prefix : {"summary-", "queries-", "requests-", "latency_cdf."})
      if (name.rfind(prefix, 0) == 0) fs::remove(entry.path(), ignored);
  }
}

Command platform_check(const Scenario& s) {
  SimulateArguments arguments;
  arguments.source = s.source.string();
  arguments.check_platform = true;
  return simulate_command(simulator(), arguments, s);
}

PreparedRun prepare_run(const Scenario& s, const Progress& progress) {
  PreparedRun run{s, run_accuracy_stage(s, progress), 0.0};
  // Only now, with the models and outputs in hand (a refusal in the accuracy stage, such as an
  // empty task, leaves the previous run as it was), is anything in the folder replaced.
  forget_previous_run(s);
  write_file_atomically(s.results_dir / "scenario.json", to_json(s).dump(2) + "\n");
  write_file_atomically(s.results_dir / "accuracy.json",
                        to_json(run.stage.accuracy).dump(2) + "\n");
  write_file_atomically(s.results_dir / "accuracy.csv", to_csv(run.stage.accuracy));
  if (s.platform.calibration == Calibration::measured)
    run.forward_seconds = cached_forward_seconds(s);
  return run;
}

std::vector<Command> simulation_commands(const PreparedRun& run) {
  const Scenario& s = run.scenario;
  std::vector<Command> commands;
  for (const auto& spec : s.strategies) {
    const auto file = [&](const std::string& kind, const std::string& extension) {
      return s.results_dir / (kind + "-" + spec.name + extension);
    };
    SimulateArguments arguments;
    arguments.source = s.source.string();
    arguments.strategy = spec.name;
    arguments.table = run.stage.table_path;
    arguments.queries_csv = file("queries", ".csv");
    arguments.summary = file("summary", ".json");
    if (s.request_log) arguments.requests_csv = file("requests", ".csv");
    arguments.forward_seconds = run.forward_seconds;
    commands.push_back(simulate_command(simulator(), arguments, s));
  }
  return commands;
}

void check_simulations(const Scenario& s, const std::vector<int>& exit_codes) {
  for (std::size_t i = 0; i < exit_codes.size(); ++i)
    if (exit_codes[i] != 0)
      throw Error(
          "simulation of strategy \"" + s.strategies[i].name + "\" failed (exit " +
          std::to_string(exit_codes[i]) +
          (exit_codes[i] > 128
               ? ": killed by signal " + std::to_string(exit_codes[i] - 128) + ", its reason above"
               : std::string()) +
          ")");
}

Json finish_run(const PreparedRun& run) {
  const Scenario& s = run.scenario;
  Json strategies = Json::object();
  for (const auto& strategy : s.strategies)
    strategies[strategy.name] =
        Json::parse(read_file(s.results_dir / ("summary-" + strategy.name + ".json")));
  Json origin = provenance(s);
  origin["output_table"] = run.stage.table_path.string();
  Json summary = {{"scenario", s.name},
                  {"provenance", origin},
                  {"forward_flops", run.stage.table.forward_flops},
                  {"accuracy_table", to_json(run.stage.accuracy)},
                  {"construction", run.stage.construction},
                  {"strategies", strategies}};
  if (run.forward_seconds > 0) summary["measured_forward_seconds"] = run.forward_seconds;
  write_file_atomically(summary_path(s), summary.dump(2) + "\n");
  return summary;
}

std::vector<std::string> run_warnings(const Json& summary) {
  std::vector<std::string> warnings;
  for (const auto& strategy : summary.at("strategies"))
    for (const auto& warning : strategy.value("warnings", Json::array()))
      if (std::find(warnings.begin(), warnings.end(), warning) == warnings.end())
        warnings.push_back(warning.get<std::string>());
  return warnings;
}

}  // namespace coinsim
