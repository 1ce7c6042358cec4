#include "coin/accuracy_stage.hpp"

#include <sstream>

#include "coin/code.hpp"
#include "coin/dataset.hpp"
#include "coin/encoder.hpp"
#include "coin/fisher.hpp"
#include "coin/model.hpp"
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

// The k task models, all from the same random initial weights, each trained on its own classes.
std::vector<Mlp> task_models(const Scenario& s, const Dataset& data, const Progress& progress) {
  const fs::path folder = s.cache_dir / "models" / content_hash(training_inputs(s).dump());
  torch::manual_seed(s.seed);
  Mlp initial = make_model(s.model, s.dataset.num_classes());
  std::vector<Mlp> models;
  for (int i = 0; i < s.k(); ++i) {
    Mlp model = make_model(s.model, s.dataset.num_classes());
    const fs::path file = folder / ("task" + std::to_string(i) + ".pt");
    if (const auto cached = load_parameters(file)) {
      set_parameters(model, *cached);
      progress.say("model " + std::to_string(i) + ": loaded from " + file.string());
    } else {
      set_parameters(model, parameters_of(initial));
      progress.say("model " + std::to_string(i) + ": training on classes of task " +
                   std::to_string(i));
      train_model(model, select_classes(data.train, s.tasks.classes[i]), s.training,
                  s.seed * 1000 + i, "model " + std::to_string(i), progress);
      save_parameters(parameters_of(model), file);
    }
    model->eval();
    models.push_back(model);
  }
  return models;
}

// Fisher samples come from the query distribution: training images of every class.
torch::Tensor fisher_images(const Scenario& s, const Dataset& data) {
  torch::Generator generator = at::detail::createCPUGenerator(s.seed + 7);
  const int64_t n = std::min<int64_t>(s.coding.fisher.samples, data.train.size());
  return data.train.images.index_select(
      0, torch::randperm(data.train.size(), generator).slice(0, 0, n));
}

Parameters build_coded(const std::string& method, const std::vector<Parameters>& originals,
                       const std::vector<DiagonalFisher>& fishers, const std::vector<double>& row,
                       double epsilon) {
  if (method == "coin") return coin_merge(originals, fishers, row, epsilon);
  return average_merge(originals, row);
}

void append_outputs(OutputTable& table, const std::string& name, Mlp& model,
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
  std::vector<Mlp> models = task_models(s, data, progress);

  OutputTable table;
  table.num_images = static_cast<int>(data.test.size());
  table.num_outputs = s.dataset.num_classes();
  table.forward_flops = models.front()->forward_flops();
  const auto labels = data.test.labels.to(torch::kInt32).contiguous();
  table.labels.assign(labels.data_ptr<int32_t>(), labels.data_ptr<int32_t>() + labels.numel());
  for (int i = 0; i < s.k(); ++i)
    append_outputs(table, original_name(i), models[i], data.test.images);

  std::vector<Parameters> originals;
  for (auto& model : models) originals.push_back(parameters_of(model));
  std::vector<DiagonalFisher> fishers;
  const bool needs_fisher =
      std::find(s.coding.methods.begin(), s.coding.methods.end(), "coin") != s.coding.methods.end();
  if (needs_fisher) {
    const auto images = fisher_images(s, data);
    progress.say("exact diagonal Fisher on " + std::to_string(images.size(0)) + " images");
    for (auto& model : models) fishers.push_back(exact_fisher(model, images));
  }
  for (const auto& method : s.coding.methods)
    for (int row = 0; row < code.r(); ++row) {
      Mlp coded = make_model(s.model, s.dataset.num_classes());
      set_parameters(coded, build_coded(method, originals, fishers, code.rows()[row],
                                        s.coding.fisher.epsilon));
      append_outputs(table, coded_name(method, row), coded, data.test.images);
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
  stage.accuracy = measure_accuracy(
      stage.table, make_tasks(s.tasks.classes, stage.table.num_outputs), code, s.coding.methods);
  return stage;
}

}  // namespace coinsim

#include <torch/version.h>

namespace coinsim {
std::string torch_version() {
  return TORCH_VERSION;
}
}  // namespace coinsim
