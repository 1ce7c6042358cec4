#include "sim/frontend.hpp"

#include <algorithm>
#include <memory>

#include "sim/messages.hpp"

namespace coinsim {
namespace sg4 = simgrid::s4u;

namespace {
constexpr double kFailurePoll = 1.0;  // simulated seconds
}  // namespace

Frontend::Frontend(FrontendConfig config, RandomStream arrivals, std::vector<int> image_order,
                   QueryLog& log, RequestLog& requests)
    : config_(std::move(config)),
      arrivals_(std::move(arrivals)),
      image_order_(std::move(image_order)),
      log_(&log),
      requests_(&requests),
      deadlines_([this](int query) { expire(query); }),
      hedges_([this](int query) { send_backups(query); }) {
  if (!config_.failures) return;
  owed_.emplace(static_cast<int>(config_.server_hosts.size()));
  sg4::Host::on_state_change.connect([this](const sg4::Host& host) {
    if (host.is_on()) return;
    const auto& hosts = config_.server_hosts;
    const auto slot = std::find(hosts.begin(), hosts.end(), &host);
    if (slot != hosts.end()) on_host_failure(static_cast<int>(slot - hosts.begin()));
  });
}

void Frontend::start(sg4::Host* host) {
  sg4::Actor::create("dispatcher", host, [this] { dispatch(); });
  sg4::Actor::create("collector", host, [this] { collect(); });
  if (config_.deadline > 0)
    sg4::Actor::create("deadlines", host, [this] { deadlines_.run(); })->daemonize();
  if (config_.strategy->hedged())
    sg4::Actor::create("hedges", host, [this] { hedges_.run(); })->daemonize();
}

bool Frontend::finished(int query) const {
  const auto found = in_flight_.find(query);
  return found == in_flight_.end() || found->second.completed;
}

void Frontend::send(int query, InFlight& state, int server, int source) {
  auto request = std::make_unique<Request>(
      Request{totals_.requests_sent, query, source, sg4::Engine::get_clock()});
  ++state.outstanding;
  ++outstanding_;
  ++totals_.requests_sent;
  if (owed_) {
    if (!config_.server_hosts[server]->is_on()) {  // no SimGrid transfer to a host that is down
      lose(*request, server);
      return;
    }
    owed_->add(server, *request);
  }
  config_.server_inboxes[server]->put(std::move(request), config_.request_bytes);
}

void Frontend::dispatch() {
  const Strategy& strategy = *config_.strategy;
  double next_arrival = 0;
  for (int query = 0; query < config_.queries; ++query) {
    next_arrival = config_.arrivals->empty()
                       ? next_arrival + exponential_draw(arrivals_, config_.rate)
                       : (*config_.arrivals)[query];
    sg4::this_actor::sleep_until(next_arrival);
    const double now = sg4::Engine::get_clock();
    const int image = image_order_[query % image_order_.size()];
    InFlight& state =
        in_flight_
            .emplace(query, InFlight{now, image, std::vector<bool>(strategy.sources(), false)})
            .first->second;
    for (const Assignment& a : strategy.fan_out()) send(query, state, a.server, a.source);
    if (config_.deadline > 0) deadlines_.set(now + config_.deadline, query);
    if (strategy.hedged()) hedges_.set(now + strategy.hedge_delay(), query);
  }
  dispatch_done_ = true;
}

void Frontend::collect() {
  // As permanent receiver, replies travel as soon as they are sent; otherwise each transfer would
  // only start when the previous reply had been received, serialising the network at the frontend.
  config_.replies->bind_consumer();
  std::vector<int> touched;
  while (!(dispatch_done_ && totals_.completed == config_.queries && outstanding_ == 0)) {
    // Take every reply that has arrived by now before deciding anything: when replies tie, a
    // query completes with all of them, and an original that arrived is never "decoded".
    touched.clear();
    do {
      const std::unique_ptr<Reply> reply = next_reply();
      if (reply) take(*reply, touched);
    } while (config_.replies->ready());
    for (const int query : touched) settle(query);
  }
}

std::unique_ptr<Reply> Frontend::next_reply() {
  // With failures, the replies still owed may never come: wake up now and then to check. A reply
  // lost in transit (nullptr) was counted lost when its host failed.
  return owed_ ? config_.replies->get_for(kFailurePoll) : config_.replies->get();
}

void Frontend::take(const Reply& reply, std::vector<int>& touched) {
  if (owed_ && !owed_->settle(reply.server, reply.id)) return;
  ++totals_.replies;
  InFlight& state = in_flight_.at(reply.query);
  --state.outstanding;
  --outstanding_;
  requests_->write(reply, sg4::Engine::get_clock());
  if (reply.answer == Answer::output) {
    state.available[reply.source] = true;
    ++state.received;
  }
  touched.push_back(reply.query);
}

// Runs in SimGrid's maestro context, between actors: plain bookkeeping only, no simcalls.
void Frontend::on_host_failure(int server) {
  for (const Request& request : owed_->lose_all(server)) lose(request, server);
}

void Frontend::lose(const Request& request, int server) {
  ++totals_.requests_lost;
  --outstanding_;
  requests_->write(
      Reply{request.id, request.query, request.source, request.sent, server, Answer::lost},
      sg4::Engine::get_clock());
  const auto found = in_flight_.find(request.query);
  InFlight& state = found->second;
  --state.outstanding;
  if (state.completed && state.outstanding == 0) in_flight_.erase(found);
}

void Frontend::settle(int query) {
  const auto found = in_flight_.find(query);
  if (found == in_flight_.end()) return;  // settled already in this round
  InFlight& state = found->second;
  if (!state.completed && config_.strategy->complete(state.available))
    finalise(query, state, false);
  if (state.completed && state.outstanding == 0) in_flight_.erase(found);
}

void Frontend::expire(int query) {
  const auto found = in_flight_.find(query);
  if (found == in_flight_.end() || found->second.completed) return;
  finalise(query, found->second, true);
}

void Frontend::send_backups(int query) {
  const auto found = in_flight_.find(query);
  if (found == in_flight_.end() || found->second.completed) return;
  InFlight& state = found->second;
  for (int source = 0; source < config_.strategy->sources(); ++source)
    if (!state.available[source]) {
      send(query, state, config_.strategy->backup_server(source), source);
      ++totals_.backups_sent;
    }
}

void Frontend::finalise(int query, InFlight& state, bool at_deadline) {
  state.completed = true;
  QueryRecord record;
  record.query = query;
  record.image = state.image;
  record.label = config_.table->labels[state.image];
  record.arrival = state.arrival;
  record.latency = sg4::Engine::get_clock() - state.arrival;
  record.replies = state.received;
  record.warmup = query < config_.warmup;
  record.at_deadline = at_deadline;
  record.outcome = config_.strategy->score(state.available, state.image);
  log_->write(record);
  ++totals_.completed;
  if (record.warmup) return;
  ++totals_.measured;
  latencies_.add(record.latency);
  const QueryOutcome& o = record.outcome;
  totals_.at_deadline += at_deadline;
  totals_.scored_tasks += o.scored_tasks;
  for (const ScoringRule rule : kScoringRules) totals_.correct_tasks[rule] += o.correct_tasks[rule];
  totals_.correct_queries += o.query_correct;
  totals_.decoded_tasks += o.decoded_tasks;
  totals_.backup_tasks += o.backup_tasks;
  totals_.fallback_tasks += o.fallback_tasks;
  totals_.failed_tasks += o.failed_tasks;
  totals_.decoded_queries += o.decoded_outputs > 0;
}

}  // namespace coinsim
