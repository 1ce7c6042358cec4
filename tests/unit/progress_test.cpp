// The sweep's progress bar: the text it draws, with the ETA extrapolated from the mean time of the
// finished units.
#include "common/progress.hpp"

#include <gtest/gtest.h>

namespace coinsim {
namespace {

TEST(ProgressBar, ShowsDoneOverTotalAndAnEtaFromTheMeanSoFar) {
  EXPECT_EQ(ProgressBar::line(0, 16, "points", 0.4),
            "[>                       ] 0/16 points  0:00 elapsed");
  // 4 of 16 in 60 s: 15 s each, 12 left -> 3 minutes.
  EXPECT_EQ(ProgressBar::line(4, 16, "points", 60),
            "[======>                 ] 4/16 points  1:00 elapsed  ETA 3:00");
  EXPECT_EQ(ProgressBar::line(16, 16, "points", 3725),
            "[========================] 16/16 points  1:02:05 elapsed");
}

}  // namespace
}  // namespace coinsim
