#include "sim/server.hpp"

#include <memory>

#include "sim/messages.hpp"

namespace coinsim {
namespace sg4 = simgrid::s4u;

void ModelServer::operator()() {
  config_.inbox->set_receiver(sg4::Actor::self());
  for (;;) {
    const std::unique_ptr<Request> request(config_.inbox->get<Request>());
    // The slowdown is drawn for every request, skipped or not, so that cancellation does not
    // shift which slowdown the following requests get.
    const double slowdown = config_.slowdown.draw(stream_);
    const bool skip = config_.cancelled && config_.cancelled(request->query);
    if (skip) {
      ++stats_->cancelled;
    } else {
      const double start = sg4::Engine::get_clock();
      sg4::this_actor::execute(config_.forward_flops * slowdown);
      stats_->busy_seconds += sg4::Engine::get_clock() - start;
      ++stats_->requests;
    }
    auto reply = std::make_unique<Reply>(
        Reply{request->query, request->source, request->sent, config_.slot, skip});
    config_.replies->put_init(reply.release(), static_cast<uint64_t>(config_.reply_bytes))
        ->detach();
  }
}

}  // namespace coinsim
