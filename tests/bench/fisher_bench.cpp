// Building COIN is only worth it if it is fast: this measures the exact diagonal Fisher (the
// costly part of COIN's construction) of each architecture, the batched implementation against
// the per-sample, per-class reference loop, on random images (the cost does not depend on them).
// Target (issue 3): LeNet-5 over 4,096 images, batched >= 10x faster than the loop; the MLP over
// 1,000 images well under a second.
//   build/tests/fisher_bench --benchmark_repetitions=3
// COINSIM_BENCH_IMAGES overrides the image counts (the ctest smoke run uses a small one).
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "coin/models/architectures.hpp"
#include "coin/models/fisher.hpp"

namespace {

int image_count(int requested) {
  const char* text = std::getenv("COINSIM_BENCH_IMAGES");
  return text != nullptr ? std::atoi(text) : requested;
}

coinsim::Network model_of(const std::string& architecture) {
  torch::manual_seed(1);
  coinsim::ModelSpec spec;
  spec.architecture = *coinsim::parse_kind<coinsim::Architecture>(architecture);
  return coinsim::make_model(spec, coinsim::DatasetSpec{});
}

template <bool kBatched>
void fisher(benchmark::State& state, const std::string& architecture) {
  torch::set_num_threads(2);
  const auto model = model_of(architecture);
  const int images = image_count(static_cast<int>(state.range(0)));
  const auto x = torch::randn({images, 1, 28, 28});
  for (auto _ : state) {
    const auto result = kBatched ? coinsim::exact_fisher(*model, x, state.range(1))
                                 : coinsim::exact_fisher_reference(*model, x);
    benchmark::DoNotOptimize(result.front().data_ptr<float>());
  }
  state.counters["images/s"] = benchmark::Counter(static_cast<double>(images),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}

void batched(benchmark::State& state, const std::string& architecture) {
  fisher<true>(state, architecture);
}
void loop(benchmark::State& state, const std::string& architecture) {
  fisher<false>(state, architecture);
}

}  // namespace

// Arguments: images, batch size (the loop has none).
BENCHMARK_CAPTURE(batched, lenet5, "lenet5")
    ->ArgsProduct({{4096}, {16, 32, 64, 256}})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loop, lenet5, "lenet5")
    ->Args({4096, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(batched, mlp, "mlp")
    ->ArgsProduct({{1000}, {32, 256}})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loop, mlp, "mlp")->Args({1000, 1})->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(batched, residual_cnn, "residual-cnn")
    ->Args({1000, 64})
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
