// The default TCP ports: where cameras, NVRs and their makers' services listen.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::probes {

struct KnownPort {
    std::uint16_t port;
    std::string_view service;  // the name a report shows before a deep probe confirms it
    std::string_view seen_on;  // who listens there, for docs/ports.md and --help
};

std::span<const KnownPort> default_ports();
std::string_view service_name(std::uint16_t port);  // "" when the port is not in the table

// Parses a --ports list: "80,443,8000-8010", or "default" (the table). Throws UsageError
// quoting the bad token (not a number, 0, over 65535, reversed range, empty).
std::vector<std::uint16_t> parse_port_list(std::string_view text);

}  // namespace camaudit::probes
