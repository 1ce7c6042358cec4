#include "app/plotting.hpp"

#include <cstdlib>
#include <iostream>
#include <optional>
#include <vector>

#include "common/error.hpp"
#include "common/progress.hpp"
#include "common/results_folder.hpp"
#include "common/stop_signals.hpp"
#include "common/subprocess.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

constexpr int kPlotInputError = 65;  // analysis/figures.py: INPUT_ERROR_EXIT
constexpr int kNoMatplotlib = 69;    // analysis/figures.py: NO_MATPLOTLIB_EXIT

// The interpreters to try, in order: $COINSIM_PYTHON alone if set; else python3 on PATH (so a
// user's own matplotlib or seaborn is honoured), then Debian's, which has python3-matplotlib.
// No probe first: a script without matplotlib exits kNoMatplotlib before drawing anything.
std::vector<std::string> pythons() {
  if (const char* chosen = std::getenv("COINSIM_PYTHON"); chosen != nullptr && *chosen != '\0')
    return {chosen};
  return {"python3", "/usr/bin/python3"};
}

void run_script(const std::string& name, const fs::path& results_dir, const PlotOptions& options) {
  const std::string script = std::string(COINSIM_SOURCE_DIR) + "/analysis/" + name;
  std::vector<std::string> arguments = {script, results_dir.string(), "--width", options.width};
  if (!options.style.empty()) arguments.insert(arguments.end(), {"--style", options.style});
  std::string tried;
  for (const auto& python : pythons()) {
    Command plot;
    plot.argv = {python};
    plot.argv.insert(plot.argv.end(), arguments.begin(), arguments.end());
    int code = kNoMatplotlib;
    try {
      code = run_commands({plot}, 1)[0];
    } catch (const Error&) {  // not installed: the next one
    }
    if (code == kNoMatplotlib) {
      tried += (tried.empty() ? "" : ", ") + python;
      continue;
    }
    if (code == kPlotInputError) throw ReportedError();  // its one line is printed
    if (code != 0)
      throw Error(script + ": plotting failed (" + python + ", exit " + std::to_string(code) + ")");
    return;
  }
  throw Error("no Python with matplotlib (tried " + tried +
              "): install python3-matplotlib (scripts/setup.sh) or set COINSIM_PYTHON");
}

}  // namespace

void check_plot_options(const PlotOptions& options) {
  if (options.width != "column" && options.width != "page")
    throw UsageError("--width " + options.width + ": expected column (3.5 in) or page (7 in)");
  std::error_code ec;
  if (!options.style.empty() && !fs::is_regular_file(options.style, ec))
    throw UsageError("--style " + options.style + ": no such file");
}

void plot_run(const fs::path& results_dir, const PlotOptions& options) {
  Progress().say("plotting the latency tail...");
  run_script("plot_latency_cdf.py", results_dir, options);
}

void plot_sweep(const fs::path& results_dir, const PlotOptions& options) {
  const StopSignals stop;  // SIGINT / SIGTERM: the script is terminated, one line, 128 + signal
  Progress().say("plotting the sweep's figures...");
  run_script("plot_sweep.py", results_dir, options);
}

int plot_command(const fs::path& results_dir, const PlotOptions& options) {
  check_plot_options(options);
  std::error_code ec;
  const bool sweep = fs::is_regular_file(results_dir / "summary.csv", ec);
  const bool run = fs::is_regular_file(results_dir / "summary.json", ec);
  std::optional<ResultsFolder> folder;  // not while a run or sweep writes there
  if (sweep || run) folder = ResultsFolder::claim(results_dir, "coinsim plot", "coinsim plot");
  if (sweep) {
    plot_sweep(results_dir, options);
  } else if (run) {
    const StopSignals stop;
    plot_run(results_dir, options);
    std::cout << (results_dir / "latency_cdf.png").string() << "\n"
              << (results_dir / "latency_cdf.pdf").string() << "\n";
  } else {
    throw Error(results_dir.string() +
                ": neither a sweep's folder (summary.csv) nor a run's (summary.json)");
  }
  return 0;
}

}  // namespace coinsim
