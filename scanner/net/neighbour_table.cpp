// /proc/net/arp lines: "IP address  HW type  Flags  HW address  Mask  Device", header first.
#include <net/neighbour_table.hpp>

#include <boost/asio/ip/address_v4.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <utility>

namespace camaudit::net {
namespace {

constexpr unsigned flag_complete = 0x2;

std::vector<std::string_view> fields_of(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t at = 0;
    while (at < line.size() && fields.size() < 8) {
        while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) ++at;
        const auto start = at;
        while (at < line.size() && line[at] != ' ' && line[at] != '\t') ++at;
        if (at > start) fields.push_back(line.substr(start, at - start));
    }
    return fields;
}

bool valid_mac(std::string_view mac) {
    if (mac.size() != 17 || mac == "00:00:00:00:00:00") return false;
    for (std::size_t i = 0; i < mac.size(); ++i)
        if (i % 3 == 2 ? mac[i] != ':' : !std::isxdigit(static_cast<unsigned char>(mac[i]))) return false;
    return true;
}

bool complete(std::string_view flags) {
    if (flags.size() < 3 || flags.size() > 6 || flags.substr(0, 2) != "0x") return false;
    unsigned value = 0;
    for (const char c : flags.substr(2)) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
        value = value * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
    }
    return (value & flag_complete) != 0;
}

std::optional<Neighbour> parse_line(std::string_view line) {
    const auto fields = fields_of(line);
    if (fields.size() != 6 || !complete(fields[2]) || !valid_mac(fields[3])) return std::nullopt;
    boost::system::error_code error;
    const auto address = boost::asio::ip::make_address_v4(std::string(fields[0]), error);
    if (error) return std::nullopt;
    std::string mac(fields[3]);
    std::transform(mac.begin(), mac.end(), mac.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return Neighbour{address.to_string(), std::move(mac), std::string(fields[5])};
}

}  // namespace

std::vector<Neighbour> parse_proc_net_arp(std::string_view text) {
    std::vector<Neighbour> neighbours;
    text = text.substr(0, max_neighbour_table_bytes);
    bool header = true;
    while (!text.empty() && neighbours.size() < max_neighbour_entries) {
        const auto end = text.find('\n');
        const auto line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (std::exchange(header, false)) continue;
        if (auto neighbour = parse_line(line)) neighbours.push_back(std::move(*neighbour));
    }
    return neighbours;
}

std::vector<Neighbour> read_neighbour_table() {
    std::ifstream in("/proc/net/arp");
    if (!in) return {};
    std::string text;
    text.reserve(4096);
    char buffer[4096];
    while (text.size() < max_neighbour_table_bytes && in.read(buffer, sizeof buffer).gcount() > 0)
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
    return parse_proc_net_arp(text);
}

}  // namespace camaudit::net
