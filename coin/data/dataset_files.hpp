// The files a dataset is read from, and the fingerprint of their contents: the model cache is
// keyed by what was read, not by where it lay, so a relabelled copy, another folder or a changed
// file trains new models, and a dataset that is missing is an error even when the cache is warm.
// LibTorch-free: the commands resolve the fingerprint before anything keys the cache.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace coinsim {

// The files `spec` reads (none for the synthetic dataset).
std::vector<std::filesystem::path> dataset_files(const DatasetSpec& spec);

// A hash over the fingerprints of those files (common/file_fingerprint.hpp); "" for the synthetic
// dataset. Throws Error naming the first missing file.
std::string dataset_fingerprint(const DatasetSpec& spec, const std::filesystem::path& cache_dir);

// Sets scenario.dataset.fingerprint from the files. Refuses, naming the scenario file and
// /dataset/path, a missing file; and, naming /dataset/fingerprint, files whose fingerprint is not
// the one the scenario pins (the dataset changed since the scenario was resolved).
void fingerprint_dataset(Scenario& scenario);

// Throws Error if the files no longer have the fingerprint resolved at the start of the run
// (checked after they were read: a cache entry must never be keyed by other data than it holds).
void check_dataset_unchanged(const Scenario& scenario);

}  // namespace coinsim
