// The iproute2 calls the segment is built with, shared by the dense and the sparse layout.
#pragma once
#include <string>
#include <vector>

namespace camaudit::lab::segment_shell {

// `command` with its output discarded.
std::string quiet(const std::string& command);
// Runs `ip ARGUMENTS`; throws RunError naming the command when it fails.
void ip(const std::string& arguments);
// Runs every line through one `ip -n NETNS -batch -` (one process for hundreds of commands);
// throws RunError naming the namespace when any line fails.
void ip_batch(const std::string& netns, const std::vector<std::string>& lines);

}  // namespace camaudit::lab::segment_shell
