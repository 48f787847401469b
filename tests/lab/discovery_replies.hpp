// The lab's SSDP (1900), SNMP (161) and mDNS (5353) answers and the UPnP device description,
// built from a profile's `ssdp`, `upnp_description`, `snmp` and `mdns` blocks. Pure functions,
// written independently of the scanner's parsers so the lab does not share their mistakes.
#pragma once
#include <lab/lab.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace camaudit::lab {

// The search response to an M-SEARCH ("ssdp:discover"): SERVER, USN, LOCATION ("{address}"
// replaced by the device's address), ST upnp:rootdevice; `pad_bytes` adds an X-Pad header
// of that many bytes (a hostile oversized datagram).
std::optional<std::string> ssdp_reply(const Profile& profile, const std::string& address, std::string_view request);

// The device description XML from upnp_description.device (element name -> text, in order),
// nullopt without that block.
std::optional<std::string> upnp_description_xml(const Profile& profile);

// Adds the description to the profile's `http` list as GET upnp_description.path (default
// /upnp/device.xml; optional upnp_description.port), so the HTTP server serves it.
void add_upnp_description_entry(Profile& profile);

// A GetResponse to a v1/v2c GetRequest whose community equals snmp.community (default
// "public"): sys_descr, sys_object_id and sys_name for their OIDs, noSuchObject for others.
// With snmp.reply_hex the lab sends those bytes instead (a hostile answer). A wrong community
// gets no answer, as on a real agent. An SNMPv3 request (engine discovery, no user) gets a
// Report with the engine ID: snmp.engine_id (hex) or, by default, 0x80000000 | the
// enterprise of sys_object_id (8072 without one), format 3 and the profile's MAC.
std::optional<std::string> snmp_reply(const Profile& profile, std::string_view request);

// A legacy-unicast mDNS answer (id and questions echoed) to PTR questions for
// _services._dns-sd._udp.local and for the types in mdns.services[]: PTR to the instance,
// with SRV, TXT and A records in the additional section.
std::optional<std::string> mdns_reply(const Profile& profile, const std::string& address, std::string_view request);

}  // namespace camaudit::lab
