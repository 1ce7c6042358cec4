#include "app/run_command.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/plotting.hpp"
#include "app/scenario_run.hpp"
#include "common/csv_progress.hpp"
#include "common/files.hpp"
#include "common/number_text.hpp"
#include "common/progress.hpp"
#include "common/stop_signals.hpp"
#include "common/subprocess.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr double kLargeLogBytes = 1e9;  // logs larger than this are announced

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void print_report(const PreparedRun& run, const Json& summary) {
  std::cout << "accuracy (test images of each task's domain; scoring rules in "
               "scenarios/README.md):\n";
  for (const auto& t : run.stage.accuracy.tasks)
    std::printf("  task %d  available %.4f (scoring task), %.4f (scoring all)  (%d images)\n",
                t.task, t.available.task, t.available.all, t.images);
  std::cout << to_text(run.stage.accuracy)
            << "\nlatency (ms, simulated); accuracy per task (scoring task | all) and per "
               "query (end to end):\n";
  for (const auto& spec : run.scenario.strategies) {  // in the scenario's order
    const Json& result = summary["strategies"][spec.name];
    const auto ms = [&](const std::string& quantile) {
      return 1000 * result["latency_" + quantile + "_s"].get<double>();
    };
    const auto value = [&](const char* key) { return result[key].get<double>(); };
    std::printf(
        "  %-12s servers %d  p50 %.3f  p99 %.3f  p99.9 %.3f  mean %.3f  accuracy %.4f | %.4f, "
        "query %.4f  answered by decoding %.4f, backup %.4f, fallback %.4f\n",
        spec.name.c_str(), result["servers"].get<int>(), ms("p50"), ms("p99"), ms("p999"),
        ms("mean"), value("accuracy_task"), value("accuracy_all"), value("accuracy_query"),
        value("fraction_tasks_decoded"), value("fraction_tasks_backup"),
        value("fraction_tasks_fallback"));
  }
}

std::string elapsed_text(std::chrono::steady_clock::time_point start) {
  return number_text(seconds_since(start), "%.1f") + " s";
}

// Simulations run in child processes: on a terminal, a bar (with ETA) from the query logs they
// stream, about five times a second.
std::vector<int> run_simulations(const PreparedRun& run, const Progress& progress) {
  const Scenario& s = run.scenario;
  const auto commands = simulation_commands(run);
  if (!progress.enabled() || commands.empty()) return run_commands(commands, s.threads);
  const auto total = static_cast<std::size_t>(s.load.queries) * commands.size();
  ProgressBar bar(total, "queries simulated", true);
  CsvProgress written(s.results_dir, "queries-");
  const auto codes = run_commands(commands, s.threads, [&] {
    bar.update(std::min(total, static_cast<std::size_t>(written.rows())));
  });
  bar.update(total);
  bar.finish();
  return codes;
}

// Per-query logs of long runs take gigabytes: said before they are written.
void announce_log_sizes(const Scenario& s, const Progress& progress) {
  const double strategies = static_cast<double>(s.strategies.size());
  double bytes = kQueryRowBytes * s.load.queries * strategies;
  if (s.request_log) {
    double requests = 0;
    for (const auto& strategy : s.strategies) requests += strategy.servers(s.k(), s.r());
    bytes += kRequestRowBytes * s.load.queries * requests;
  }
  if (bytes < kLargeLogBytes) return;
  progress.warn(std::string("note: the per-query") + (s.request_log ? " and per-request" : "") +
                " logs will take about " + number_text(bytes / 1e9, "%.1f") + " GB in " +
                s.results_dir.string() + " (" + std::to_string(s.load.queries) + " queries x " +
                std::to_string(s.strategies.size()) + " strategies)");
}

}  // namespace

int run_command(const std::string& scenario_file, const std::vector<Setting>& settings,
                const std::vector<std::string>& simgrid_args) {
  const auto start = std::chrono::steady_clock::now();
  const Progress progress;
  Scenario s = load_scenario(scenario_file, settings);
  s.simgrid_args = simgrid_args;
  check_inputs(s, progress);
  // Everything checked: only now is the folder touched (a refused run leaves the last one as is).
  const ResultsFolder folder = claim_results_folder(s, "run");

  const PreparedRun run = prepare_run(s, progress);
  progress.say("accuracy stage done after " + elapsed_text(start));
  {
    // A stop kills the simulations, or the plotting; no summary.json is written.
    const StopSignals stop;
    announce_log_sizes(s, progress);
    check_simulations(s, run_simulations(run, progress));
    progress.say("simulations done after " + elapsed_text(start));
    if (!s.strategies.empty()) plot_run(s.results_dir);
  }
  const Json summary = finish_run(run);
  print_report(run, summary);
  for (const auto& warning : run_warnings(summary)) progress.warn("warning: " + warning);
  std::cout << "\nresults in " << s.results_dir.string() << "/ (" << elapsed_text(start) << ")\n";
  return 0;
}

}  // namespace coinsim
