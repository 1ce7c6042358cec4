#include "app/run_command.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/plotting.hpp"
#include "app/scenario_run.hpp"
#include "common/files.hpp"
#include "common/progress.hpp"
#include "common/stop_signals.hpp"
#include "common/subprocess.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void print_report(const AccuracyStage& stage, const Json& summary) {
  std::cout << "accuracy (test images of each task's domain):\n";
  for (const auto& t : stage.accuracy.tasks)
    std::printf("  task %d  available %.4f  (%d images)\n", t.task, t.available, t.images);
  std::cout << to_text(stage.accuracy) << "\nlatency (simulated seconds):\n";
  for (const auto& [name, run] : summary["strategies"].items())
    std::printf(
        "  %-12s servers %d  p50 %.6f  p99 %.6f  p99.9 %.6f  mean %.6f  accuracy %.4f  "
        "answered by decoding %.4f, backup %.4f, fallback %.4f\n",
        name.c_str(), run["servers"].get<int>(), run["latency"]["p50"].get<double>(),
        run["latency"]["p99"].get<double>(), run["latency"]["p99.9"].get<double>(),
        run["latency"]["mean"].get<double>(), run["accuracy"].get<double>(),
        run["answers"]["decoded"].get<double>(), run["answers"]["backup"].get<double>(),
        run["answers"]["fallback"].get<double>());
}

}  // namespace

int run_command(const std::string& scenario_file) {
  const auto start = std::chrono::steady_clock::now();
  const Progress progress;
  Scenario s = load_scenario(scenario_file);
  check_inputs(s, progress);
  // Everything checked: only now is the folder touched (a refused run leaves the last one as is).
  const ResultsFolder folder = claim_results_folder(s, "run");

  const PreparedRun run = prepare_run(s, progress);
  progress.say("accuracy stage done after " + std::to_string(seconds_since(start)) + " s");
  {
    const StopSignals stop;  // a stop kills the simulations; no summary.json is written
    check_simulations(s, run_commands(simulation_commands(run), s.threads));
  }
  progress.say("simulations done after " + std::to_string(seconds_since(start)) + " s");
  if (!s.strategies.empty()) plot_run(s.results_dir);
  const Json summary = finish_run(run);
  print_report(run.stage, summary);
  std::cout << "\nresults in " << s.results_dir.string() << "/ (" << seconds_since(start)
            << " s)\n";
  return 0;
}

}  // namespace coinsim
