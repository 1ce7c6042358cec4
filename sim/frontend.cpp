#include "sim/frontend.hpp"

#include <memory>

#include "sim/messages.hpp"

namespace coinsim {
namespace sg4 = simgrid::s4u;

Frontend::Frontend(FrontendConfig config, RandomStream arrivals, std::vector<int> image_order,
                   QueryLog& log)
    : config_(std::move(config)),
      arrivals_(std::move(arrivals)),
      image_order_(std::move(image_order)),
      log_(&log) {}

void Frontend::dispatch() {
  const int slots = config_.strategy->slots();
  double next_arrival = 0;
  for (int query = 0; query < config_.queries; ++query) {
    next_arrival += arrivals_.exponential(config_.rate);
    sg4::this_actor::sleep_until(next_arrival);
    const int image = image_order_[query % image_order_.size()];
    in_flight_.emplace(query,
                       InFlight{sg4::Engine::get_clock(), image, std::vector<bool>(slots, false)});
    for (int slot = 0; slot < slots; ++slot) {
      auto request = std::make_unique<Request>(Request{query, slot});
      config_.server_inboxes[slot]
          ->put_init(request.release(), static_cast<uint64_t>(config_.request_bytes))
          ->detach();
    }
  }
}

void Frontend::collect() {
  // As permanent receiver, replies travel as soon as they are sent; otherwise each transfer would
  // only start when the previous reply had been received, serialising the network at the frontend.
  config_.replies->set_receiver(sg4::Actor::self());
  const long long expected = static_cast<long long>(config_.queries) * config_.strategy->slots();
  long long received = 0;
  std::vector<int> touched;
  while (received < expected) {
    // Take every reply that has arrived by now before deciding anything: when replies tie, a
    // query completes with all of them, and an original that arrived is never "decoded".
    touched.clear();
    do {
      const std::unique_ptr<Reply> reply(config_.replies->get<Reply>());
      InFlight& state = in_flight_.at(reply->query);
      state.arrived[reply->slot] = true;
      ++state.replies;
      touched.push_back(reply->query);
      ++received;
    } while (received < expected && config_.replies->ready());
    for (const int query : touched) settle(query);
  }
}

void Frontend::settle(int query) {
  const auto found = in_flight_.find(query);
  if (found == in_flight_.end()) return;  // settled already in this round
  InFlight& state = found->second;
  if (!state.completed && config_.strategy->complete(state.arrived)) complete(query, state);
  if (state.replies == config_.strategy->slots()) in_flight_.erase(found);
}

void Frontend::complete(int query, InFlight& state) {
  state.completed = true;
  QueryRecord record;
  record.query = query;
  record.image = state.image;
  record.label = config_.table->labels[state.image];
  record.arrival = state.arrival;
  record.latency = sg4::Engine::get_clock() - state.arrival;
  record.replies = state.replies;
  record.warmup = query < config_.warmup;
  record.outcome =
      config_.strategy->score(state.arrived, state.image, *config_.table, *config_.tasks);
  log_->write(record);
  ++totals_.completed;
  if (record.warmup) return;
  ++totals_.measured;
  latencies_.add(record.latency);
  totals_.scored_tasks += record.outcome.scored_tasks;
  totals_.correct_tasks += record.outcome.correct_tasks;
  totals_.decoded_tasks += record.outcome.decoded_tasks;
  totals_.decoded_queries += record.outcome.decoded_outputs > 0;
}

}  // namespace coinsim
