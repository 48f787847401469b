// Every passive decoder, in one visible table (style.md: a registry is a plain array).
#pragma once
#include <camaudit/packet.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace camaudit::passive {

std::span<const PassiveDecoder* const> all_decoders();

// The decoders named by a --decoders list ("arp,dhcp" or "all"); throws UsageError naming an
// unknown one and listing the known ones.
std::vector<const PassiveDecoder*> select_decoders(std::string_view list);

}  // namespace camaudit::passive
