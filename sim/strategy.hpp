// A serving strategy: which servers get which requests, and when a query is complete.
// A query needs k outputs ("sources" 0..k-1, one per task model); coded strategies add r coded
// sources k..k+r-1. Server slot s runs on the s-th server host; slots 0..k-1 always hold the k
// originals, so under every strategy original i sees the same host and the same slowdowns.
//   none              k servers; complete when all k outputs arrived.
//   coded (method)    k + r servers, slot k+l runs coded row l; complete when every original
//                     output arrived or can be decoded from the coded outputs that did.
//   replication       k + r servers, slot k+j holds a replica of original j mod k (equal
//                     resources to coding); each output's first copy wins.
//   full-replication  2k servers, every original twice; first copy wins.
//   hedged            k + spares servers; an output still missing `delay` seconds after arrival
//                     is requested again from spare slot k + (i mod spares); first copy wins.
//   cheap-backup      k + r servers; slot k+j runs the small backup models of the tasks i with
//                     i mod r = j (one request, all of them: its work is their flops summed);
//                     complete when every task has its original output or its backup's, and a
//                     missing original is answered by its backup model.
// At a deadline (if any), a query is finalised with what it has: outputs received, decoded if the
// pattern is decodable, and otherwise the fallback (nothing, or the task's default answer).
// A finalised query is scored per task under both scoring rules and end to end.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "coin/coding/decoder.hpp"
#include "coin/coding/output_table.hpp"
#include "coin/coding/task.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {

struct QueryOutcome {
  int decoded_outputs = 0;    // original outputs decoded rather than received, scored or not
  int scored_tasks = 0;       // tasks whose domain holds the image's label
  int decoded_tasks = 0;      // scored tasks answered by decoding
  int backup_tasks = 0;       // scored tasks answered by a cheap backup model
  int fallback_tasks = 0;     // scored tasks answered by the default answer
  int failed_tasks = 0;       // scored tasks left without an answer (counted wrong)
  ByRule<int> correct_tasks;  // scored tasks answered right, under each scoring rule
  // The query's end-to-end answer, from every task's answer, is the label
  // (coin/coding/query_prediction.hpp).
  bool query_correct = false;
};

struct Assignment {
  int server;
  int source;
};

class Strategy {
 public:
  // `tasks` and `table` must outlive the strategy.
  Strategy(const StrategySpec& spec, const Scenario& scenario, const OutputTable& table,
           const std::vector<Task>& tasks);

  const std::string& name() const { return spec_.name; }
  int servers() const { return servers_; }
  int sources() const { return static_cast<int>(source_models_.size()); }
  // The requests sent when a query arrives.
  const std::vector<Assignment>& fan_out() const { return fan_out_; }
  bool hedged() const { return spec_.kind == StrategyKind::hedged; }
  double hedge_delay() const { return spec_.delay; }
  int backup_server(int source) const { return k_ + source % spec_.spares; }

  // The work of a request for `source`, in units of one original forward pass.
  double relative_work(int source) const { return relative_work_[source]; }
  bool complete(const std::vector<bool>& available) const;
  // Scores a finalised query on the outputs it has (received, decoded, or the fallback).
  QueryOutcome score(const std::vector<bool>& available, int image) const;

 private:
  StrategySpec spec_;
  int k_;
  int servers_;
  void add_backups(const OutputTable& table);
  bool has_backup(const std::vector<bool>& available, int task) const;
  // Task `task`'s answer (its scores) and how it was obtained, or null scores when it has none.
  const float* answer(const std::vector<bool>& available,
                      const std::vector<std::vector<float>>& decoded, int task, int image,
                      QueryOutcome* counts) const;

  std::vector<int> source_models_;     // source -> model index in the output table (-1: backups)
  std::vector<double> relative_work_;  // per source
  std::vector<int> backup_models_;     // cheap-backup: per task, its model index in the table
  std::vector<Assignment> fan_out_;
  std::optional<Decoder> decoder_;
  const OutputTable* table_;
  const std::vector<Task>* tasks_;
  // The default answer per task, as its label frequencies; empty when the fallback is "none".
  std::vector<std::vector<float>> default_scores_;
};

}  // namespace coinsim
