// Files that are either complete or absent. Results and cache entries are written to a temporary
// name in the same directory and renamed into place, so a killed run never leaves a file that
// looks complete. Cache entries carry a checksum so that a corrupt or truncated one is detected.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace coinsim {

// Writes `content` to `path` atomically (temporary file, flush, rename); creates parent folders.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

// Creates `dir` if needed and checks that a file can be written in it, so that a run stops before
// hours of work rather than at its first output; throws Error naming the folder.
void require_writable_directory(const std::filesystem::path& dir);

// Reads a whole file; throws Error naming the file if it cannot be read.
std::string read_file(const std::filesystem::path& path);

// A checksummed blob: a header (magic, payload size, CRC-32) followed by the payload.
void write_checked_blob(const std::filesystem::path& path, const std::string& payload);

// The payload of a checked blob, or nothing if the file is absent, truncated or corrupt.
std::optional<std::string> read_checked_blob(const std::filesystem::path& path);

}  // namespace coinsim
