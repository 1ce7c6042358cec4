// The figures, drawn by the Python scripts in analysis/ with matplotlib.
#pragma once

#include <filesystem>
#include <string>

namespace coinsim {

// How figures are drawn (analysis/figures.py): print width and style file.
struct PlotOptions {
  std::string width = "column";  // "column" (3.5 in) or "page" (7 in)
  std::string style;             // a matplotlib style file; empty: $COINSIM_PLOT_STYLE or bundled
};

// Throws UsageError for a width other than column or page, or a style file that is not there.
void check_plot_options(const PlotOptions& options);

// analysis/plot_latency_cdf.py on one run's folder (call it where StopSignals are installed, so
// that SIGINT / SIGTERM terminate the script).
void plot_run(const std::filesystem::path& results_dir, const PlotOptions& options = {});

// analysis/plot_sweep.py on a sweep's folder (after its tables are written).
void plot_sweep(const std::filesystem::path& results_dir, const PlotOptions& options = {});

// `coinsim plot DIR`: a sweep's folder (summary.csv) or one run's; throws Error for neither.
int plot_command(const std::filesystem::path& results_dir, const PlotOptions& options);

}  // namespace coinsim
