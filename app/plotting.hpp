// The figures, drawn by the Python scripts in analysis/ with Debian's matplotlib.
#pragma once

#include <filesystem>

namespace coinsim {

// analysis/plot_latency_cdf.py on one run's folder (call it where StopSignals are installed, so
// that SIGINT / SIGTERM terminate the script).
void plot_run(const std::filesystem::path& results_dir);

// analysis/plot_sweep.py on a sweep's folder (after its tables are written).
void plot_sweep(const std::filesystem::path& results_dir);

// `coinsim plot DIR`: a sweep's folder (summary.csv) or one run's; throws Error for neither.
int plot_command(const std::filesystem::path& results_dir);

}  // namespace coinsim
