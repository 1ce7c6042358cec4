#include "app/mpi_sweep.hpp"

#include <mpi.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/point_worker.hpp"
#include "app/sweep_stages.hpp"
#include "common/error.hpp"

namespace coinsim {
namespace {

// Messages to rank 0 (and its replies), each one or two 64-bit integers.
enum Tag : int {
  kRequest = 1,   // a rank has a free slot; rank 0 replies with a point, or -1 for none left
  kReply = 2,     // rank 0 to a requesting rank: {point}, or {-1}
  kFinished = 3,  // {point, 1 if it succeeded}
  kDone = 4,      // a rank has run all its points
};

using Message = long long;
constexpr auto kPoll = std::chrono::milliseconds(2);

// MPI_Init / MPI_Finalize. Only one thread of a process talks to MPI at a time (rank 0's
// dispatcher while the sweep runs, the main thread before and after), hence SERIALIZED.
class MpiSession {
 public:
  MpiSession() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
    if (provided < MPI_THREAD_SERIALIZED) {
      MPI_Finalize();
      throw Error("this MPI library cannot be called from a helper thread");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiSession() { MPI_Finalize(); }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0;
  int size_ = 1;
};

// Waits for a request to complete, sleeping between checks: MPI's own blocking waits spin, and a
// spinning rank would take a core from rank 0's training.
void wait_asleep(MPI_Request& request) {
  for (int done = 0;;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) return;
    std::this_thread::sleep_for(kPoll);
  }
}

// Rank 0 tells everyone whether the sweep goes ahead or stopped in preparation; the other ranks'
// argument is ignored, they return rank 0's word.
bool rank0_says_go(bool go) {
  int value = go ? 1 : 0;
  MPI_Request request;
  MPI_Ibcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD, &request);
  wait_asleep(request);
  return value == 1;
}

int ranks_on_this_machine() {
  for (const char* name : {"OMPI_COMM_WORLD_LOCAL_SIZE", "SLURM_NTASKS_PER_NODE"})
    if (const char* value = std::getenv(name)) return std::max(1, std::atoi(value));
  return 1;
}

// Every rank waits here for all the others (asleep): between the two rounds of handing out, so
// that no rank's request for a point reaches rank 0 while it still answers for accuracy stages.
void wait_for_every_rank() {
  MPI_Request request;
  MPI_Ibarrier(MPI_COMM_WORLD, &request);
  wait_asleep(request);
}

// Rank 0's queue: its own worker takes points directly; a helper thread answers the other ranks.
// The same for the round of accuracy stages (a point standing for each) and of simulations.
class DispatchingQueue : public PointQueue {
 public:
  DispatchingQueue(std::vector<std::size_t> points, int ranks, bool show_progress,
                   const std::string& what)
      : list_(std::move(points), show_progress, what), ranks_(ranks), served_(ranks, 0) {
    dispatcher_ = std::thread([this] { serve(); });
  }
  ~DispatchingQueue() override {
    if (dispatcher_.joinable()) dispatcher_.join();
  }

  std::optional<std::size_t> next() override { return take(0); }
  void finished(std::size_t point, bool ok) override {
    const std::lock_guard<std::mutex> lock(mutex_);
    list_.finished(point, ok);
  }
  // Waits until every other rank has run all its points.
  void wait_for_ranks() { dispatcher_.join(); }
  const std::vector<std::size_t>& failed() const { return list_.failed(); }
  const std::vector<int>& served() const { return served_; }

 private:
  std::optional<std::size_t> take(int rank) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto point = list_.next();
    if (point) ++served_[rank];
    return point;
  }

