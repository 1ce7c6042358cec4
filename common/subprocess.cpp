#include "common/subprocess.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/error.hpp"
#include "common/stop_signals.hpp"

extern char** environ;

namespace coinsim {
namespace {

pid_t spawn(const std::vector<std::string>& argv, posix_spawn_file_actions_t* actions) {
  std::vector<char*> raw;
  for (const auto& arg : argv) raw.push_back(const_cast<char*>(arg.c_str()));
  raw.push_back(nullptr);
  pid_t pid = 0;
  const int status = ::posix_spawnp(&pid, raw[0], actions, nullptr, raw.data(), environ);
  if (status != 0) throw Error(argv[0] + ": cannot start: " + std::strerror(status));
  return pid;
}

// Starts `command`; its standard input, if the command has one, is written into a pipe that the
// child reads. A child that exits without reading it all is no error of ours: its exit code says.
// `stderr_fd` >= 0: the child's standard error goes there.
pid_t spawn_command(const Command& command, int stderr_fd = -1) {
  posix_spawn_file_actions_t actions;
  ::posix_spawn_file_actions_init(&actions);
  if (stderr_fd >= 0) ::posix_spawn_file_actions_adddup2(&actions, stderr_fd, STDERR_FILENO);
  if (command.standard_input.empty()) {
    try {
      const pid_t pid = spawn(command.argv, &actions);
      ::posix_spawn_file_actions_destroy(&actions);
      return pid;
    } catch (const Error&) {
      ::posix_spawn_file_actions_destroy(&actions);
      throw;
    }
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    ::posix_spawn_file_actions_destroy(&actions);
    throw Error(command.argv[0] + ": cannot make a pipe: " + std::strerror(errno));
  }
  ::posix_spawn_file_actions_adddup2(&actions, pipe_fds[0], STDIN_FILENO);
  pid_t pid = -1;
  try {
    pid = spawn(command.argv, &actions);
  } catch (const Error&) {
    ::posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    throw;
  }
  ::posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[0]);
  // SIGPIPE would kill us if the child died before reading: ignore it for this write only.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  const std::string& text = command.standard_input;
  for (std::size_t written = 0; written < text.size();) {
    const ssize_t n = ::write(pipe_fds[1], text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EPIPE: the child is gone, and its exit code will say why
    written += static_cast<std::size_t>(n);
  }
  ::sigaction(SIGPIPE, &previous, nullptr);
  ::close(pipe_fds[1]);
  return pid;
}

int exit_code(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace

ProcessPool::ProcessPool(int slots) : slots_(std::max(1, slots)) {}

ProcessPool::~ProcessPool() {
  for (const auto& child : running_) ::kill(child.first, SIGTERM);
  for (const auto& child : running_) {
    int status = 0;
    while (::waitpid(child.first, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

void ProcessPool::start(const Command& command, std::size_t tag) {
  running_[spawn_command(command)] = tag;
}

std::optional<std::pair<std::size_t, int>> ProcessPool::wait_any(
    std::optional<std::chrono::milliseconds> at_most) {
  if (running_.empty()) throw Error("internal: waiting on an idle process pool");
  // Polled, not a blocking waitpid: a stop signal that lands after the caller's last look but
  // before a blocking wait began would leave that wait blocked until the children end (hours).
  const auto give_up = at_most ? std::chrono::steady_clock::now() + *at_most
                               : std::chrono::steady_clock::time_point::max();
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(-1, &status, WNOHANG);
    if (done == 0) {  // none ended yet
      if (StopSignals::requested() || std::chrono::steady_clock::now() >= give_up)
        return std::nullopt;
      ::usleep(5000);
      continue;
    }
    if (done < 0) {
      if (errno == EINTR) return std::nullopt;
      throw Error(std::string("waiting for child processes: ") + std::strerror(errno));
    }
    const auto found = running_.find(done);
    if (found == running_.end()) continue;  // not ours (e.g. a helper started elsewhere)
    const std::size_t tag = found->second;
    running_.erase(found);
    return std::make_pair(tag, exit_code(status));
  }
}

std::vector<int> run_commands(const std::vector<Command>& commands, int parallel,
                              const std::function<void()>& tick) {
  std::vector<int> codes(commands.size(), -1);
  ProcessPool pool(parallel);
  std::size_t next = 0;
  while (next < commands.size() || !pool.idle()) {
    while (next < commands.size() && pool.has_free_slot()) {
      pool.start(commands[next], next);
      ++next;
    }
    const auto finished = tick ? pool.wait_any(std::chrono::milliseconds(200)) : pool.wait_any();
    if (StopSignals::requested())
      throw Interrupted("stopped the running commands; nothing unfinished is marked complete");
    if (finished) codes[finished->first] = finished->second;
    if (tick) tick();
  }
  return codes;
}

Finished run_measured(const Command& command) {
  const pid_t pid = spawn_command(command);
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0)
    if (errno != EINTR) throw Error(command.argv[0] + ": waiting for it: " + std::strerror(errno));
  return {exit_code(status), usage.ru_maxrss / 1024.0};
}

Captured run_capturing_stderr(const Command& command) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
    throw Error(command.argv[0] + ": cannot make a pipe: " + std::strerror(errno));
  pid_t pid = -1;
  try {
    pid = spawn_command(command, pipe_fds[1]);
  } catch (const Error&) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    throw;
  }
  ::close(pipe_fds[1]);
  Captured result{1, ""};
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.standard_error.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw Error(command.argv[0] + ": waiting for it: " + std::strerror(errno));
  result.exit_code = exit_code(status);
  return result;
}

std::string executable_dir() {
  return std::filesystem::read_symlink("/proc/self/exe").parent_path().string();
}

std::string first_line_of(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return "";
  posix_spawn_file_actions_t actions;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  ::posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  ::posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  pid_t pid = -1;
  try {
    pid = spawn(argv, &actions);
  } catch (const Error&) {
  }
  ::posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  std::string output;
  char buffer[256];
  ssize_t n = 0;
  while ((n = ::read(pipe_fds[0], buffer, sizeof(buffer))) > 0) output.append(buffer, n);
  ::close(pipe_fds[0]);
  int status = 0;
  if (pid <= 0 || ::waitpid(pid, &status, 0) < 0 || exit_code(status) != 0) return "";
  return output.substr(0, output.find('\n'));
}

}  // namespace coinsim
