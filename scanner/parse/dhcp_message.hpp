// DHCPv4 and DHCPv6 client messages as the fields that fingerprint a client: host name,
// vendor class, the ordered parameter request list, client id and MAC. Pure, any bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace camaudit::parse {

inline constexpr std::size_t max_dhcp_options = 128;        // options read per message
inline constexpr std::size_t max_dhcp_text_bytes = 255;     // host name, vendor class
inline constexpr std::size_t max_dhcp_client_id_bytes = 64; // client id / DUID (hex doubles it)

struct DhcpMessage {
    bool v6 = false;
    std::uint8_t message_type = 0;  // v4 option 53 (1 DISCOVER, 3 REQUEST, ...); v6 msg-type
    bool from_client = false;       // v4 op 1 (BOOTREQUEST); v6 Solicit/Request/Renew/...
    std::string client_mac;         // v4 chaddr when htype Ethernet; "aa:bb:..." lower case
    std::string hostname;           // v4 option 12; v6 option 39 (FQDN, dotted)
    std::string vendor_class;       // v4 option 60; v6 option 16 as "<enterprise>:<text>"
    std::string parameter_list;     // v4 option 55 / v6 option 6, in order: "1,3,6,15"
    std::string client_id;          // v4 option 61 / v6 option 1, hex
};

// A BOOTP/DHCPv4 message (magic cookie required); nullopt for anything else.
std::optional<DhcpMessage> parse_dhcpv4(std::span<const std::uint8_t> datagram);
// A DHCPv6 message (client/server, not relay); nullopt for anything else.
std::optional<DhcpMessage> parse_dhcpv6(std::span<const std::uint8_t> datagram);

}  // namespace camaudit::parse
