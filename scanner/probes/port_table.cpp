// Default ports with the makers that use them (research: banned-vendor-facts.md §7,
// other-vendor-facts.md, protocols.md §0.1); docs/ports.md is the same table for people.
#include <probes/port_table.hpp>

#include <camaudit/error.hpp>
#include <charconv>
#include <fmt/format.h>
#include <set>

namespace camaudit::probes {
namespace {

constexpr KnownPort table[] = {
    {21, "ftp", "DVRs and NVRs with FTP upload; MikroTik and other routers"},
    {22, "ssh", "Ubiquiti UniFi cameras, Huawei/ZTE network gear, Linux hosts"},
    {23, "telnet", "Xiongmai and HiSilicon DVRs, older Hikvision/Dahua firmware, routers"},
    {80, "http", "web interface of almost every camera, NVR and DVR (ISAPI, CGI, ONVIF)"},
    {81, "http", "second web port of many DVRs and budget cameras"},
    {82, "http", "second web port of budget cameras and DVRs"},
    {88, "http", "Foscam web and CGI interface"},
    {443, "https", "TLS web interface: Hikvision, Dahua, Axis, Hanwha, Meraki, Tapo..."},
    {554, "rtsp", "RTSP video of almost every camera"},
    {2020, "onvif", "TP-Link Tapo ONVIF service"},
    {4100, "verkada-stream", "Verkada cameras: local streaming (HTTPS to Verkada clients)"},
    {5000, "http", "Dahua DHIP over TCP; Synology DSM (decoy)"},
    {5001, "https", "Synology DSM over TLS (decoy)"},
    {7443, "https", "UniFi Protect / UniFi Video controller"},
    {8000, "hikvision-sdk", "Hikvision / EZVIZ SDK (iVMS, Hik-Connect); HTTP on others"},
    {8080, "http", "alternate web port of cameras, NVRs and encoders"},
    {8081, "http", "alternate web port"},
    {8443, "https", "Hikvision SDK over TLS, EZVIZ, UniFi, alternate TLS web"},
    {8554, "rtsp", "alternate RTSP port"},
    {8800, "http", "TP-Link Tapo service port"},
    {8888, "http", "alternate web port of DVRs"},
    {8899, "onvif", "Xiongmai ONVIF device service"},
    {9000, "http", "Reolink media port, alternate web port"},
    {9010, "ezviz", "EZVIZ local service"},
    {9020, "ezviz", "EZVIZ local service"},
    {10554, "rtsp", "RTSP on some Hikvision NVRs"},
    {34567, "xiongmai-dvrip", "Xiongmai NetSurveillance / XMEye control"},
    {35000, "dahua-dhip", "Lorex (Dahua OEM) DHIP port"},
    {37777, "dahua-dvrip", "Dahua DVRIP / SDK control port and its OEMs"},
};

std::uint16_t parse_port(std::string_view token, std::string_view whole) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (token.empty() || error != std::errc() || end != token.data() + token.size() ||
        value == 0 || value > 65535)
        throw UsageError(fmt::format("bad port '{}' in --ports '{}'", token, whole),
                         "ports are numbers 1-65535 or ranges A-B, comma-separated, "
                         "or 'default'; e.g. --ports 80,443,554,8000-8100");
    return static_cast<std::uint16_t>(value);
}

void add_item(std::string_view item, std::string_view whole, std::set<std::uint16_t>& ports) {
    const auto dash = item.find('-');
    if (dash == std::string_view::npos) {
        ports.insert(parse_port(item, whole));
        return;
    }
    const auto low = parse_port(item.substr(0, dash), whole);
    const auto high = parse_port(item.substr(dash + 1), whole);
    if (low > high)
        throw UsageError(fmt::format("reversed port range '{}' in --ports", item),
                         fmt::format("write it low to high: {}-{}", high, low));
    for (unsigned p = low; p <= high; ++p) ports.insert(static_cast<std::uint16_t>(p));
}

}  // namespace

std::span<const KnownPort> default_ports() { return table; }

std::string_view service_name(std::uint16_t port) {
    for (const auto& known : table)
        if (known.port == port) return known.service;
    return {};
}

std::vector<std::uint16_t> parse_port_list(std::string_view text) {
    std::set<std::uint16_t> ports;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = std::min(text.find(',', start), text.size());
        const std::string_view item = text.substr(start, comma - start);
        if (item == "default")
            for (const auto& known : table) ports.insert(known.port);
        else
            add_item(item, text, ports);
        start = comma + 1;
    }
    return {ports.begin(), ports.end()};
}

}  // namespace camaudit::probes
