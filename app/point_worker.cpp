#include "app/point_worker.hpp"

#include <iostream>
#include <map>
#include <set>

#include "app/scenario_run.hpp"
#include "common/error.hpp"
#include "common/stop_signals.hpp"

namespace coinsim {
namespace {

// A point whose simulations are under way.
struct ActivePoint {
  PreparedRun run;
  std::vector<Command> commands;
  std::vector<int> exit_codes;
  std::size_t started = 0;
  std::size_t finished = 0;
};

struct Task {
  std::size_t point;
  std::size_t strategy;
};

class Worker {
 public:
  Worker(const std::vector<Scenario>& scenarios, int jobs, PointQueue& queue)
      : scenarios_(scenarios), pool_(jobs), queue_(queue) {}

  void run() {
    for (;;) {
      if (StopSignals::requested()) return;
      fill_free_slots();
      if (pool_.idle()) return;
      const auto finished = pool_.wait_any();
      if (StopSignals::requested()) return;  // the pool terminates what still runs
      if (!finished) continue;
      const Task task = tasks_[finished->first];
      ActivePoint& point = active_.at(task.point);
      point.exit_codes[task.strategy] = finished->second;
      if (++point.finished == point.commands.size()) complete(task.point);
    }
  }

 private:
  void fill_free_slots() {
    while (pool_.has_free_slot()) {
      if (!feeding_ || active_.at(*feeding_).started == active_.at(*feeding_).commands.size()) {
        feeding_ = exhausted_ ? std::nullopt : queue_.next();
        if (!feeding_) {
          exhausted_ = true;
          return;
        }
        begin(*feeding_);
        continue;
      }
      ActivePoint& point = active_.at(*feeding_);
      tasks_.push_back({*feeding_, point.started});
      pool_.start(point.commands[point.started++], tasks_.size() - 1);
    }
  }

  // Prepares a point; one that fails here, or has no strategy to simulate, is over at once.
  void begin(std::size_t index) {
    const Scenario& s = scenarios_[index];
    try {
      PreparedRun run = prepare_run(s, Progress(false));
      auto commands = simulation_commands(run);
      const std::size_t count = commands.size();
      active_.emplace(
          index, ActivePoint{std::move(run), std::move(commands), std::vector<int>(count, -1)});
    } catch (const Error& e) {
      fail(index, e.what());
      feeding_.reset();
      return;
    }
    if (active_.at(index).commands.empty()) complete(index);
  }

  void complete(std::size_t index) {
    const ActivePoint& point = active_.at(index);
    try {
      check_simulations(point.run.scenario, point.exit_codes);
      for (const auto& warning : run_warnings(finish_run(point.run)))
        if (warned_.insert(warning).second) std::cerr << "coinsim: warning: " << warning << "\n";
      queue_.finished(index, true);
    } catch (const Error& e) {
      fail(index, e.what());
    }
    active_.erase(index);
    if (feeding_ == index) feeding_.reset();
  }

  void fail(std::size_t index, const std::string& why) {
    std::cerr << "coinsim: point " << scenarios_[index].name << ": " << why << "\n";
    queue_.finished(index, false);
  }

  const std::vector<Scenario>& scenarios_;
  std::set<std::string> warned_;  // each warning once per sweep
  ProcessPool pool_;
  PointQueue& queue_;
  std::map<std::size_t, ActivePoint> active_;
  std::vector<Task> tasks_;             // index = the pool's tag
  std::optional<std::size_t> feeding_;  // the point whose strategies are being started
  bool exhausted_ = false;
};

}  // namespace

void run_points(const std::vector<Scenario>& scenarios, int jobs, PointQueue& queue) {
  Worker(scenarios, jobs, queue).run();
}

}  // namespace coinsim
