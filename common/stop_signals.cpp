#include "common/stop_signals.hpp"

namespace coinsim {
namespace {

// The one piece of process-wide state: a signal handler can only reach a static.
volatile std::sig_atomic_t stop_signal = 0;

void record_stop(int signal) {
  stop_signal = signal;
}

}  // namespace

StopSignals::StopSignals() {
  stop_signal = 0;
  struct sigaction action {};
  action.sa_handler = record_stop;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, &previous_int_);
  sigaction(SIGTERM, &action, &previous_term_);
}

StopSignals::~StopSignals() {
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
}

int StopSignals::requested() {
  return stop_signal;
}

}  // namespace coinsim
