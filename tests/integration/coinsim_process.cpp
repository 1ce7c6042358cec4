#include "coinsim_process.hpp"

#include <spawn.h>

#include <cstdlib>
#include <fstream>

#include "common/files.hpp"

extern char** environ;

namespace coinsim {

namespace fs = std::filesystem;
using Json = nlohmann::json;

Outcome run_shell(const std::string& command_line, const fs::path& scratch) {
  fs::create_directories(scratch);
  const std::string command = command_line + " > " + (scratch / "out.txt").string() + " 2> " +
                              (scratch / "err.txt").string();
  const int status = std::system(command.c_str());
  return {WEXITSTATUS(status), read_file(scratch / "out.txt"), read_file(scratch / "err.txt")};
}

std::string coinsim_program() {
  return std::string(COINSIM_BINARY_DIR) + "/coinsim";
}

Outcome coinsim(const std::string& arguments, const fs::path& scratch) {
  return run_shell(coinsim_program() + " " + arguments, scratch);
}

fs::path tiny_scenario(const fs::path& scratch, const Json& changes) {
  Json scenario = Json::parse(read_file("tests/data/tiny.json"));
  scenario.merge_patch(changes);
  scenario["output"] = {{"dir", (scratch / "results").string()},
                        {"cache", (scratch / "cache").string()}};
  const fs::path file = scratch / "tiny.json";
  write_file_atomically(file, scenario.dump(2));
  return file;
}

int start_in_own_group(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int status = posix_spawn(&pid, argv[0], nullptr, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  return status == 0 ? pid : -1;
}

std::size_t line_count(const fs::path& file) {
  std::ifstream in(file);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

}  // namespace coinsim
