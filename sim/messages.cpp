#include "sim/messages.hpp"

namespace coinsim {

std::string to_string(Answer answer) {
  switch (answer) {
    case Answer::output:
      return "output";
    case Answer::cancelled:
      return "cancelled";
    case Answer::lost:
      return "lost";
  }
  return "?";
}

}  // namespace coinsim
