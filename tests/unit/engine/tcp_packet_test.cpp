// Proves the SYN sweep's packet pieces: the SYN carries correct checksums and fields, and the
// reply parser reads SYN-ACKs, resets and ICMP unreachables, refusing every malformed shape.
#include <engine/tcp_packet.hpp>

#include <parse/link_frame.hpp>

#include <doctest/doctest.h>
#include <algorithm>
#include <vector>

using namespace camaudit::engine;

namespace {

constexpr std::uint32_t scanner = 0xc6120001;  // 198.18.0.1
constexpr std::uint32_t target = 0xc6120002;   // 198.18.0.2

TcpSegment probe() { return {scanner, target, 61500, 554, 0x11223344, 0, tcp_flag::syn, 7, 64, 0x01020304, 0}; }

TcpSegment answer(std::uint8_t flags) {
    return {target, scanner, 554, 61500, 0xaabbccdd, 0x11223345, flags, 1, 64, 0x55667788, 0x01020304};
}

std::vector<std::uint8_t> bytes_of(const std::array<std::uint8_t, syn_packet_bytes>& packet) {
    return {packet.begin(), packet.end()};
}

// An ICMP destination unreachable from `sender` quoting the first 28 bytes of `quoted`.
std::vector<std::uint8_t> unreachable(std::uint32_t sender, const std::vector<std::uint8_t>& quoted, std::size_t quote = 28) {
    std::vector<std::uint8_t> p(20 + 8 + quote);
    p[0] = 0x45;
    p[2] = static_cast<std::uint8_t>(p.size() >> 8);
    p[3] = static_cast<std::uint8_t>(p.size());
    p[8] = 64;
    p[9] = 1;
    for (int i = 0; i < 4; ++i) {
        p[12 + i] = static_cast<std::uint8_t>(sender >> (24 - 8 * i));
        p[16 + i] = static_cast<std::uint8_t>(scanner >> (24 - 8 * i));
    }
    p[20] = 3;  // destination unreachable
    p[21] = 3;  // port unreachable
    std::copy_n(quoted.begin(), quote, p.begin() + 28);
    return p;
}

}  // namespace

TEST_CASE("internet_checksum matches RFC 1071's worked example") {
    const std::vector<std::uint8_t> words = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    CHECK(internet_checksum(words) == static_cast<std::uint16_t>(~0xddf2));
}

TEST_CASE("the SYN has both checksums right and the fields where RFC 791 and 793 put them") {
    const auto p = bytes_of(tcp_packet(probe()));
    REQUIRE(p.size() == 56);
    CHECK(p[0] == 0x45);
    CHECK((p[2] << 8 | p[3]) == 56);
    CHECK(p[9] == 6);
    CHECK(internet_checksum(std::span(p).first(20)) == 0);
    // The TCP checksum covers the pseudo-header: sum it in, and a right segment sums to 0.
    const std::uint32_t pseudo = (scanner >> 16) + (scanner & 0xffff) + (target >> 16) + (target & 0xffff) + 6 + 36;
    CHECK(internet_checksum(std::span(p).subspan(20), pseudo) == 0);
    CHECK((p[20] << 8 | p[21]) == 61500);
    CHECK((p[22] << 8 | p[23]) == 554);
    CHECK(p[33] == tcp_flag::syn);
    CHECK((p[32] >> 4) == 9);  // 36-byte header: MSS, NOP, NOP, timestamps
    CHECK(p[40] == 2);         // MSS 1460
    CHECK((p[42] << 8 | p[43]) == 1460);
    CHECK(p[46] == 8);         // timestamps, TSval where RFC 7323 puts it
    CHECK(p[47] == 10);
    CHECK((p[48] << 24 | p[49] << 16 | p[50] << 8 | p[51]) == 0x01020304);
}

TEST_CASE("a SYN-ACK and a reset parse with the addresses, ports and acknowledgement") {
    for (const auto flags : {std::uint8_t(tcp_flag::syn | tcp_flag::ack), std::uint8_t(tcp_flag::rst | tcp_flag::ack),
                             std::uint8_t(tcp_flag::rst)}) {
        INFO("flags " << int(flags));
        const auto p = bytes_of(tcp_packet(answer(flags)));
        const auto parsed = parse_reply(p);
        REQUIRE(parsed.status == ReplyStatus::reply);
        CHECK(parsed.reply.kind == ((flags & tcp_flag::rst) != 0 ? ReplyKind::reset : ReplyKind::syn_ack));
        CHECK(parsed.reply.sender == target);
        CHECK(parsed.reply.receiver == scanner);
        CHECK(parsed.reply.sender_port == 554);
        CHECK(parsed.reply.receiver_port == 61500);
        CHECK(parsed.reply.ack == 0x11223345);
        CHECK(parsed.reply.has_timestamp);
        CHECK(parsed.reply.echoed_timestamp == 0x01020304);
    }
}

TEST_CASE("a reply without a timestamps option, or with options that lie, still counts, with no RTT") {
    auto p = bytes_of(tcp_packet(answer(tcp_flag::syn | tcp_flag::ack)));
    SUBCASE("timestamps replaced by NOPs") { std::fill(p.begin() + 44, p.end(), std::uint8_t{1}); }
    SUBCASE("an option length of 1") { p[41] = 1; }
    SUBCASE("an option running past the header") { p[47] = 30; }
    SUBCASE("end of options first") { p[40] = 0; }
    const auto parsed = parse_reply(p);
    REQUIRE(parsed.status == ReplyStatus::reply);
    CHECK(parsed.reply.kind == ReplyKind::syn_ack);
    CHECK_FALSE(parsed.reply.has_timestamp);
}

