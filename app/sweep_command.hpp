#pragma once

#include <string>

namespace coinsim {

struct SweepOptions {
  std::string file;
  int jobs = 0;   // simulations at once on this machine; 0: one per core
  int shard = 1;  // run the points i with i % shard_count == shard - 1
  int shard_count = 1;
  bool merge_only = false;  // only build the tables from the points already run
  bool plot = true;         // draw the figures once the tables are written
  bool list_only = false;   // say which points are complete and which would run; run nothing
};

// Parses "i/n" (1 <= i <= n); throws Error otherwise.
void parse_shard(const std::string& text, SweepOptions& options);

int sweep_command(const SweepOptions& options);

}  // namespace coinsim
