// The kernel's IPv4 neighbour (ARP) cache, read from /proc/net/arp: what this host already
// knows about the MAC behind an address, without sending anything.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::net {

inline constexpr std::size_t max_neighbour_table_bytes = 4 * 1024 * 1024;
inline constexpr std::size_t max_neighbour_entries = 65536;

struct Neighbour {
    std::string ip;         // dotted quad as the kernel wrote it
    std::string mac;        // "aa:bb:cc:dd:ee:ff", lower case
    std::string interface;
};

// Complete entries (flag ATF_COM) of /proc/net/arp text; incomplete, all-zero MAC and
// malformed lines are skipped. Pure: any bytes.
std::vector<Neighbour> parse_proc_net_arp(std::string_view text);

// Reads /proc/net/arp of the calling process's network namespace; empty when unreadable.
std::vector<Neighbour> read_neighbour_table();

}  // namespace camaudit::net
