// libFuzzer entry point for parse/link_frame: any bytes under any supported link type decode
// or are refused without reading past the input; a payload always lies inside the input.
#include <parse/link_frame.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    constexpr int links[] = {0, 1, 12, 101, 108, 113, 228, 229, 276};
    const int link = links[data[0] % std::size(links)];
    const bool snapped = (data[0] & 0x80) != 0;
    const std::span<const std::uint8_t> frame(data + 1, size - 1);
    camaudit::parse::Frame out;
    const auto status = camaudit::parse::decode_frame(link, frame, snapped, out);
    const auto payload = out.packet.payload;
    if (!payload.empty() && (payload.data() < frame.data() || payload.data() + payload.size() > frame.data() + frame.size()))
        __builtin_trap();
    if (status != camaudit::parse::FrameStatus::decoded && out.packet.transport != camaudit::Transport::none &&
        status == camaudit::parse::FrameStatus::malformed && out.packet.payload.size() > frame.size())
        __builtin_trap();
    return 0;
}
