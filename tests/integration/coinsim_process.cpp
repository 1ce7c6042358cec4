#include "coinsim_process.hpp"

#include <cstdlib>
#include <fstream>

#include "common/files.hpp"

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

std::size_t line_count(const fs::path& file) {
  std::ifstream in(file);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

}  // namespace coinsim
