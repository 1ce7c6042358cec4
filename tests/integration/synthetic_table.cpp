#include "synthetic_table.hpp"

namespace coinsim {

OutputTable synthetic_table(const Code& code, const std::vector<std::string>& methods, int images,
                            double forward_flops) {
  OutputTable table;
  table.num_images = images;
  table.num_outputs = 10;
  table.forward_flops = forward_flops;
  for (int n = 0; n < images; ++n) table.labels.push_back(n % 10);
  std::vector<std::vector<float>> originals;
  for (int i = 0; i < code.k(); ++i) {
    table.models.push_back(original_name(i));
    std::vector<float> scores(static_cast<std::size_t>(images) * 10, 0.02f);
    for (int n = 0; n < images; ++n) scores[n * 10 + table.labels[n]] = 0.82f;
    originals.push_back(scores);
    table.scores.insert(table.scores.end(), scores.begin(), scores.end());
  }
  for (const auto& method : methods)
    for (int l = 0; l < code.r(); ++l) {
      table.models.push_back(coded_name(method, l));
      for (std::size_t e = 0; e < originals.front().size(); ++e) {
        double mix = 0;
        for (int i = 0; i < code.k(); ++i) mix += code.weight(l, i) * originals[i][e];
        table.scores.push_back(static_cast<float>(mix));
      }
    }
  return table;
}

void add_synthetic_backups(OutputTable& table, int k, double backup_flops) {
  table.backup_flops = backup_flops;
  for (int i = 0; i < k; ++i) {
    table.models.push_back(backup_name(i));
    for (int n = 0; n < table.num_images; ++n) {
      const int label = table.labels[n];
      const int answer = n % 2 == 0 ? label : (label / 5) * 5 + (label % 5 + 1) % 5;
      for (int c = 0; c < table.num_outputs; ++c)
        table.scores.push_back(c == answer ? 0.82f : 0.02f);
    }
  }
}

}  // namespace coinsim
