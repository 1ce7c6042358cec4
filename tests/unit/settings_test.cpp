// Settings by JSON path (scenario/settings.hpp): the table column each one gets, which pandas can
// name as an attribute and whose unit is in its name.
#include "scenario/settings.hpp"

#include <gtest/gtest.h>

namespace coinsim {
namespace {

TEST(SettingColumn, PathKeysJoinedAndDurationsInSeconds) {
  EXPECT_EQ(setting_column("/load/rate"), "load_rate");
  EXPECT_EQ(setting_column("/serving/deadline"), "serving_deadline_s");
  EXPECT_EQ(setting_column("/hosts/failures/mtbf"), "hosts_failures_mtbf_s");
  EXPECT_EQ(setting_column("/strategies/1/delay"), "strategies_1_delay_s");
  EXPECT_EQ(setting_column("/coding/distillation/steps"), "coding_distillation_steps");
  EXPECT_EQ(setting_column("/dataset/test_limit"), "dataset_test_limit");
  EXPECT_EQ(setting_column("/background/executions/rate"), "background_executions_rate");
  EXPECT_EQ(setting_column("/a-b/c.d"), "a_b_c_d");  // nothing pandas would trip on
  // Beside the point's own columns, never on them: "/dataset" is the written object.
  EXPECT_EQ(setting_column("/dataset"), "dataset_setting");
  EXPECT_EQ(setting_column("/dataset/name"), "dataset_name");
}

}  // namespace
}  // namespace coinsim
