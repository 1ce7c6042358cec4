// The bridge from the accuracy stage to the simulator: every model's output probabilities on every
// test image, with the images' labels and the models' forward cost. The simulator scores a query
// by looking up (and, when needed, decoding) the rows of the image it carries. Stored as a
// checksummed binary file; no LibTorch needed to read it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace coinsim {

struct OutputTable {
  int num_images = 0;
  int num_outputs = 0;
  double forward_flops = 0;         // one forward pass of one model on one image
  double backup_flops = 0;          // the same for a cheap backup model (0: no backups)
  std::vector<int> labels;          // per image
  std::vector<std::string> models;  // "original/i" for i < k, "<method>/<row>", "backup/i"
  std::vector<float> scores;        // models x images x outputs

  const float* at(int model, int image) const {
    return scores.data() + (static_cast<std::size_t>(model) * num_images + image) * num_outputs;
  }
  // Index of a model by name; throws Error naming what is missing.
  int model_index(const std::string& name) const;
};

std::string original_name(int i);
std::string coded_name(const std::string& method, int row);
std::string backup_name(int task);

// Throws Error naming `table_file` unless the table holds exactly what the scenario serves: its k
// originals and no more, r rows of every coded method, the backups if a strategy needs them, the
// dataset's outputs (a table built for k = 3 decodes k = 2 queries wrongly without a word).
struct Scenario;
void check_table_fits(const OutputTable& table, const Scenario& scenario,
                      const std::string& table_file);

void save_table(const OutputTable& table, const std::filesystem::path& path);
// The table's bytes (no magic, no checksum) appended to `bytes`, and read back: for files that
// hold a table inside their own (group_output_table.hpp).
class ByteReader;
void append_table(std::string& bytes, const OutputTable& table);
std::optional<OutputTable> read_table(ByteReader& in);
// The table, or nothing if the file is absent, truncated or corrupt.
std::optional<OutputTable> load_table(const std::filesystem::path& path);

}  // namespace coinsim
