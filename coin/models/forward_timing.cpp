#include "coin/models/forward_timing.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "coin/models/architectures.hpp"
#include "common/files.hpp"
#include "common/hash.hpp"

namespace coinsim {

namespace {

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown";
}

}  // namespace

double measure_forward_seconds(NetworkImpl& model, const torch::Tensor& image, int repeats) {
  const int threads = torch::get_num_threads();
  torch::set_num_threads(1);  // a server core serves one request
  const torch::NoGradGuard no_grad;
  model.eval();
  const ImageShape& shape = model.input_shape();
  const torch::Tensor input = image.reshape({1, shape.channels, shape.height, shape.width});
  for (int i = 0; i < 20; ++i) model.forward(input);  // caches, allocator, lazy init
  std::vector<double> seconds;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    model.forward(input);
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  torch::set_num_threads(threads);
  std::nth_element(seconds.begin(), seconds.begin() + repeats / 2, seconds.end());
  return seconds[repeats / 2];  // the median: robust to the machine's noise
}

}  // namespace coinsim

namespace coinsim {

double cached_forward_seconds(const Scenario& s) {
  const nlohmann::json key = {{"model", to_json(s)["model"]},
                              {"inputs", s.dataset.image_shape().pixels()},
                              {"outputs", s.dataset.num_classes()},
                              {"cpu", cpu_model()}};
  const auto path = s.cache_dir / "timings" / (content_hash(key.dump()) + ".json");
  try {
    const double cached =
        nlohmann::json::parse(read_file(path)).at("forward_seconds").get<double>();
    if (cached > 0 && cached < 1) return cached;
  } catch (const std::exception&) {
    // absent or unreadable: measure again
  }
  const Network model = make_model(s.model, s.dataset);
  const double seconds =
      measure_forward_seconds(*model, torch::rand({s.dataset.image_shape().pixels()}));
  nlohmann::json record = key;
  record["forward_seconds"] = seconds;
  write_file_atomically(path, record.dump(2) + "\n");
  return seconds;
}

}  // namespace coinsim
