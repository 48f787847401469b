// A device as identification leaves it: merged facts, each claim with its evidence.
#pragma once
#include <camaudit/finding.hpp>
#include <camaudit/observation.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace camaudit {

struct OpenPort {
    std::uint16_t port = 0;
    std::string proto;    // "tcp" or "udp"
    std::string service;  // "http", "rtsp", "https", ... or empty when unknown
};

// One piece of support for one claim: which probe saw what, which rule turned it into
// which claim, and how much that rule weighs.
struct Evidence {
    std::string source;   // probe or decoder name
    std::uint16_t port = 0;
    std::string field;    // observation key
    std::string value;    // the observed value (excerpt when long)
    std::string rule;     // signature rule id, "oui:<prefix>" or similar
    std::string claim;    // "vendor=Hikvision", "model=DS-2CD2142FWD-I", ...
    double weight = 0;
    std::string context;  // what was asked: "GET /ISAPI/System/deviceInfo"
};

// A vendor the evidence also names, beaten by the device's vendor: policy reads it so that
// strong evidence of a covered maker is never outvoted into "allowed".
struct RivalVendor {
    std::string vendor;
    double score = 0;          // as the vendor's own score: 0..1
    std::size_t sources = 0;   // independent sources behind it
    std::vector<std::string> rules;
    bool tied = false;         // as strong as the winner: only name order put it second
};

// A MAC or serial that this device and others in the same report name (issue 14): at most
// one of them can own it, so a waiver keyed on it never applies while it is shared.
struct SharedIdentity {
    std::string key;                  // "mac" or "serial"
    std::string value;
    std::vector<std::string> others;  // the other devices naming it, by address (or MAC)
};

struct Device {
    std::string ip;
    std::string mac;
    bool mac_on_wire = false;  // `mac` came from ARP or the neighbour table, not from what the device says
    std::string hostname;
    std::string discovery;    // how the active scan found the host up (host.discovery); empty when passive
    std::string vendor;       // canonical vendor name from fingerprints/vendors.json
    std::string brand;        // the name shown on the device
    std::string model;
    std::string firmware;
    std::string serial;
    std::string device_type;  // camera, nvr, dvr, encoder, doorbell, access_control, router, ...
    bool relabel = false;     // brand differs from the maker (an OEM relabel)
    // The vendor rests only on DHIP/SSDP answers (no request id: anyone can send them with this
    // host's address); no TCP answer, LOCATION fetch or MAC on the wire confirms it. Policy
    // then gives review, never prohibited (docs/identification.md, "Unconfirmed UDP claims").
    bool vendor_unconfirmed = false;
    double confidence = 0;    // 0..1 for the vendor claim
    std::vector<OpenPort> open_ports;
    std::vector<Evidence> evidence;
    std::vector<std::string> conflicts;  // competing claims, kept for the auditor
    std::vector<RivalVendor> rival_vendors;  // the vendor claims that lost, best first
    std::vector<SharedIdentity> shared_identity;  // MACs and serials other devices also name
    Compliance compliance;
    TimePoint first_seen{};
    TimePoint last_seen{};
};

// True when the device type is one the scanner inventories as video surveillance.
bool is_camera_type(const std::string& device_type);

}  // namespace camaudit
