// The end-to-end answer of a query: one dataset class from all k answers it got, without being
// told which task the image's label belongs to (per-task scoring is told: it scores each task only
// on the images of its domain). This is the answer a user of the k models would act on.
//
// Rule ("query" accuracy): every dataset class c is scored by the mean, over the tasks whose
// domain holds c and that answered, of the log of the probability the task's answer gives c's
// label, log max(p_i[map_i(c)], 1e-12); the predicted class is the best scored (the smallest on
// ties), and none when no task answered. For split tasks with disjoint classes this is the class
// its own task is most confident of, across tasks; for relabel tasks the class whose labels the k
// answers jointly find most probable. Answers are probability vectors as received, decoded
// (entries may be negative in probability space: floored like zeros) or given by a backup model;
// a task answered by its default label counts as its label frequencies (the prior), so that it
// neither outvotes a real answer nor silences its own classes.
#pragma once

#include <vector>

#include "coin/coding/task.hpp"

namespace coinsim {

constexpr double kQueryProbabilityFloor = 1e-12;

// answers[i] points at task i's num_outputs probabilities, or is null when task i has no answer.
// Returns the predicted dataset class, or -1 when no task answered.
int predict_query(const std::vector<Task>& tasks, const std::vector<const float*>& answers);

}  // namespace coinsim
