// libFuzzer entry point for identification: the real fingerprints are matched against fuzz
// values under every observation key of the vocabulary; any value must be matched and merged
// into devices without a crash, and only at the addresses observed.
#include <identify/identify.hpp>
#include <identify/vocabulary.hpp>
#include <parse/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::size_t max_values = 8;        // input lines used as separate values
constexpr std::size_t max_value_bytes = 64 * 1024;
constexpr std::uint16_t ports[] = {80, 443, 554, 8000};
constexpr const char* addresses[] = {"127.0.0.1", "127.0.0.2"};

struct Setup {
    std::shared_ptr<const camaudit::identify::Knowledge> knowledge;
    std::vector<std::string> keys;
};

// Loaded once: the fingerprints of the source tree and the vocabulary's keys.
const Setup& setup() {
    static const Setup loaded = [] {
        Setup s;
        s.knowledge = camaudit::identify::load_knowledge(CAMAUDIT_SOURCE_DATA_DIR);
        for (const auto& entry : camaudit::identify::load_vocabulary(CAMAUDIT_SOURCE_DATA_DIR))
            s.keys.push_back(entry.key);
        if (s.keys.empty()) __builtin_trap();
        return s;
    }();
    return loaded;
}

std::vector<std::string> values_from(std::string_view text) {
    std::vector<std::string> values{camaudit::parse::to_valid_utf8(text, max_value_bytes)};
    while (!text.empty() && values.size() < max_values + 1) {
        const auto end = std::min(text.find('\n'), text.size());
        values.push_back(camaudit::parse::to_valid_utf8(text.substr(0, end), max_value_bytes));
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return values;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& [knowledge, keys] = setup();
    const auto values = values_from(std::string_view(reinterpret_cast<const char*>(data), size));
    std::vector<camaudit::Observation> observations;
    std::size_t n = 0;
    for (const auto& key : keys)
        for (const auto& value : values) {
            camaudit::Observation o;
            o.ip = addresses[n % 2];
            o.key = key;
            o.port = ports[n % std::size(ports)];
            o.proto = "tcp";
            o.value = value;
            o.probe = "fuzz";
            observations.push_back(std::move(o));
            ++n;
        }
    const auto devices = camaudit::identify::identify_devices(observations, *knowledge);
    if (devices.size() > std::size(addresses)) __builtin_trap();
    for (const auto& device : devices)
        if (device.ip != addresses[0] && device.ip != addresses[1]) __builtin_trap();
    return 0;
}
