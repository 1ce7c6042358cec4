#include "coin/accuracy_stage.hpp"

#include <sstream>

#include "coin/architectures.hpp"
#include "coin/code.hpp"
#include "coin/dataset.hpp"
#include "coin/encoder.hpp"
#include "coin/fisher.hpp"
#include "coin/training.hpp"
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
                            const std::string& regime, const fs::path& folder, std::uint64_t seed,
                            int task, const Progress& progress) {
  torch::manual_seed(regime == "independent" ? seed + 1000003 * (task + 1) : seed);
  const Network model = make_model(spec, s.dataset.num_classes());
  if (regime != "pretrained") return parameters_of(*model);
  const fs::path file = folder / "base.pt";
  if (const auto cached = load_parameters(file)) return *cached;
  TrainingSpec pretraining = s.training;
  pretraining.epochs = s.training.pretrain_epochs;
  progress.say("base: pre-training on every class");
  train_model(*model, data.train, pretraining, seed * 1000 + 900, "base", progress);
  save_parameters(parameters_of(*model), file);
  return parameters_of(*model);
}

// One model of `spec` per task, from its starting weights, trained on its own task's classes;
// cached in `folder` as <kind><i>.pt.
std::vector<Network> trained_models(const Scenario& s, const Dataset& data, const ModelSpec& spec,
                                    const std::string& regime, const fs::path& folder,
                                    const std::string& kind, std::uint64_t init_seed,
                                    std::uint64_t train_seed, const Progress& progress) {
  std::vector<Network> models;
  for (int i = 0; i < s.k(); ++i) {
    const Network model = make_model(spec, s.dataset.num_classes());
    const std::string name = kind + " " + std::to_string(i);
    const fs::path file = folder / (kind + std::to_string(i) + ".pt");
    if (const auto cached = load_parameters(file)) {
      set_parameters(*model, *cached);
      progress.say(name + ": loaded from " + file.string());
    } else {
      set_parameters(*model,
                     starting_weights(s, data, spec, regime, folder, init_seed, i, progress));
      progress.say(name + ": training on task " + std::to_string(i));
      train_model(*model, task_data(data.train, s.tasks.label_maps()[i]), s.training,
                  train_seed + i, name, progress);
      save_parameters(parameters_of(*model), file);
    }
    model->eval();
    models.push_back(model);
  }
  return models;
}

std::vector<Network> task_models(const Scenario& s, const Dataset& data, const Progress& progress) {
  const fs::path folder = s.cache_dir / "models" / content_hash(training_inputs(s).dump());
  return trained_models(s, data, s.model, s.training.init, folder, "task", s.seed, s.seed * 1000,
                        progress);
}

// The cheap backups: a small model per task (/coding/backup_hidden), trained like the originals.
std::vector<Network> backup_models(const Scenario& s, const Dataset& data,
                                   const Progress& progress) {
  nlohmann::json key = training_inputs(s);
  key["backup_hidden"] = s.coding.backup_hidden;
  const fs::path folder = s.cache_dir / "models" / content_hash(key.dump());
  ModelSpec spec;  // always an MLP, whatever the task models are
  spec.hidden = s.coding.backup_hidden;
  return trained_models(s, data, spec, "shared", folder, "backup", s.seed + 1, s.seed * 1000 + 500,
                        progress);
}

// Fisher samples: by default from the query distribution (training images of every class); with
// /coding/fisher/data = own-task, from model i's own classes only.
ImageSet fisher_images(const Scenario& s, const ImageSet& pool) {
  torch::Generator generator = at::detail::createCPUGenerator(s.seed + 7);
  const int64_t n = std::min<int64_t>(s.coding.fisher.samples, pool.size());
  const auto chosen = torch::randperm(pool.size(), generator).slice(0, 0, n);
  return {pool.images.index_select(0, chosen), pool.labels.index_select(0, chosen)};
}

DiagonalFisher estimate_fisher(const Scenario& s, NetworkImpl& model, const ImageSet& samples,
                               int i) {
  const std::string& estimator = s.coding.fisher.estimator;
  if (estimator == "exact") return exact_fisher(model, samples.images);
  if (estimator == "empirical") return target_fisher(model, samples.images, samples.labels);
  return target_fisher(model, samples.images,
                       sampled_targets(model, samples.images, s.seed * 1000 + 700 + i));
}

