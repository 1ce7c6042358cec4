// Running the `coinsim` executable as a user does, for the end-to-end and sweep tests.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace coinsim {

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs a shell command line in the source folder; its stdout and stderr are kept in `scratch`.
Outcome run_shell(const std::string& command_line, const std::filesystem::path& scratch);

// The path of the built `coinsim`.
std::string coinsim_program();

// Runs `coinsim <arguments>` in the source folder (where scenarios name their relative paths);
// its stdout and stderr are kept in `scratch`.
Outcome coinsim(const std::string& arguments, const std::filesystem::path& scratch);

// A copy of tests/data/tiny.json with `changes` merged in, writing into scratch/results and
// scratch/cache; returns the file's path.
std::filesystem::path tiny_scenario(const std::filesystem::path& scratch,
                                    const nlohmann::json& changes = nlohmann::json::object());

// Starts a command (argv[0] a path) in a process group of its own, so that it and its children
// can be signalled together; its pid, which is also the group's id.
int start_in_own_group(std::vector<std::string> args);

std::size_t line_count(const std::filesystem::path& file);

}  // namespace coinsim
