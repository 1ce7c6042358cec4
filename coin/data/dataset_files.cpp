#include "coin/data/dataset_files.hpp"

#include "coin/data/cifar_file.hpp"
#include "common/error.hpp"
#include "common/file_fingerprint.hpp"
#include "common/hash.hpp"

namespace coinsim {

namespace fs = std::filesystem;

namespace {

std::string where_to_get(DatasetName name) {
  if (name == DatasetName::cifar10 || name == DatasetName::cifar100) return cifar_source_hint(name);
  return " (run scripts/setup.sh)";
}

}  // namespace

std::vector<fs::path> dataset_files(const DatasetSpec& spec) {
  std::vector<fs::path> files;
  switch (spec.name) {
    case DatasetName::fashion_mnist:
      for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                               "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"})
        files.push_back(spec.path / name);
      break;
    case DatasetName::mnist:
      for (int digit = 0; digit < 10; ++digit)
        files.push_back(spec.path / "digits" / (std::to_string(digit) + ".json"));
      break;
    case DatasetName::cifar10:
    case DatasetName::cifar100:
      files = cifar_files(spec.path, spec.name);
      break;
    case DatasetName::synthetic:
      break;
  }
  return files;
}

std::string dataset_fingerprint(const DatasetSpec& spec, const fs::path& cache_dir) {
  const auto files = dataset_files(spec);
  if (files.empty()) return "";
  Fnv1a64 hash;
  for (const fs::path& file : files) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
      throw Error(file.string() + ": dataset file missing" + where_to_get(spec.name));
    // The file's name within the dataset and its contents; not the folder it lies in.
    hash.update(file.filename().string() + "=" +
                file_fingerprint(file, cache_dir / "fingerprints") + "\n");
  }
  return hash.hex();
}

void fingerprint_dataset(Scenario& s) {
  std::string found;
  try {
    found = dataset_fingerprint(s.dataset, s.cache_dir);
  } catch (const Error& e) {
    throw Error(s.source.string() + ": /dataset/path: " + e.what());
  }
  if (!s.dataset.fingerprint.empty() && s.dataset.fingerprint != found)
    throw Error(s.source.string() + ": /dataset/fingerprint: the files in " +
                s.dataset.path.string() + " have fingerprint " + found + ", the scenario pins " +
                s.dataset.fingerprint + " (the dataset changed)");
  s.dataset.fingerprint = found;
}

void check_dataset_unchanged(const Scenario& s) {
  if (!s.dataset.has_files()) return;
  if (s.dataset.fingerprint.empty())
    throw Error("internal: the dataset of " + s.source.string() +
                " was not fingerprinted before its models were keyed");
  if (dataset_fingerprint(s.dataset, s.cache_dir) != s.dataset.fingerprint)
    throw Error(s.dataset.path.string() + ": the dataset changed during the run; run again");
}

}  // namespace coinsim
