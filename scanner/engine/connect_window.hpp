// How many connects may be outstanding at once: each holds a file descriptor, so the window
// is sized from RLIMIT_NOFILE (the soft limit raised to the hard one first).
#pragma once
#include <chrono>
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

// Discovery meets silence at most addresses, and a silent connect holds its slot for the
// whole timeout: a window of `concurrency` would cap the sweep far below the rate (256 slots
// / 1.5 s = 170 probes/s). Discovery's window therefore covers rate x timeout (the
// descriptor limit still bounds it); the rate alone decides what the network sees.
std::size_t discovery_window(double rate, std::chrono::milliseconds timeout, std::size_t concurrency);

}  // namespace camaudit::engine
