#include "coin/forward_timing.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

namespace coinsim {

double measure_forward_seconds(Mlp& model, const torch::Tensor& image, int repeats) {
  const int threads = torch::get_num_threads();
  torch::set_num_threads(1);  // a server core serves one request
  const torch::NoGradGuard no_grad;
  model->eval();
  const torch::Tensor input = image.reshape({1, -1});
  for (int i = 0; i < 20; ++i) model->forward(input);  // caches, allocator, lazy init
  std::vector<double> seconds;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    model->forward(input);
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  torch::set_num_threads(threads);
  std::nth_element(seconds.begin(), seconds.begin() + repeats / 2, seconds.end());
  return seconds[repeats / 2];  // the median: robust to the machine's noise
}

}  // namespace coinsim