  void serve() {
    for (int ranks_done = 1; ranks_done < ranks_;) {
      int arrived = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
      if (!arrived) {
        std::this_thread::sleep_for(kPoll);
        continue;
      }
      Message message[2] = {0, 0};
      MPI_Recv(message, 2, MPI_LONG_LONG, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
      if (status.MPI_TAG == kRequest) {
        const auto point = take(status.MPI_SOURCE);
        const Message reply = point ? static_cast<Message>(*point) : -1;
        MPI_Send(&reply, 1, MPI_LONG_LONG, status.MPI_SOURCE, kReply, MPI_COMM_WORLD);
      } else if (status.MPI_TAG == kFinished) {
        finished(static_cast<std::size_t>(message[0]), message[1] == 1);
      } else if (status.MPI_TAG == kDone) {
        ++ranks_done;
      }
    }
  }

  std::mutex mutex_;
  ListQueue list_;
  int ranks_;
  std::vector<int> served_;  // points handed to each rank
  std::thread dispatcher_;
};

// The queue of ranks other than 0: every call is a message to rank 0.
class RemoteQueue : public PointQueue {
 public:
  std::optional<std::size_t> next() override {
    const Message request[2] = {0, 0};
    MPI_Send(request, 2, MPI_LONG_LONG, 0, kRequest, MPI_COMM_WORLD);
    Message reply = -1;
    MPI_Request receive;
    MPI_Irecv(&reply, 1, MPI_LONG_LONG, 0, kReply, MPI_COMM_WORLD, &receive);
    wait_asleep(receive);
    if (reply < 0) return std::nullopt;
    return static_cast<std::size_t>(reply);
  }
  void finished(std::size_t point, bool ok) override {
    const Message message[2] = {static_cast<Message>(point), ok ? 1 : 0};
    MPI_Send(message, 2, MPI_LONG_LONG, 0, kFinished, MPI_COMM_WORLD);
  }
  ~RemoteQueue() override {
    const Message message[2] = {0, 0};
    MPI_Send(message, 2, MPI_LONG_LONG, 0, kDone, MPI_COMM_WORLD);
  }
};

// Trains (or loads) the accuracy stage of every point the queue hands out, in this process. Any
// failure, LibTorch's too, is the stage's: a rank that left the round instead would leave the
// others waiting at the barrier.
void run_accuracy_stages(const std::vector<Scenario>& scenarios, PointQueue& queue,
                         const Progress& progress) {
  while (const auto point = queue.next()) {
    try {
      progress.say("accuracy stage of point " + scenarios[*point].name);
      compute_accuracy_stage(scenarios[*point], progress);
      queue.finished(*point, true);
    } catch (const std::exception& e) {
      std::cerr << "coinsim: point " << scenarios[*point].name << ": " << e.what() << "\n";
      queue.finished(*point, false);
    }
  }
}

void print_served(const std::string& what, const std::vector<int>& served) {
  std::cout << what << " run by each of " << served.size() << " ranks:";
  for (const int count : served) std::cout << " " << count;
  std::cout << "\n";
}

// Round 1: the distinct accuracy stages, shared out like points (each rank trains with its
// LibTorch threads); the stages that failed.
std::vector<std::size_t> share_accuracy_stages(const MpiSession& mpi, const SweepPlan& plan,
                                               const Progress& progress) {
  DispatchingQueue queue(distinct_accuracy_stages(plan), mpi.size(), progress.enabled(),
                         "accuracy stages");
  run_accuracy_stages(plan.scenarios, queue, progress);
  queue.wait_for_ranks();
  print_served("accuracy stages", queue.served());
  return queue.failed();
}

int coordinate(const MpiSession& mpi, const SweepOptions& options) {
  const Progress progress;
  const int jobs = jobs_per_process(options.jobs, ranks_on_this_machine());
  SweepPlan plan;
  try {
    plan = plan_sweep(options, true);
    check_pending_platforms(plan, progress);
  } catch (...) {
    rank0_says_go(false);
    throw;
  }
  rank0_says_go(true);
  const auto failed_stages = share_accuracy_stages(mpi, plan, progress);
  wait_for_every_rank();
  if (!rank0_says_go(failed_stages.empty()))
    throw Error(std::to_string(failed_stages.size()) + " of the accuracy stages failed (above); " +
                "no point was simulated");
  // Round 2: the simulations.
  DispatchingQueue queue(plan.pending, mpi.size(), progress.enabled(), "points");
  run_points(plan.scenarios, jobs, queue);
  queue.wait_for_ranks();
  print_served("points", queue.served());
  return finish_sweep(plan, options, queue.failed());
}

int work(const SweepOptions& options) {
  if (!rank0_says_go(false)) return 0;  // rank 0 has said why it stopped
  const SweepPlan plan = plan_sweep(options, false);
  {
    RemoteQueue stages;  // its end tells rank 0 this rank is done with the round
    run_accuracy_stages(plan.scenarios, stages, Progress(false));
  }
  wait_for_every_rank();
  if (!rank0_says_go(false)) return 1;
  RemoteQueue queue;
  run_points(plan.scenarios, jobs_per_process(options.jobs, ranks_on_this_machine()), queue);
  return 0;
}

}  // namespace

bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"})
    if (std::getenv(name)) return true;
  return false;
}

int mpi_sweep(const SweepOptions& options) {
  if (options.merge_only) throw Error("--merge needs no mpirun: run it once, alone");
  const MpiSession mpi;
  return mpi.rank() == 0 ? coordinate(mpi, options) : work(options);
}

}  // namespace coinsim
