// How many connects may be outstanding at once: each holds a file descriptor, so the window
// is sized from RLIMIT_NOFILE (the soft limit raised to the hard one first).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace camaudit::engine {

// Connects this process can hold open at once: the soft descriptor limit raised to the hard
// one, less a reserve, halved (the other half is the deep probes').
std::size_t descriptor_room();

// The window for `wanted` connects: `wanted` when the descriptor limit has room, otherwise
// lowered, with one warning appended to `warnings` saying why and how to raise it.
std::size_t connect_window(std::size_t wanted, std::vector<std::string>& warnings);

}  // namespace camaudit::engine
