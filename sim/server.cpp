#include "sim/server.hpp"

#include <memory>

namespace coinsim {
namespace sg4 = simgrid::s4u;

void ModelServer::operator()() {
  sg4::Actor::self()->daemonize();  // SimGrid restarts actors after a failure as non-daemons
  state_->boot = sg4::Engine::get_clock();
  state_->executing = false;
  ServerState* const state = state_;
  sg4::Host* const host = sg4::this_actor::get_host();
  sg4::this_actor::on_exit([state, host](bool /*killed*/) {
    if (host->is_on()) return;  // the run is over, not a failure
    ++state->stats.failures;
    if (state->executing)
      state->stats.busy_seconds += sg4::Engine::get_clock() - state->executing_since;
  });
  config_.inbox->bind_consumer();
  for (;;) {
    const std::unique_ptr<Request> request = config_.inbox->get();
    if (!request) continue;              // in transit when the host failed: already counted lost
    if (request->sent < state_->boot) {  // queued when the host failed: already counted lost
      ++state_->stats.dropped;
      continue;
    }
    reply(*request, serve(*request));
  }
}

Answer ModelServer::serve(const Request& request) {
  // The slowdown is drawn for every request, skipped or not, so that cancellation does not
  // shift which slowdown the following requests get.
  const double slowdown = config_.slowdown.draw(state_->slowdowns);
  if (config_.cancelled && config_.cancelled(request.query)) return Answer::cancelled;
  state_->executing = true;
  state_->executing_since = sg4::Engine::get_clock();
  sg4::this_actor::execute(config_.forward_flops * slowdown);  // a failure kills us in here
  state_->executing = false;
  state_->stats.busy_seconds += sg4::Engine::get_clock() - state_->executing_since;
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
