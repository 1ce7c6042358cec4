// How coinsim's executables end: an Error (bad input, failed run) is one line on stderr and exit
// 1; a bad command line, exit 2; a stop by SIGINT / SIGTERM, one line and 128 + the signal;
// anything else is a bug, still one line, exit 3. Never a crash.
#pragma once

#include <boost/program_options/errors.hpp>
#include <functional>
#include <iostream>
#include <string>

#include "common/error.hpp"
#include "common/stop_signals.hpp"

namespace coinsim {

inline int report_errors(const std::string& program, const std::string& usage,
                         const std::function<int()>& body) {
  try {
    return body();
  } catch (const boost::program_options::error& e) {
    std::cerr << program << ": " << e.what() << "\n" << usage;
    return 2;
  } catch (const UsageError& e) {
    std::cerr << program << ": " << e.what() << "\n" << usage;
    return 2;
  } catch (const Interrupted& e) {
    std::cerr << program << ": " << e.what() << "\n";
    return StopSignals::exit_code();
  } catch (const Error& e) {
    std::cerr << program << ": " << e.what() << "\n";
    return 1;
  } catch (const ReportedError&) {
    return 1;
  } catch (const std::exception& e) {
    std::cerr << program << ": internal error: " << e.what() << "\n";
    return 3;
  }
}

}  // namespace coinsim
