#include "app/plotting.hpp"

#include <iostream>
#include <optional>

#include "common/error.hpp"
#include "common/results_folder.hpp"
#include "common/stop_signals.hpp"
#include "common/subprocess.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

constexpr int kPlotInputError = 65;  // analysis/figures.py: INPUT_ERROR_EXIT

// Debian's matplotlib lives with Debian's interpreter; a python3 earlier on PATH may not see it.
std::string python_with_matplotlib() {
  for (const std::string python : {"/usr/bin/python3", "python3"})
    if (first_line_of({python, "-c", "import matplotlib; print('ok')"}) == "ok") return python;
  throw Error("no python3 with matplotlib found (install python3-matplotlib: scripts/setup.sh)");
}

void run_script(const std::string& name, const fs::path& results_dir) {
  const std::string script = std::string(COINSIM_SOURCE_DIR) + "/analysis/" + name;
  Command plot;
  plot.argv = {python_with_matplotlib(), script, results_dir.string()};
  const auto codes = run_commands({plot}, 1);
  if (codes[0] == kPlotInputError) throw ReportedError();  // its one line is printed
  if (codes[0] != 0)
    throw Error(script + ": plotting failed (exit " + std::to_string(codes[0]) + ")");
}

}  // namespace

void plot_run(const fs::path& results_dir) {
  run_script("plot_latency_cdf.py", results_dir);
}

void plot_sweep(const fs::path& results_dir) {
  const StopSignals stop;  // SIGINT / SIGTERM: the script is terminated, one line, 128 + signal
  run_script("plot_sweep.py", results_dir);
}

int plot_command(const fs::path& results_dir) {
  std::error_code ec;
  const bool sweep = fs::is_regular_file(results_dir / "summary.csv", ec);
  const bool run = fs::is_regular_file(results_dir / "summary.json", ec);
  std::optional<ResultsFolder> folder;  // not while a run or sweep writes there
  if (sweep || run) folder = ResultsFolder::claim(results_dir, "coinsim plot", "coinsim plot");
  if (sweep) {
    plot_sweep(results_dir);
  } else if (run) {
    const StopSignals stop;
    plot_run(results_dir);
    std::cout << (results_dir / "latency_cdf.png").string() << "\n"
              << (results_dir / "latency_cdf.pdf").string() << "\n";
  } else {
    throw Error(results_dir.string() +
                ": neither a sweep's folder (summary.csv) nor a run's (summary.json)");
  }
  return 0;
}

}  // namespace coinsim
