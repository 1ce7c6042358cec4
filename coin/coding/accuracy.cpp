#include "coin/coding/accuracy.hpp"

#include <algorithm>
#include <cstdio>

#include "coin/coding/decoder.hpp"

namespace coinsim {
namespace {

double fraction(int hits, int total) {
  return total == 0 ? 0.0 : static_cast<double>(hits) / total;
}

// Tallies one stand-in for an original model over the images of a task's domain, under both
// scoring rules: hits against the label, matches with the original model's own answer.
class Tally {
 public:
  explicit Tally(const Task& task) : task_(task) {}
  // `answer` is the stand-in's scores; `original` the original model's.
  void add(const float* answer, const float* original, int label) {
    for (const ScoringRule rule : kScoringRules)
      count(task_.predict(answer, rule), original, label, rule);
    ++images_;
  }
  // A stand-in that answers one label whatever the image (the default answer).
  void add_fixed(int answer, const float* original, int label) {
    for (const ScoringRule rule : kScoringRules) count(answer, original, label, rule);
    ++images_;
  }
  ByRule<double> accuracy() const {
    return {fraction(hits_.task, images_), fraction(hits_.all, images_)};
  }
  ByRule<double> agreement() const {
    return {fraction(matches_.task, images_), fraction(matches_.all, images_)};
  }
  int images() const { return images_; }

