// libFuzzer entry point for the SYN sweep's reply parser: the first byte picks the link type
// (0 raw IPv4, 1 Ethernet, 2 Linux SLL, 3 SLL2), the rest is the captured frame. Any bytes
// parse or are refused without a crash or overread; a TCP reply rebuilt parses back the same.
#include <engine/tcp_packet.hpp>

#include <parse/link_frame.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

namespace {

int link_of(std::uint8_t selector) {
    namespace lt = camaudit::parse::link_type;
    constexpr int links[] = {lt::raw, lt::ethernet, lt::linux_sll, lt::linux_sll2};
    return links[selector % 4];
}

void check_round_trip(const camaudit::engine::Reply& r) {
    using namespace camaudit::engine;
    const auto flags = static_cast<std::uint8_t>(r.kind == ReplyKind::syn_ack ? tcp_flag::syn | tcp_flag::ack : tcp_flag::rst);
    const auto rebuilt = tcp_packet({r.sender, r.receiver, r.sender_port, r.receiver_port, 0, r.ack, flags, 0, 64});
    const auto again = parse_reply(rebuilt);
    if (again.status != ReplyStatus::reply || again.reply.kind != r.kind || again.reply.sender != r.sender ||
        again.reply.receiver_port != r.receiver_port || again.reply.ack != r.ack)
        __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::span<const std::uint8_t> frame(data + 1, size - 1);
    const auto ip = camaudit::engine::ipv4_in_frame(link_of(data[0]), frame);
    if (!ip) return 0;
    if (ip->data() < frame.data() || ip->data() + ip->size() > frame.data() + frame.size()) __builtin_trap();
    const auto parsed = camaudit::engine::parse_reply(*ip);
    if (parsed.status == camaudit::engine::ReplyStatus::reply && parsed.reply.kind != camaudit::engine::ReplyKind::unreachable)
        check_round_trip(parsed.reply);
    return 0;
}
