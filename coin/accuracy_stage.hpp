// The accuracy stage of a run, behind a header free of LibTorch: train (or load from the cache)
// the k task models, build every coded model the scenario asks for, run all of them on the test
// images and keep their output probabilities. Everything is cached by a content hash of what
// produced it, so a run that changes only latency knobs never retrains.
#pragma once

#include <filesystem>

#include "coin/coding/accuracy.hpp"
#include "coin/coding/output_table.hpp"
#include "common/progress.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {

struct AccuracyStage {
  OutputTable table;
  std::filesystem::path table_path;  // in the cache, ready for the simulator
  AccuracyTable accuracy;
  // Per construction method: {"wall_s", "flops", ...details} (coin/models/construction.hpp).
  nlohmann::json construction;
  bool table_from_cache = false;
};

AccuracyStage run_accuracy_stage(const Scenario& scenario, const Progress& progress);

}  // namespace coinsim

namespace coinsim {
std::string torch_version();
}  // namespace coinsim
