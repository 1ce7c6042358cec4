#include "sim/server.hpp"

namespace coinsim {
namespace sg4 = simgrid::s4u;

namespace {

// An actor of the server ends: at the end of the run, or killed by a failure of its host. Only
// touches the state (the actor's own code object may be gone by then).
void account_exit(ServerState& state, int worker, bool receiver) {
  if (sg4::this_actor::get_host()->is_on()) return;  // the run is over, not a failure
  if (receiver) ++state.stats.failures;
  if (state.workers > 1 && receiver) return;  // the workers account for their own time
  double& since = state.executing_since[worker];
  if (since >= 0) state.stats.busy_seconds += sg4::Engine::get_clock() - since;
  since = -1;
}

}  // namespace

void ModelServer::operator()() {
  boot();
  config_.inbox->bind_consumer();
  for (;;) {
    std::unique_ptr<Request> request = next_request();
    if (!request) continue;
    if (state_->workers > 1) {
      state_->queue.push_back(std::move(request));
      state_->queued->release();
      continue;
    }
    Batch batch;
    batch.push_back(std::move(request));
    // Greedy batching: whatever else has already arrived, up to the batch size.
    while (static_cast<int>(batch.size()) < config_.batch_size && config_.inbox->ready())
      if (auto more = next_request()) batch.push_back(std::move(more));
    serve(batch, 0);
  }
}

// The next request from the inbox; nullptr for one that a host failure lost (in transit, or
// queued when the host failed), which the frontend's books already count as lost.
std::unique_ptr<Request> ModelServer::next_request() {
  std::unique_ptr<Request> request = config_.inbox->get();
  if (request && request->sent < state_->boot) return nullptr;
  return request;
}

void ModelServer::boot() {
  sg4::Actor::self()->daemonize();  // SimGrid restarts actors after a failure as non-daemons
  sg4::Host* const host = sg4::this_actor::get_host();
  ServerState& state = *state_;
  state.boot = sg4::Engine::get_clock();
  state.workers = host->get_core_count();
  state.executing_since.assign(state.workers, -1);
  ServerState* const shared = state_;
  sg4::this_actor::on_exit([shared](bool) { account_exit(*shared, 0, true); });
  if (state.workers == 1) return;
  state.queue.clear();  // what was queued died with the host
  state.queued = sg4::Semaphore::create(0);
  for (int worker = 0; worker < state.workers; ++worker)
    sg4::Actor::create("worker", host, [server = *this, worker]() mutable {
      server.work(worker);
    })->daemonize();
}

void ModelServer::work(int worker) {
  ServerState* const shared = state_;
  sg4::this_actor::on_exit([shared, worker](bool) { account_exit(*shared, worker, false); });
  ServerState& state = *state_;
  for (;;) {
    state.queued->acquire();
    Batch batch;
    batch.push_back(std::move(state.queue.front()));
    state.queue.pop_front();
    while (static_cast<int>(batch.size()) < config_.batch_size && !state.queue.empty()) {
      state.queued->acquire();  // does not block: one unit per queued request
      batch.push_back(std::move(state.queue.front()));
      state.queue.pop_front();
    }
    serve(batch, worker);
  }
}

void ModelServer::serve(const Batch& batch, int worker) {
  // A slowdown is drawn for every request, skipped or not, so that cancellation and batching do
  // not shift which slowdown later requests get; a batch runs at its first executed request's.
  std::vector<const Request*> executed;
  double slowdown = 1, flops = 0;
  for (const auto& request : batch) {
    const double drawn = config_.slowdown.draw(state_->slowdowns);
    if (config_.cancelled && config_.cancelled(request->query)) {
      reply(*request, Answer::cancelled);
      continue;
    }
    const double own = config_.flops_by_source[request->source];
    if (executed.empty()) slowdown = drawn;
    flops += executed.empty() ? own : config_.batch_marginal_cost * own;
    executed.push_back(request.get());
  }
  if (executed.empty()) return;
  double& since = state_->executing_since[worker];
  since = sg4::Engine::get_clock();
  sg4::this_actor::execute(flops * slowdown);  // a failure kills us in here
  state_->stats.busy_seconds += sg4::Engine::get_clock() - since;
  since = -1;
  ++state_->stats.batches;
  for (const Request* request : executed) reply(*request, Answer::output);
}

void ModelServer::reply(const Request& request, Answer answer) const {
  ServerStats& stats = state_->stats;
  stats.requests += answer == Answer::output;
  stats.cancelled += answer == Answer::cancelled;
  config_.replies->put(std::make_unique<Reply>(Reply{request.id, request.query, request.source,
                                                     request.sent, config_.slot, answer}),
                       config_.reply_bytes);
}

}  // namespace coinsim
