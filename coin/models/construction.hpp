// The construction methods of coded models (/coding/methods), each building the r coded models
// of the code from the k trained task models, and what each costs:
//   coin             Fisher-weighted averaging (coin/models/encoder.hpp), Fisher on /coding/fisher;
//   averaging        plain weighted parameter averaging;
//   task-arithmetic  theta_0 + lambda sum_i w_i (theta_i - theta_0), lambda chosen among
//                    /coding/task_arithmetic/lambdas by mean decoded accuracy on the validation
//                    images;
//   ties             TIES-merging, density x lambda chosen among /coding/ties the same way;
//   regmean          RegMean on Gram matrices of /coding/regmean/samples query images;
//   learned          distillation to sum_i w_i p_i from the shared starting point theta_0
//                    (/coding/distillation);
//   coin-finetune    the same distillation, starting from COIN's coded model.
// Cost: wall seconds of the construction on this machine (COIN's includes its Fisher, computed
// once; coin-finetune's includes COIN's), and flops counted from forward_flops F per image, a
// backward pass counted as 2F (the usual rule): exact Fisher k n F (1 + 2C) for n samples and C
// classes (sampled / empirical: k n 3F); distillation steps x batch x (k + 3) F per coded model;
// task arithmetic |lambdas| r (3 k P + V F) + k V F for P parameters and V validation images
// (TIES: its candidates x r (k P (8 + log2 P) + V F) + k V F); RegMean k n F for n samples, the
// Gram products 2 rows D^2 per layer, and per coded model and layer a D^3 solve;
// parameter merges 2 k P (averaging) or 4 k P (COIN) per coded model.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "coin/coding/code.hpp"
#include "coin/coding/output_table.hpp"
#include "coin/models/dataset.hpp"
#include "coin/models/encoder.hpp"
#include "common/progress.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {

struct ConstructionCost {
  double wall_seconds = 0;
  double flops = 0;
  nlohmann::json details = nlohmann::json::object();  // e.g. the lambda task arithmetic chose
};

struct CodedModels {
  std::vector<Parameters> rows;  // one per row of the code
  ConstructionCost cost;
};

class CodedModelBuilder {
 public:
  // `base` is theta_0, the point the task models started from.
  CodedModelBuilder(const Scenario& scenario, const Dataset& data,
                    const std::vector<Network>& models, Parameters base, Code code,
                    const Progress& progress);
  CodedModels build(const std::string& method);

 private:
  CodedModels coin();
  CodedModels kfac_coin();
  CodedModels averaging();
  CodedModels task_arithmetic();
  CodedModels ties();
  CodedModels regmean();
  using CandidateMerge =
      std::function<Parameters(const nlohmann::json& settings, const std::vector<double>& row)>;
  CodedModels best_on_validation(const std::string& method,
                                 const std::vector<nlohmann::json>& candidates,
                                 const CandidateMerge& merge);
  double validation_flops(double merge_flops) const;
  CodedModels distilled(const std::vector<Parameters>& starts, std::uint64_t seed);
  const std::vector<DiagonalFisher>& fishers();
  // The images each model's Fisher is estimated on (/coding/fisher/data): one draw from the query
  // distribution shared by every model, or each model's own task's.
  std::vector<ImageSet> fisher_samples() const;
  double validation_accuracy(const std::vector<Parameters>& rows);

  const Scenario& s_;
  const Dataset& data_;
  const std::vector<Network>& models_;
  std::vector<Parameters> originals_;
  Parameters base_;
  Code code_;
  const Progress& progress_;
  double parameter_count_ = 0;
  double forward_flops_ = 0;
  std::optional<std::vector<DiagonalFisher>> fishers_;
  ConstructionCost fisher_cost_;
  std::optional<CodedModels> coin_;                  // kept for coin-finetune
  std::optional<OutputTable> validation_originals_;  // the task models on the validation images
};

// Runs `model` on `images` and appends its output probabilities to `table` as model `name`.
void append_outputs(OutputTable& table, const std::string& name, NetworkImpl& model,
                    const torch::Tensor& images);

}  // namespace coinsim
