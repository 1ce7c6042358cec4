#include "coin/accuracy.hpp"

#include <algorithm>
#include <cstdio>

#include "coin/decoder.hpp"

namespace coinsim {
namespace {

double fraction(int hits, int total) {
  return total == 0 ? 0.0 : static_cast<double>(hits) / total;
}

TaskAccuracy available_accuracy(const OutputTable& table, const Task& task, int index) {
  TaskAccuracy result;
  result.task = index;
  int hits = 0;
  for (int image = 0; image < table.num_images; ++image) {
    const int label = table.labels[image];
    if (!task.in_domain(label)) continue;
    ++result.images;
    hits += task.predict(table.at(index, image)) == task.target(label);
  }
  result.available = fraction(hits, result.images);
  return result;
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

  std::vector<int> hits(erased.size(), 0), matches(erased.size(), 0), counts(erased.size(), 0);
  std::vector<const float*> outputs(k + r);
  for (int image = 0; image < table.num_images; ++image) {
    for (int s = 0; s < k + r; ++s) outputs[s] = table.at(servers[s], image);
    for (const int j : erased) outputs[j] = nullptr;
    const auto recovered = decoder.decode(outputs, table.num_outputs);
    const int label = table.labels[image];
    for (std::size_t e = 0; e < erased.size(); ++e) {
      const Task& task = tasks[erased[e]];
      if (!task.in_domain(label)) continue;
      const int predicted = task.predict(recovered[erased[e]].data());
      ++counts[e];
      hits[e] += predicted == task.target(label);
      matches[e] += predicted == task.predict(table.at(erased[e], image));
    }
  }
  std::vector<DecodedAccuracy> rows;
  for (std::size_t e = 0; e < erased.size(); ++e)
    rows.push_back({method, pattern_name(erased), erased[e], fraction(hits[e], counts[e]),
                    fraction(matches[e], counts[e])});
  return rows;
}

// The backup model of `task` standing in for the original.
DecodedAccuracy backup_accuracy(const OutputTable& table, const Task& task, int index) {
  const int backup = table.model_index(backup_name(index));
  int hits = 0, matches = 0, count = 0;
  for (int image = 0; image < table.num_images; ++image) {
    const int label = table.labels[image];
    if (!task.in_domain(label)) continue;
    const int predicted = task.predict(table.at(backup, image));
    ++count;
    hits += predicted == task.target(label);
    matches += predicted == task.predict(table.at(index, image));
  }
  return {"cheap-backup", std::to_string(index), index, fraction(hits, count),
          fraction(matches, count)};
}

// The default answer (the task's majority label) standing in for the original: the floor every
// construction should beat.
DecodedAccuracy default_accuracy(const OutputTable& table, const Task& task, int index) {
  const int answer = majority_label(task, table.labels);
  int hits = 0, matches = 0, count = 0;
  for (int image = 0; image < table.num_images; ++image) {
    const int label = table.labels[image];
    if (!task.in_domain(label)) continue;
    ++count;
    hits += answer == task.target(label);
    matches += answer == task.predict(table.at(index, image));
  }
  return {"default", std::to_string(index), index, fraction(hits, count), fraction(matches, count)};
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
    json["tasks"].push_back({{"task", t.task}, {"images", t.images}, {"available", t.available}});
  for (const auto& d : table.decoded)
    json["decoded"].push_back({{"method", d.method},
                               {"erased", d.erased},
                               {"task", d.task},
                               {"degraded", d.degraded},
                               {"reconstruction", d.reconstruction}});
  return json;
}

std::string to_csv(const AccuracyTable& table) {
  std::string csv = "method,erased,task,images,available,degraded,reconstruction\n";
  char line[256];
  for (const auto& d : table.decoded) {
    const TaskAccuracy& t = table.tasks[d.task];
    std::snprintf(line, sizeof(line), "%s,%s,%d,%d,%.6f,%.6f,%.6f\n", d.method.c_str(),
                  d.erased.c_str(), d.task, t.images, t.available, d.degraded, d.reconstruction);
    csv += line;
  }
  return csv;
}

std::string to_text(const AccuracyTable& table) {
  int width = 6;  // the method column fits the longest name
  for (const auto& d : table.decoded) width = std::max(width, static_cast<int>(d.method.size()));
  char line[256];
  std::snprintf(line, sizeof(line),
                "%-*s  erased  task  images  available  degraded  reconstruction\n", width,
                "method");
  std::string text = line;
  for (const auto& d : table.decoded) {
    const TaskAccuracy& t = table.tasks[d.task];
    std::snprintf(line, sizeof(line), "%-*s  %-6s  %4d  %6d  %9.4f  %8.4f  %14.4f\n", width,
                  d.method.c_str(), d.erased.c_str(), d.task, t.images, t.available, d.degraded,
                  d.reconstruction);
    text += line;
  }
  return text;
}

}  // namespace coinsim
