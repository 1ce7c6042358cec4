// Implausible deadlines and hedge delays (sim/timing_warnings.hpp): below the fastest service
// time, or over 1,000 times the mean one, against service times worked by hand.
#include "sim/timing_warnings.hpp"

#include <gtest/gtest.h>

namespace coinsim {
namespace {

using Json = nlohmann::json;

// Requests of 1e6 flops on hosts of 1e9 and 0.5e9 flop/s: 1 ms and 2 ms, mean 1.5 ms.
std::vector<std::string> warnings_for(const Json& changes, const std::string& strategy = "none") {
  Json document = {{"dataset", {{"name", "synthetic"}}}};
  document.update(changes);
  const Scenario s = parse_scenario(document, "x.json");
  return timing_warnings(s, s.strategy(strategy), 1e6, {1e9, 0.5e9});
}

TEST(TimingWarnings, ADeadlineInsideThePlausibleRangeIsQuiet) {
  EXPECT_TRUE(warnings_for(Json::object()).empty());                        // no deadline
  EXPECT_TRUE(warnings_for({{"serving", {{"deadline", "1ms"}}}}).empty());  // = the fastest
  EXPECT_TRUE(warnings_for({{"serving", {{"deadline", 1.5}}}}).empty());    // = 1,000 x the mean
}

TEST(TimingWarnings, ADeadlineInSecondsMeantAsMillisecondsIsNamed) {
  EXPECT_EQ(warnings_for({{"serving", {{"deadline", 5}}}}),
            std::vector<std::string>{
                "x.json: /serving/deadline: 5 s is over 1000 times the mean service time of a "
                "request (1.5 ms): it will hardly ever act; durations are in seconds unless "
                "written with a unit (\"5ms\")"});
  EXPECT_EQ(warnings_for({{"serving", {{"deadline", "0.5ms"}}}}),
            std::vector<std::string>{"x.json: /serving/deadline: 0.0005 s is below the fastest "
                                     "service time of a request (1 ms): nothing can finish "
                                     "within it"});
}

TEST(TimingWarnings, AHedgeDelayIsCheckedForTheHedgedStrategyOnly) {
  const Json strategies = {"none", {{"kind", "hedged"}, {"name", "hedge"}, {"delay", 10}}};
  EXPECT_TRUE(warnings_for({{"strategies", strategies}}, "none").empty());
  const auto warnings = warnings_for({{"strategies", strategies}}, "hedge");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].substr(0, 44), "x.json: /strategies/1/delay: 10 s is over 10");
}

}  // namespace
}  // namespace coinsim
