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
    std::unique_ptr<Request> request = config_.inbox->get();
    if (!request) continue;              // in transit when the host failed: already counted lost
    if (request->sent < state_->boot) {  // queued when the host failed: already counted lost
      ++state_->stats.dropped;
      continue;
    }
    if (state_->workers == 1) {
      reply(*request, serve(*request, 0));
    } else {
      state_->queue.push_back(std::move(request));
      state_->queued->release();
    }
  }
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
  for (;;) {
    state_->queued->acquire();
    const std::unique_ptr<Request> request = std::move(state_->queue.front());
    state_->queue.pop_front();
    reply(*request, serve(*request, worker));
  }
}

Answer ModelServer::serve(const Request& request, int worker) {
  // The slowdown is drawn for every request, skipped or not, so that cancellation does not
  // shift which slowdown the following requests get.
  const double slowdown = config_.slowdown.draw(state_->slowdowns);
  if (config_.cancelled && config_.cancelled(request.query)) return Answer::cancelled;
  double& since = state_->executing_since[worker];
  since = sg4::Engine::get_clock();
  sg4::this_actor::execute(config_.flops_by_source[request.source] *
                           slowdown);  // a failure kills us in here
  state_->stats.busy_seconds += sg4::Engine::get_clock() - since;
  since = -1;
  return Answer::output;
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
