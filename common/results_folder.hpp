// A results folder owned by one coinsim command while it writes. Claiming it:
//   - refuses "/" and the system's own folders (/etc, /usr, /proc, ...), and any existing folder
//     with files in it that coinsim did not create, so that a typo in /output/dir never writes
//     ten files into someone's home or into /;
//   - takes an exclusive lock (flock) on the folder's marker file, .coinsim, for as long as the
//     claim lives: a second command on the same folder is refused in one line naming the process
//     that holds it (two runs into one folder mixed one's summary with the other's scenario);
//   - removes the temporary files (*.tmp.<pid>) that killed runs left behind.
// The marker says which process holds (or last held) the folder. Folders written before markers
// existed are recognised by coinsim's own files in them and adopted.
#pragma once

#include <filesystem>
#include <string>

namespace coinsim {

class ResultsFolder {
 public:
  // Exclusive for a command that writes the whole folder; shared for the shards of one sweep
  // (`--shard i/n`), which run at once, each into its own points, and so leave temporaries alone
  // (a shard on another machine may be writing them).
  enum class Sharing { exclusive, shared };

  // `where` prefixes errors (e.g. "scenario.json: /output/dir"); `holder` describes this process
  // to a command that finds the folder taken ("coinsim run scenarios/default.json").
  static ResultsFolder claim(const std::filesystem::path& dir, const std::string& where,
                             const std::string& holder, Sharing sharing = Sharing::exclusive);
  ResultsFolder(ResultsFolder&& other) noexcept;
  ResultsFolder& operator=(ResultsFolder&& other) noexcept;
  ResultsFolder(const ResultsFolder&) = delete;
  ResultsFolder& operator=(const ResultsFolder&) = delete;
  ~ResultsFolder();  // releases the lock

  const std::filesystem::path& dir() const { return dir_; }

 private:
  ResultsFolder(std::filesystem::path dir, int lock_fd) : dir_(std::move(dir)), lock_fd_(lock_fd) {}
  std::filesystem::path dir_;
  int lock_fd_ = -1;
};

// Refuses (throws Error prefixed by `where`) a folder a command must never write into: "/", the
// system's folders, and an existing folder with files that coinsim did not create.
void check_results_folder(const std::filesystem::path& dir, const std::string& where);

// Removes files named "<name>.tmp.<pid>" (and coinsim's write probes) under `dir`, down to
// `depth` levels, whose process is no longer alive: what killed runs left.
void remove_stale_temporaries(const std::filesystem::path& dir, int depth);

}  // namespace coinsim
