#include "test_scenario.hpp"

#include "common/error.hpp"

namespace coinsim {

StrategySpec strategy_of(const std::string& kind) {
  StrategySpec spec;
  spec.name = kind;
  const auto parsed = parse_kind<StrategyKind>(kind);
  if (!parsed) throw Error("no strategy kind \"" + kind + "\"");
  spec.kind = *parsed;
  if (spec.kind == StrategyKind::coded) spec.method = "coin";
  return spec;
}

Scenario test_scenario(const std::string& source, const std::string& strategy_kind) {
  Scenario s;
  s.source = source;
  s.name = source;
  s.tasks.classes = {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}};
  s.coding.methods = {"coin"};
  s.platform.file = "tests/data/exact_star.xml";
  s.stragglers.model = StragglerLaw::none;
  s.load.warmup = 0;
  s.strategies = {strategy_of(strategy_kind)};
  return s;
}

std::string error_message(const std::function<void()>& run) {
  try {
    run();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace coinsim
