// libFuzzer target: the scenario and sweep parsers on arbitrary bytes, as `coinsim run` and
// `coinsim sweep` read them. Whatever the input, each parser either accepts it or throws
// coinsim::Error (one line naming the file and JSON path); any other exception, a crash, a hang
// or a sanitizer report is a bug. Inputs that found one live in corpus/ as regression tests.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "scenario/scenario.hpp"
#include "scenario/sweep.hpp"

namespace {

template <typename Parse>
void expect_acceptance_or_error(const Parse& parse) {
  try {
    parse();
  } catch (const coinsim::Error& e) {
    const std::string message = e.what();
    if (message.rfind("fuzz.json", 0) != 0 || message.find('\n') != std::string::npos) {
      std::cerr << "error not one line naming the file: " << message << "\n";
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto document = nlohmann::json::parse(data, data + size, nullptr, false);
  if (document.is_discarded()) return 0;  // malformed JSON: nlohmann's, reported by the reader
  expect_acceptance_or_error([&] { coinsim::parse_scenario(document, "fuzz.json"); });
  expect_acceptance_or_error([&] { coinsim::parse_sweep(document, "fuzz.json"); });
  return 0;
}
