#include "coin/accuracy_stage.hpp"

#include <chrono>
#include <optional>
#include <sstream>

#include "coin/coding/code.hpp"
#include "coin/coding/task.hpp"
#include "coin/data/dataset_files.hpp"
#include "coin/models/architectures.hpp"
#include "coin/models/construction.hpp"
#include "coin/models/dataset.hpp"
#include "coin/models/encoder.hpp"
#include "coin/models/fisher.hpp"
#include "coin/models/training.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "common/hash.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;

std::optional<Parameters> load_parameters(const fs::path& path) {
  const auto bytes = read_checked_blob(path);
  if (!bytes) return std::nullopt;
  try {
    std::istringstream in(*bytes);
    Parameters parameters;
    torch::load(parameters, in);
    return parameters;
  } catch (const c10::Error&) {
    return std::nullopt;
  }
}

void save_parameters(const Parameters& parameters, const fs::path& path) {
  std::ostringstream out;
  torch::save(parameters, out);
  write_checked_blob(path, out.str());
}

// Where task model i starts (/training/init), drawn from `seed`:
//   shared       the same random weights for every task (the default);
//   independent  different random weights per task (the ablation: averaging has no common basin);
//   pretrained   the shared weights first trained on every class for pretrain_epochs (a shared
//                pre-trained base, cached as base.pt), then fine-tuned per task.
Parameters starting_weights(const Scenario& s, const Dataset& data, const ModelSpec& spec,
                            ModelInit regime, const fs::path& folder, std::uint64_t seed, int task,
                            const Progress& progress) {
  torch::manual_seed(regime == ModelInit::independent
                         ? seed + 1000003ULL * static_cast<std::uint64_t>(task + 1)
                         : seed);
  const Network model = make_model(spec, s.dataset);
  if (regime != ModelInit::pretrained) return parameters_of(*model);
  const fs::path file = folder / "base.pt";
  if (const auto cached = load_parameters(file)) return *cached;
  TrainingSpec pretraining = s.training;
  pretraining.epochs = s.training.pretrain_epochs;
  progress.say("base: pre-training on every class");
  train_model(*model, data.train, pretraining, seed * 1000 + 900, "base", progress);
  save_parameters(parameters_of(*model), file);
  return parameters_of(*model);
}

// Models trained for the tasks, and what training them cost (measured when they were trained,
// kept next to each cached model as <kind><i>.json; flops counted as epochs x images x 3F).
struct TrainedModels {
  std::vector<Network> models;
  ConstructionCost cost;
};