Parameters build_coded(const std::string& method, const std::vector<Parameters>& originals,
                       const std::vector<DiagonalFisher>& fishers, const std::vector<double>& row,
                       double epsilon) {
  if (method == "coin") return coin_merge(originals, fishers, row, epsilon);
  return average_merge(originals, row);
}

void append_outputs(OutputTable& table, const std::string& name, NetworkImpl& model,
                    const torch::Tensor& images) {
  const auto probabilities = predict_probabilities(model, images).contiguous();
  table.models.push_back(name);
  const float* data = probabilities.data_ptr<float>();
  table.scores.insert(table.scores.end(), data, data + probabilities.numel());
}

OutputTable build_table(const Scenario& s, const Code& code, const Progress& progress) {
  torch::set_num_threads(s.threads);
  progress.say("loading " + s.dataset.name);
  const Dataset data = load_dataset(s.dataset, s.seed);
  std::vector<Network> models = task_models(s, data, progress);

  OutputTable table;
  table.num_images = static_cast<int>(data.test.size());
  table.num_outputs = s.dataset.num_classes();
  table.forward_flops = forward_flops(*models.front());
  const auto labels = data.test.labels.to(torch::kInt32).contiguous();
  table.labels.assign(labels.data_ptr<int32_t>(), labels.data_ptr<int32_t>() + labels.numel());
  for (int i = 0; i < s.k(); ++i)
    append_outputs(table, original_name(i), *models[i], data.test.images);

  std::vector<Parameters> originals;
  for (const auto& model : models) originals.push_back(parameters_of(*model));
  std::vector<DiagonalFisher> fishers;
  const bool needs_fisher =
      std::find(s.coding.methods.begin(), s.coding.methods.end(), "coin") != s.coding.methods.end();
  if (needs_fisher) {
    progress.say(s.coding.fisher.estimator + " diagonal Fisher on " +
                 std::to_string(s.coding.fisher.samples) + " images (" + s.coding.fisher.data +
                 ")");
    const bool own_task = s.coding.fisher.data == "own-task";
    const ImageSet queries = own_task ? ImageSet{} : fisher_images(s, data.train);  // drawn once
    for (int i = 0; i < s.k(); ++i) {
      const ImageSet samples =
          own_task ? fisher_images(s, task_data(data.train, s.tasks.label_maps()[i])) : queries;
      fishers.push_back(estimate_fisher(s, *models[i], samples, i));
    }
  }
  for (const auto& method : s.coding.methods)
    for (int row = 0; row < code.r(); ++row) {
      const Network coded = make_model(s.model, s.dataset.num_classes());
      set_parameters(*coded, build_coded(method, originals, fishers, code.rows()[row],
                                         s.coding.fisher.epsilon));
      append_outputs(table, coded_name(method, row), *coded, data.test.images);
    }
  if (s.needs_backups()) {
    std::vector<Network> backups = backup_models(s, data, progress);
    table.backup_flops = forward_flops(*backups.front());
    for (int i = 0; i < s.k(); ++i)
      append_outputs(table, backup_name(i), *backups[i], data.test.images);
  }
  return table;
}

}  // namespace

AccuracyStage run_accuracy_stage(const Scenario& s, const Progress& progress) {
  AccuracyStage stage;
  const Code code = make_code(s);  // validate before any training
  stage.table_path = s.cache_dir / "tables" / (content_hash(accuracy_inputs(s).dump()) + ".bin");
  if (auto cached = load_table(stage.table_path)) {
    stage.table = std::move(*cached);
    stage.table_from_cache = true;
    progress.say("outputs: loaded from " + stage.table_path.string());
  } else {
    stage.table = build_table(s, code, progress);
    save_table(stage.table, stage.table_path);
  }
  stage.accuracy = measure_accuracy(stage.table, make_tasks(s.tasks, stage.table.num_outputs), code,
                                    s.coding.methods, decoding_space(s.coding.decoding));
  return stage;
}

}  // namespace coinsim

#include <torch/version.h>

namespace coinsim {
std::string torch_version() {
  return TORCH_VERSION;
}
}  // namespace coinsim
