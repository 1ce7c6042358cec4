#include "app/provenance.hpp"

#include "coin/accuracy_stage.hpp"
#include "common/hash.hpp"
#include "common/subprocess.hpp"

namespace coinsim {

namespace {

// Asked of the simulator: `coinsim` itself must not link SimGrid, whose SMPI library defines the
// MPI functions that the MPI sweep needs from Open MPI.
std::string simgrid_version() {
  const std::string version = first_line_of({executable_dir() + "/coinsim-simulate", "--version"});
  return version.empty() ? "unknown" : version;
}

}  // namespace

std::string scenario_hash(const Scenario& s) {
  return content_hash(to_json(s).dump());
}

nlohmann::json versions() {
  const std::string revision = first_line_of(
      {"git", "-C", COINSIM_SOURCE_DIR, "describe", "--always", "--dirty", "--abbrev=12"});
  return {{"git_revision", revision.empty() ? "unknown" : revision},
          {"coinsim", "0.1"},
          {"libtorch", torch_version()},
          {"simgrid", simgrid_version()}};
}

nlohmann::json provenance(const Scenario& s) {
  nlohmann::json json = {{"scenario_file", s.source.string()},
                         {"scenario_hash", scenario_hash(s)},
                         {"seed", s.seed},
                         {"output_format", kOutputFormat}};
  json.update(versions());
  if (!s.simgrid_args.empty()) json["simgrid_args"] = s.simgrid_args;
  return json;
}

}  // namespace coinsim
