// Durations with units (scenario/duration.hpp): every SimGrid time unit, with and without a space,
// and the texts that must not pass for a duration.
#include "scenario/duration.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "scenario/json_reader.hpp"

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

// The keys whose columns end in "_s": a duration read under a key not listed is a programming
// error caught on the first read, so the list cannot fall behind the schema.
TEST(Duration, EveryDurationKeyIsListed) {
  for (const char* key : {"deadline", "delay", "mean_between", "mean_duration", "mtbf", "mttr"})
    EXPECT_TRUE(is_duration_key(key)) << key;
  for (const char* key : {"rate", "queries", "speed", "slowdown", "deadline_s", ""})
    EXPECT_FALSE(is_duration_key(key)) << key;
  const nlohmann::json object = {{"timeout", "5ms"}, {"deadline", "5ms"}};
  JsonReader in(object, "x.json", "/serving");
  EXPECT_DOUBLE_EQ(in.duration_s("deadline", 0), 0.005);
  EXPECT_THROW(in.duration_s("timeout", 0), std::logic_error);
}

}  // namespace
}  // namespace coinsim
