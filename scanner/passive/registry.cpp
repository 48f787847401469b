// The passive decoder table.
#include <passive/registry.hpp>

#include <camaudit/error.hpp>
#include <passive/arp_decoder.hpp>
#include <passive/dhcp_decoder.hpp>
#include <passive/dhip_decoder.hpp>
#include <passive/http_decoder.hpp>
#include <passive/mdns_decoder.hpp>
#include <passive/rtsp_decoder.hpp>
#include <passive/sadp_decoder.hpp>
#include <passive/ssdp_decoder.hpp>
#include <passive/tls_decoder.hpp>
#include <passive/wsd_decoder.hpp>

#include <fmt/format.h>
#include <algorithm>

namespace camaudit::passive {
namespace {

// Decoders see every packet they want, in this order. One line per decoder.
const std::vector<const PassiveDecoder*> table = {
    &arp_decoder,
    &dhcp_decoder,
    &wsd_decoder,
    &sadp_decoder,
    &dhip_decoder,
    &http_decoder,
    &rtsp_decoder,
    &tls_decoder,
    &ssdp_decoder,
    &mdns_decoder,
};

std::string known_names() {
    std::string names;
    for (const auto* decoder : table) names += (names.empty() ? "" : ", ") + std::string(decoder->name);
    return names;
}

}  // namespace

std::span<const PassiveDecoder* const> all_decoders() { return table; }

std::vector<const PassiveDecoder*> select_decoders(std::string_view list) {
    if (list.empty() || list == "all") return table;
    std::vector<const PassiveDecoder*> chosen;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = std::min(list.find(',', start), list.size());
        const std::string_view name = list.substr(start, comma - start);
        const auto found = std::find_if(table.begin(), table.end(), [&](const auto* d) { return d->name == name; });
        if (found == table.end())
            throw UsageError(fmt::format("unknown decoder '{}' in --decoders", name),
                             "known decoders: " + known_names() + " (or 'all')");
        chosen.push_back(*found);
        start = comma + 1;
    }
    return chosen;
}

}  // namespace camaudit::passive