std::optional<double> recorded_seconds(const fs::path& file) {
  try {
    return nlohmann::json::parse(read_file(file)).at("train_seconds").get<double>();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// One model of `spec` per task, from its starting weights, trained on its own task's data;
// cached in `folder` as <kind><i>.pt with its training time (a model without one is retrained).
TrainedModels trained_models(const Scenario& s, const Dataset& data, const ModelSpec& spec,
                             ModelInit regime, const fs::path& folder, const std::string& kind,
                             std::uint64_t init_seed, std::uint64_t train_seed,
                             const Progress& progress) {
  TrainedModels trained;
  const auto maps = s.tasks.label_maps();
  for (int i = 0; i < s.k(); ++i) {
    const Network model = make_model(spec, s.dataset);
    const std::string name = kind + " " + std::to_string(i);
    const fs::path file = folder / (kind + std::to_string(i) + ".pt");
    const fs::path cost_file = folder / (kind + std::to_string(i) + ".json");
    const ImageSet task = task_data(data.train, maps[i]);
    const auto cached = load_parameters(file);
    auto seconds = cached ? recorded_seconds(cost_file) : std::nullopt;
    if (cached && seconds) {
      set_parameters(*model, *cached);
      progress.say(name + ": loaded from " + file.string());
    } else {
      set_parameters(*model,
                     starting_weights(s, data, spec, regime, folder, init_seed, i, progress));
      progress.say(name + ": training on task " + std::to_string(i));
      const auto start = std::chrono::steady_clock::now();
      train_model(*model, task, s.training, train_seed + i, name, progress);
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      write_file_atomically(cost_file, nlohmann::json{{"train_seconds", *seconds}}.dump() + "\n");
      save_parameters(parameters_of(*model), file);  // last: its presence marks the entry
    }
    model->eval();
    trained.cost.wall_seconds += *seconds;
    trained.cost.flops +=
        3.0 * s.training.epochs * static_cast<double>(task.size()) * forward_flops(*model);
    trained.models.push_back(model);
  }
  return trained;
}

fs::path model_folder(const Scenario& s) {
  return s.cache_dir / "models" / content_hash(training_inputs(s).dump());
}

std::vector<Network> task_models(const Scenario& s, const Dataset& data, const Progress& progress) {
  return trained_models(s, data, s.model, s.training.init, model_folder(s), "task", s.seed,
                        s.seed * 1000, progress)
      .models;
}

// theta_0, where the task models started (task arithmetic's origin, the learned model's start):
// the shared starting weights, or with independent initialisations the mean of them.
Parameters common_start(const Scenario& s, const Dataset& data, const Progress& progress) {
  if (s.training.init != ModelInit::independent)
    return starting_weights(s, data, s.model, s.training.init, model_folder(s), s.seed, 0,
                            progress);
  std::vector<Parameters> starts;
  starts.reserve(s.k());
  for (int i = 0; i < s.k(); ++i)
    starts.push_back(
        starting_weights(s, data, s.model, s.training.init, model_folder(s), s.seed, i, progress));
  return average_merge(starts, std::vector<double>(s.k(), 1.0 / s.k()));
}

// The cheap backups: a small model per task (/coding/backup_hidden), trained like the originals.
TrainedModels backup_models(const Scenario& s, const Dataset& data, const Progress& progress) {
  nlohmann::json key = training_inputs(s);
  key["backup_hidden"] = s.coding.backup_hidden;
  const fs::path folder = s.cache_dir / "models" / content_hash(key.dump());
  ModelSpec spec;  // always an MLP, whatever the task models are
  spec.hidden = s.coding.backup_hidden;
  return trained_models(s, data, spec, ModelInit::shared, folder, "backup", s.seed + 1,
                        s.seed * 1000 + 500, progress);
}

nlohmann::json cost_json(const ConstructionCost& cost) {
  nlohmann::json json = {{"wall_s", cost.wall_seconds}, {"flops", cost.flops}};
  json.update(cost.details);
  return json;
}

// The table, and what building each method's coded models cost.
std::pair<OutputTable, nlohmann::json> build_table(const Scenario& s, const Code& code,
                                                   const Progress& progress) {
  torch::set_num_threads(s.threads);
  progress.say("loading " + kind_name(s.dataset.name));
  const Dataset data = load_dataset(s.dataset, s.seed);
  check_dataset_unchanged(s);  // the cache keys name exactly the data just read
  const auto per_class = [&](const ImageSet& set) {
    const auto counts = torch::bincount(set.labels, {}, s.dataset.num_classes()).contiguous();
    return std::vector<long long>(counts.data_ptr<int64_t>(),
                                  counts.data_ptr<int64_t>() + counts.numel());
  };
  for (const auto& warning : check_task_domains(s, per_class(data.train), per_class(data.test)))
    progress.warn(warning);
  std::vector<Network> models = task_models(s, data, progress);

  OutputTable table;
  table.num_images = static_cast<int>(data.test.size());
  table.num_outputs = s.dataset.num_classes();
  table.forward_flops = forward_flops(*models.front());
  const auto labels = data.test.labels.to(torch::kInt32).contiguous();
  table.labels.assign(labels.data_ptr<int32_t>(), labels.data_ptr<int32_t>() + labels.numel());
  for (int i = 0; i < s.k(); ++i)
    append_outputs(table, original_name(i), *models[i], data.test.images);

  CodedModelBuilder builder(s, data, models, common_start(s, data, progress), code, progress);
  nlohmann::json costs = nlohmann::json::object();
  for (const auto& method : s.coding.coded_methods()) {
    const CodedModels coded = builder.build(method);
    costs[method] = cost_json(coded.cost);
    for (int row = 0; row < code.r(); ++row) {
      const Network model = make_model(s.model, s.dataset);
      set_parameters(*model, coded.rows[row]);
      append_outputs(table, coded_name(method, row), *model, data.test.images);
    }
  }
  if (s.needs_backups()) {
    const TrainedModels backups = backup_models(s, data, progress);
    costs["cheap-backup"] = cost_json(backups.cost);
    table.backup_flops = forward_flops(*backups.models.front());
    for (int i = 0; i < s.k(); ++i)
      append_outputs(table, backup_name(i), *backups.models[i], data.test.images);
  }
  return {std::move(table), costs};
}

// Cache entries written before durations carried "_s" in their names keep their meaning.
void rename_key(nlohmann::json& object, const char* old_name, const char* name) {
  if (!object.contains(old_name) || object.contains(name)) return;
  object[name] = object[old_name];
  object.erase(old_name);
}

std::optional<nlohmann::json> load_costs(const fs::path& path) {
  try {
    nlohmann::json costs = nlohmann::json::parse(read_file(path));
    if (!costs.is_object()) return std::nullopt;
    for (auto& cost : costs) {  // per method
      rename_key(cost, "wall_seconds", "wall_s");
      rename_key(cost, "fisher_seconds", "fisher_s");
      if (!cost.at("wall_s").is_number() || !cost.at("flops").is_number()) return std::nullopt;
    }
    return costs;
  } catch (const std::exception&) {
    return std::nullopt;  // absent or damaged: the table is rebuilt with it
  }
}

}  // namespace

AccuracyStage run_accuracy_stage(const Scenario& s, const Progress& progress) {
  AccuracyStage stage;
  const Code code = make_code(s);  // validate before any training
  if (s.dataset.has_files() && s.dataset.fingerprint.empty())
    throw Error("internal: the dataset of " + s.source.string() +
                " was not fingerprinted before its models were keyed");
  const std::string key = content_hash(accuracy_inputs(s).dump());
  stage.table_path = s.cache_dir / "tables" / (key + ".bin");
  const fs::path costs_path = s.cache_dir / "tables" / (key + ".construction.json");
  auto cached = load_table(stage.table_path);
  auto costs = cached ? load_costs(costs_path) : std::nullopt;
  if (cached && costs) {
    stage.table = std::move(*cached);
    stage.construction = std::move(*costs);
    stage.table_from_cache = true;
    progress.say("outputs: loaded from " + stage.table_path.string());
  } else {
    std::tie(stage.table, stage.construction) = build_table(s, code, progress);
    write_file_atomically(costs_path, stage.construction.dump(2) + "\n");  // before the table,
    save_table(stage.table, stage.table_path);  // whose presence marks the entry complete
  }
  stage.accuracy = measure_accuracy(stage.table, make_tasks(s.tasks, stage.table.num_outputs), code,
                                    s.coding.coded_methods(), s.coding.decoding);
  return stage;
}

}  // namespace coinsim

#include <torch/version.h>

namespace coinsim {
std::string torch_version() {
  return TORCH_VERSION;
}
}  // namespace coinsim
