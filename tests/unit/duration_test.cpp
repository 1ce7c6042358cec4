// Durations with units (scenario/duration.hpp): every SimGrid time unit, with and without a space,
// and the texts that must not pass for a duration.
#include "scenario/duration.hpp"

#include <gtest/gtest.h>

namespace coinsim {
namespace {

TEST(Duration, EverySimGridUnit) {
  EXPECT_DOUBLE_EQ(*parse_duration_s("5ms"), 0.005);
  EXPECT_DOUBLE_EQ(*parse_duration_s("2 us"), 2e-6);
  EXPECT_DOUBLE_EQ(*parse_duration_s("1.5s"), 1.5);
  EXPECT_DOUBLE_EQ(*parse_duration_s("10ns"), 1e-8);
  EXPECT_DOUBLE_EQ(*parse_duration_s("7ps"), 7e-12);
  EXPECT_DOUBLE_EQ(*parse_duration_s("3m"), 180);
  EXPECT_DOUBLE_EQ(*parse_duration_s("2h"), 7200);
  EXPECT_DOUBLE_EQ(*parse_duration_s("1d"), 86400);
  EXPECT_DOUBLE_EQ(*parse_duration_s("1w"), 604800);
  EXPECT_DOUBLE_EQ(*parse_duration_s("1e-3s"), 0.001);
  EXPECT_DOUBLE_EQ(*parse_duration_s("-2ms"), -0.002);  // the caller checks the sign
}

TEST(Duration, TextsThatAreNoDuration) {
  for (const char* text :
       {"", "5", "ms", "5 sec", "5mss", " 5ms", "5ms ", "5 MS", "infs", "nan s", "5 m s", "1e400s"})
    EXPECT_FALSE(parse_duration_s(text).has_value()) << '"' << text << '"';
}

}  // namespace
}  // namespace coinsim