 private:
  void count(int predicted, const float* original, int label, ScoringRule rule) {
    hits_[rule] += predicted == task_.target(label);
    if (original != nullptr) matches_[rule] += predicted == task_.predict(original, rule);
  }
  const Task& task_;
  ByRule<int> hits_, matches_;
  int images_ = 0;
};

TaskAccuracy available_accuracy(const OutputTable& table, const Task& task, int index) {
  Tally tally(task);
  for (int image = 0; image < table.num_images; ++image)
    if (task.in_domain(table.labels[image]))
      tally.add(table.at(index, image), nullptr, table.labels[image]);
  return {index, tally.images(), tally.accuracy()};
}

// Decodes every image with the originals in `erased` missing and every coded row present.
std::vector<DecodedAccuracy> decoded_accuracy(const OutputTable& table,
                                              const std::vector<Task>& tasks,
                                              const Decoder& decoder, const std::string& method,
                                              const std::vector<int>& erased) {
  const int k = decoder.code().k();
  const int r = decoder.code().r();
  std::vector<int> servers(k + r);
  for (int i = 0; i < k; ++i) servers[i] = i;
  for (int l = 0; l < r; ++l) servers[k + l] = table.model_index(coded_name(method, l));

  std::vector<Tally> tallies;
  for (const int j : erased) tallies.emplace_back(tasks[j]);
  std::vector<const float*> outputs(k + r);
  for (int image = 0; image < table.num_images; ++image) {
    for (int s = 0; s < k + r; ++s) outputs[s] = table.at(servers[s], image);
    for (const int j : erased) outputs[j] = nullptr;
    const auto recovered = decoder.decode(outputs, table.num_outputs);
    const int label = table.labels[image];
    for (std::size_t e = 0; e < erased.size(); ++e)
      if (tasks[erased[e]].in_domain(label))
        tallies[e].add(recovered[erased[e]].data(), table.at(erased[e], image), label);
  }
  std::vector<DecodedAccuracy> rows;
  for (std::size_t e = 0; e < erased.size(); ++e)
    rows.push_back(
        {method, pattern_name(erased), erased[e], tallies[e].accuracy(), tallies[e].agreement()});
  return rows;
}

// The backup model of `task` standing in for the original.
DecodedAccuracy backup_accuracy(const OutputTable& table, const Task& task, int index) {
  const int backup = table.model_index(backup_name(index));
  Tally tally(task);
  for (int image = 0; image < table.num_images; ++image)
    if (task.in_domain(table.labels[image]))
      tally.add(table.at(backup, image), table.at(index, image), table.labels[image]);
  return {"cheap-backup", pattern_name({index}), index, tally.accuracy(), tally.agreement()};
}

// The default answer (the task's majority label) standing in for the original: the floor every
// construction should beat.
DecodedAccuracy default_accuracy(const OutputTable& table, const Task& task, int index) {
  const int answer = majority_label(task, table.labels);
  Tally tally(task);
  for (int image = 0; image < table.num_images; ++image)
    if (task.in_domain(table.labels[image]))
      tally.add_fixed(answer, table.at(index, image), table.labels[image]);
  return {"default", pattern_name({index}), index, tally.accuracy(), tally.agreement()};
}

nlohmann::json rule_json(const ByRule<double>& value) {
  return {{"task", value.task}, {"all", value.all}};
}

}  // namespace

AccuracyTable measure_accuracy(const OutputTable& table, const std::vector<Task>& tasks,
                               const Code& code, const std::vector<std::string>& methods,
                               DecodingSpace space) {
  AccuracyTable result;
  for (std::size_t t = 0; t < tasks.size(); ++t)
    result.tasks.push_back(available_accuracy(table, tasks[t], static_cast<int>(t)));
  const Decoder decoder(code, space);
  for (const auto& method : methods)
    for (const auto& erased : erasure_patterns(code.k(), code.r())) {
      auto rows = decoded_accuracy(table, tasks, decoder, method, erased);
      result.decoded.insert(result.decoded.end(), rows.begin(), rows.end());
    }
  if (table.backup_flops > 0)
    for (std::size_t t = 0; t < tasks.size(); ++t)
      result.decoded.push_back(backup_accuracy(table, tasks[t], static_cast<int>(t)));
  for (std::size_t t = 0; t < tasks.size(); ++t)
    result.decoded.push_back(default_accuracy(table, tasks[t], static_cast<int>(t)));
  return result;
}

nlohmann::json to_json(const AccuracyTable& table) {
  nlohmann::json json = {{"tasks", nlohmann::json::array()}, {"decoded", nlohmann::json::array()}};
  for (const auto& t : table.tasks)
    json["tasks"].push_back(
        {{"task", t.task}, {"images", t.images}, {"available", rule_json(t.available)}});
  for (const auto& d : table.decoded)
    json["decoded"].push_back({{"method", d.method},
                               {"erased", d.erased},
                               {"task", d.task},
                               {"degraded", rule_json(d.degraded)},
                               {"reconstruction", rule_json(d.reconstruction)}});
  return json;
}

std::string to_csv(const AccuracyTable& table) {
  std::string csv =
      "method,erased,task,images,available_task,degraded_task,reconstruction_task,"
      "available_all,degraded_all,reconstruction_all\n";
  char line[320];
  for (const auto& d : table.decoded) {
    const TaskAccuracy& t = table.tasks[d.task];
    std::snprintf(line, sizeof(line), "%s,%s,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f\n",
                  d.method.c_str(), d.erased.c_str(), d.task, t.images, t.available.task,
                  d.degraded.task, d.reconstruction.task, t.available.all, d.degraded.all,
                  d.reconstruction.all);
    csv += line;
  }
  return csv;
}

std::string to_text(const AccuracyTable& table) {
  int width = 6;  // the method column fits the longest name
  for (const auto& d : table.decoded) width = std::max(width, static_cast<int>(d.method.size()));
  char line[320];
  std::snprintf(line, sizeof(line),
                "%-*s  erased  task  images  | scoring task: available  degraded  reconstruction "
                "| scoring all: available  degraded  reconstruction\n",
                width, "method");
  std::string text = line;
  for (const auto& d : table.decoded) {
    const TaskAccuracy& t = table.tasks[d.task];
    std::snprintf(line, sizeof(line),
                  "%-*s  %-6s  %4d  %6d  | %22.4f  %8.4f  %14.4f | %21.4f  %8.4f  %14.4f\n", width,
                  d.method.c_str(), d.erased.c_str(), d.task, t.images, t.available.task,
                  d.degraded.task, d.reconstruction.task, t.available.all, d.degraded.all,
                  d.reconstruction.all);
    text += line;
  }
  return text;
}

}  // namespace coinsim
