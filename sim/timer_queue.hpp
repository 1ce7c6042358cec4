// Per-query timers (deadlines, hedging delays) served by one actor. Every timer of a queue is
// "arrival + the same delay" and queries arrive in order, so timers expire in the order they are
// set: a FIFO and a semaphore suffice, with no activity per query while nothing expires.
#pragma once

#include <deque>
#include <functional>
#include <simgrid/s4u.hpp>
#include <utility>

namespace coinsim {

class TimerQueue {
 public:
  explicit TimerQueue(std::function<void(int query)> on_expiry)
      : ready_(simgrid::s4u::Semaphore::create(0)), on_expiry_(std::move(on_expiry)) {}

  // `when` must not precede any time set before.
  void set(double when, int query) {
    pending_.emplace_back(when, query);
    ready_->release();
  }

  // The actor body; meant to run as a daemon.
  void run() {
    for (;;) {
      ready_->acquire();
      const auto [when, query] = pending_.front();
      pending_.pop_front();
      simgrid::s4u::this_actor::sleep_until(when);
      on_expiry_(query);
    }
  }

 private:
  std::deque<std::pair<double, int>> pending_;
  simgrid::s4u::SemaphorePtr ready_;
  std::function<void(int)> on_expiry_;
};

}  // namespace coinsim
