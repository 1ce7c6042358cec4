// Where a sweep worker gets its points: a fixed list on one machine (ListQueue), or rank 0 of an
// MPI job handing them out one at a time (app/mpi_sweep.hpp). The worker reports each finished
// point back, which is where the progress bar and the list of failures live.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/progress.hpp"

namespace coinsim {

class PointQueue {
 public:
  virtual ~PointQueue() = default;
  virtual std::optional<std::size_t> next() = 0;  // empty: no more points
  virtual void finished(std::size_t point, bool ok) = 0;
};

class ListQueue : public PointQueue {
 public:
  ListQueue(std::vector<std::size_t> points, bool show_progress, const std::string& what = "points")
      : points_(std::move(points)), bar_(points_.size(), what, show_progress) {
    bar_.update(0);
  }
  std::optional<std::size_t> next() override {
    if (next_ == points_.size()) return std::nullopt;
    return points_[next_++];
  }
  void finished(std::size_t point, bool ok) override {
    if (!ok) failed_.push_back(point);
    bar_.update(++done_);
    if (done_ == points_.size()) bar_.finish();
  }
  const std::vector<std::size_t>& failed() const { return failed_; }

 private:
  std::vector<std::size_t> points_;
  std::size_t next_ = 0;
  std::size_t done_ = 0;
  std::vector<std::size_t> failed_;
  ProgressBar bar_;
};

}  // namespace coinsim
