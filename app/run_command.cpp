#include "app/run_command.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/provenance.hpp"
#include "coin/accuracy_stage.hpp"
#include "coin/forward_timing.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "common/hash.hpp"
#include "common/progress.hpp"
#include "common/subprocess.hpp"
#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string simulator() {
  return executable_dir() + "/coinsim-simulate";
}

// Checked before any training; on failure the child has already said what is wrong, in one line,
// and its exit code is returned.
int check_platform_first(const Scenario& s) {
  return run_commands({{{simulator(), s.source.string(), "--check-platform"}}}, 1).front();
}

void simulate_strategies(const Scenario& s, const fs::path& table, double forward_seconds) {
  std::vector<Command> commands;
  for (const auto& spec : s.strategies) {
    const auto file = [&](const std::string& kind, const std::string& extension) {
      return (s.results_dir / (kind + "-" + spec.name + extension)).string();
    };
    Command command{{simulator(), s.source.string(), "--strategy", spec.name, "--table",
                     table.string(), "--queries-csv", file("queries", ".csv"), "--summary",
                     file("summary", ".json")}};
    if (s.request_log) {
      command.argv.push_back("--requests-csv");
      command.argv.push_back(file("requests", ".csv"));
    }
    if (forward_seconds > 0) {
      char text[32];
      std::snprintf(text, sizeof(text), "%.17g", forward_seconds);
      command.argv.insert(command.argv.end(), {"--forward-seconds", text});
    }
    commands.push_back(command);
  }
  const auto codes = run_commands(commands, s.threads);
  for (std::size_t i = 0; i < codes.size(); ++i)
    if (codes[i] != 0)
      throw Error("simulation of strategy \"" + s.strategies[i].name + "\" failed (exit " +
                  std::to_string(codes[i]) + ")");
}

// Debian's matplotlib lives with Debian's interpreter; a python3 earlier on PATH may not see it.
std::string python_with_matplotlib() {
  for (const std::string python : {"/usr/bin/python3", "python3"})
    if (first_line_of({python, "-c", "import matplotlib; print('ok')"}) == "ok") return python;
  throw Error("no python3 with matplotlib found (install python3-matplotlib: scripts/setup.sh)");
}

void plot(const Scenario& s) {
  const std::string script = std::string(COINSIM_SOURCE_DIR) + "/analysis/plot_latency_cdf.py";
  const auto codes =
      run_commands({{{python_with_matplotlib(), script, s.results_dir.string()}}}, 1);
  if (codes[0] != 0)
    throw Error(script + ": plotting failed (exit " + std::to_string(codes[0]) + ")");
}

Json merged_summary(const Scenario& s, const AccuracyStage& stage, double forward_seconds) {
  Json strategies = Json::object();
  for (const auto& strategy : s.strategies)
    strategies[strategy.name] =
        Json::parse(read_file(s.results_dir / ("summary-" + strategy.name + ".json")));
  Json origin = provenance(s);
  origin["output_table"] = stage.table_path.string();
  Json summary = {{"scenario", s.name},
                  {"provenance", origin},
                  {"forward_flops", stage.table.forward_flops},
                  {"accuracy_table", to_json(stage.accuracy)},
                  {"strategies", strategies}};
  if (forward_seconds > 0) summary["measured_forward_seconds"] = forward_seconds;
  return summary;
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
  const Scenario s = load_scenario(scenario_file);
  std::error_code ignored;
  fs::remove(s.results_dir / "summary.json", ignored);  // the completion marker goes last
  if (const int code = check_platform_first(s); code != 0) return code;

  const AccuracyStage stage = run_accuracy_stage(s, progress);
  write_file_atomically(s.results_dir / "scenario.json", to_json(s).dump(2) + "\n");
  write_file_atomically(s.results_dir / "accuracy.json", to_json(stage.accuracy).dump(2) + "\n");
  write_file_atomically(s.results_dir / "accuracy.csv", to_csv(stage.accuracy));
  progress.say("accuracy stage done after " + std::to_string(seconds_since(start)) + " s");

  const double forward_seconds =
      s.platform.calibration == "measured" ? cached_forward_seconds(s) : 0.0;
  simulate_strategies(s, stage.table_path, forward_seconds);
  progress.say("simulations done after " + std::to_string(seconds_since(start)) + " s");
  const Json summary = merged_summary(s, stage, forward_seconds);
  plot(s);
  write_file_atomically(s.results_dir / "summary.json", summary.dump(2) + "\n");
  print_report(stage, summary);
  std::cout << "\nresults in " << s.results_dir.string() << "/ (" << seconds_since(start)
            << " s)\n";
  return 0;
}

}  // namespace coinsim
