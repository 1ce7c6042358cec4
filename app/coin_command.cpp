#include "app/coin_command.hpp"

#include <filesystem>
#include <iostream>

#include "app/provenance.hpp"
#include "app/scenario_run.hpp"
#include "coin/accuracy_stage.hpp"
#include "coin/coding/accuracy_report.hpp"
#include "common/files.hpp"
#include "common/progress.hpp"

namespace coinsim {

int coin_command(const std::string& scenario_file, const std::vector<Setting>& settings) {
  const Progress progress;
  Scenario scenario = load_scenario(scenario_file, settings);
  check_inputs(scenario, progress);
  const ResultsFolder folder = claim_results_folder(scenario, "coin");
  std::error_code ignored;
  std::filesystem::remove(scenario.results_dir / "coin.json", ignored);  // the completion marker

  std::vector<AccuracyTable> tables;
  std::vector<nlohmann::json> constructions;
  for (std::size_t i = 0; i < scenario.seeds.size(); ++i) {
    Scenario seeded = scenario;
    seeded.seed = scenario.seeds[i];
    progress.say("seed " + std::to_string(seeded.seed) + " (" + std::to_string(i + 1) + "/" +
                 std::to_string(scenario.seeds.size()) + ")");
    const AccuracyStage stage = run_accuracy_stage(seeded, progress);
    tables.push_back(stage.accuracy);
    constructions.push_back(stage.construction);
  }
  const AccuracyReport report =
      aggregate_accuracy(scenario.seeds, tables, constructions, scenario.tasks.scoring);

  nlohmann::json json = to_json(report);
  json["provenance"] = provenance(scenario);
  json["provenance"].erase("seed");  // the seeds are listed above
  write_file_atomically(scenario.results_dir / "scenario.json", to_json(scenario).dump(2) + "\n");
  write_file_atomically(scenario.results_dir / "coin.csv", to_csv(report));
  write_file_atomically(scenario.results_dir / "coin.json", json.dump(2) + "\n");
  std::cout << "accuracy over seeds";
  for (const auto seed : scenario.seeds) std::cout << " " << seed;
  std::cout << " (mean ± sd; vs best: paired t-test at 5% over the seeds)\n"
            << to_text(report) << "\nresults in " << scenario.results_dir.string() << "/\n";
  if (const std::string warning = few_seeds_warning(report); !warning.empty())
    progress.warn(warning);
  return 0;
}

}  // namespace coinsim