TEST_CASE("segments that answer no SYN are other, not replies") {
    for (const auto flags : {std::uint8_t(tcp_flag::syn), std::uint8_t(tcp_flag::ack), std::uint8_t(tcp_flag::fin | tcp_flag::ack)}) {
        INFO("flags " << int(flags));
        CHECK(parse_reply(bytes_of(tcp_packet(answer(flags)))).status == ReplyStatus::other);
    }
}

TEST_CASE("an ICMP unreachable is read from the probe it quotes") {
    const auto parsed = parse_reply(unreachable(target, bytes_of(tcp_packet(probe()))));
    REQUIRE(parsed.status == ReplyStatus::reply);
    CHECK(parsed.reply.kind == ReplyKind::unreachable);
    CHECK(parsed.reply.sender == target);
    CHECK(parsed.reply.receiver == scanner);
    CHECK(parsed.reply.probed == target);
    CHECK(parsed.reply.receiver_port == 61500);
    CHECK(parsed.reply.probed_port == 554);
    CHECK(parsed.reply.quoted_seq == 0x11223344);
    CHECK(parsed.reply.icmp_code == 3);
}

TEST_CASE("ICMP that is not an unreachable for TCP is other") {
    auto echo = unreachable(target, bytes_of(tcp_packet(probe())));
    echo[20] = 0;  // echo reply
    CHECK(parse_reply(echo).status == ReplyStatus::other);
    auto udp = unreachable(target, bytes_of(tcp_packet(probe())));
    udp[28 + 9] = 17;  // the quoted packet is UDP
    CHECK(parse_reply(udp).status == ReplyStatus::other);
}

TEST_CASE("malformed packets are refused, one case per way of lying") {
    const auto synack = bytes_of(tcp_packet(answer(tcp_flag::syn | tcp_flag::ack)));
    SUBCASE("cut inside the TCP header") { CHECK(parse_reply(std::span(synack).first(30)).status == ReplyStatus::malformed); }
    SUBCASE("shorter than an IP header") { CHECK(parse_reply(std::span(synack).first(12)).status == ReplyStatus::malformed); }
    SUBCASE("not version 4") {
        auto p = synack;
        p[0] = 0x65;
        CHECK(parse_reply(p).status == ReplyStatus::malformed);
    }
    SUBCASE("header length beyond the packet") {
        auto p = synack;
        p[0] = 0x4f;
        CHECK(parse_reply(std::span(p).first(40)).status == ReplyStatus::malformed);
    }
    SUBCASE("total length below the header") {
        auto p = synack;
        p[2] = 0;
        p[3] = 10;
        CHECK(parse_reply(p).status == ReplyStatus::malformed);
    }
    SUBCASE("TCP data offset below 5 words") {
        auto p = synack;
        p[32] = 0x30;
        CHECK(parse_reply(p).status == ReplyStatus::malformed);
    }
    SUBCASE("ICMP quoting fewer than 8 bytes of TCP") {
        CHECK(parse_reply(unreachable(target, bytes_of(tcp_packet(probe())), 24)).status == ReplyStatus::malformed);
    }
    SUBCASE("ICMP without its own header") {
        auto p = unreachable(target, bytes_of(tcp_packet(probe())));
        CHECK(parse_reply(std::span(p).first(24)).status == ReplyStatus::malformed);
    }
}

TEST_CASE("a later fragment is other: it has no TCP header") {
    auto p = bytes_of(tcp_packet(answer(tcp_flag::syn | tcp_flag::ack)));
    p[7] = 1;  // fragment offset 8 bytes
    CHECK(parse_reply(p).status == ReplyStatus::other);
}

TEST_CASE("ipv4_in_frame finds the IP packet behind each link layer the capture may use") {
    namespace lt = camaudit::parse::link_type;
    const auto ip = bytes_of(tcp_packet(probe()));
    auto framed = [&](std::vector<std::uint8_t> header) {
        header.insert(header.end(), ip.begin(), ip.end());
        return header;
    };
    std::vector<std::uint8_t> ethernet(12, 0xaa);
    ethernet.insert(ethernet.end(), {0x08, 0x00});
    std::vector<std::uint8_t> vlan(12, 0xaa);
    vlan.insert(vlan.end(), {0x81, 0x00, 0x00, 0x05, 0x08, 0x00});
    std::vector<std::uint8_t> sll(14, 0);
    sll.insert(sll.end(), {0x08, 0x00});
    for (const auto& [link, header] : std::vector<std::pair<int, std::vector<std::uint8_t>>>{
             {lt::ethernet, ethernet}, {lt::ethernet, vlan}, {lt::linux_sll, sll}, {lt::raw, {}}, {lt::null, {2, 0, 0, 0}}}) {
        const auto frame = framed(header);
        const auto found = ipv4_in_frame(link, frame);
        REQUIRE(found);
        CHECK(found->size() == ip.size());
        CHECK((*found)[0] == 0x45);
    }
    auto ipv6 = framed(ethernet);
    ipv6[12] = 0x86;
    ipv6[13] = 0xdd;
    CHECK_FALSE(ipv4_in_frame(lt::ethernet, ipv6));
    CHECK_FALSE(ipv4_in_frame(lt::ethernet, std::span(ethernet).first(10)));
    CHECK_FALSE(ipv4_in_frame(9999, ip));
}
