// One fingerprint rule as loaded from fingerprints/<observation-key>.json.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace camaudit {

struct SignatureExample {
    std::string value;
    std::map<std::string, std::string> captures;  // named capture -> value it must give
};

// A rule matches one observation key with an RE2 pattern. Fixed claims (vendor, brand,
// product, device_type) apply on a match; named captures (?P<model>…), (?P<firmware>…),
// (?P<serial>…) fill the matching device fields.
struct Signature {
    std::string id;
    std::string key;      // observation key; equals the file's name
    std::string pattern;  // RE2 syntax
    std::string vendor;
    std::string brand;
    std::string product;
    std::string device_type;
    double weight = 0;    // 0..1: how strongly a match alone supports the vendor claim
    // A hint (a port number guess) names no vendor by itself: its claims add weight only to a
    // vendor that other, non-hint evidence of the same host already claims.
    bool hint = false;
    std::string description;
    std::vector<SignatureExample> examples;
    std::vector<std::string> counter_examples;
    std::string file;     // where it was loaded from, for error messages
};

}  // namespace camaudit
