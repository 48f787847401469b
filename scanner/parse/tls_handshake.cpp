// Reassembles the handshake records of a server's first flight and walks its messages: the
// ServerHello says which version was chosen (1.3 hides the rest), the Certificate message
// holds the chain. Every length is checked against what arrived before it is trusted.
#include <parse/tls_handshake.hpp>

#include <algorithm>
#include <optional>
#include <string_view>

namespace camaudit::parse {
namespace {

constexpr std::size_t max_record_bytes = 16384 + 2048;  // RFC 5246 6.2.3: ciphertext limit
constexpr std::uint8_t record_change_cipher_spec = 20;
constexpr std::uint8_t record_handshake = 22;
constexpr std::uint8_t message_server_hello = 2;
constexpr std::uint8_t message_certificate = 11;
constexpr std::uint8_t message_server_hello_done = 14;
constexpr std::uint16_t extension_supported_versions = 43;
constexpr std::uint16_t version_tls13 = 0x0304;

// A bounds-checked big-endian reader: a read past the end yields nullopt and changes nothing.
class Reader {
public:
    explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
    std::size_t left() const { return bytes_.size() - at_; }
    std::optional<std::uint32_t> number(std::size_t width) {
        if (left() < width) return std::nullopt;
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < width; ++i) value = (value << 8) | bytes_[at_ + i];
        at_ += width;
        return value;
    }
    std::optional<std::span<const std::uint8_t>> take(std::size_t count) {
        if (left() < count) return std::nullopt;
        const auto out = bytes_.subspan(at_, count);
        at_ += count;
        return out;
    }
    // `count` bytes, or all that is left when fewer arrived (a capture cut mid-record).
    std::span<const std::uint8_t> take_or_rest(std::size_t count) { return take(std::min(count, left())).value(); }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t at_ = 0;
};

struct Handshake {
    std::string bytes;         // the handshake records' payloads, in order
    bool cipher_change = false;  // a ChangeCipherSpec came: what follows is encrypted
    bool malformed = false;
};

Handshake reassemble(std::span<const std::uint8_t> stream) {
    Handshake out;
    Reader reader(stream);
    for (std::size_t count = 0; count < max_tls_records && reader.left() >= 5; ++count) {
        const auto type = *reader.number(1);
        const auto major = *reader.number(1);
        const auto minor = *reader.number(1);
        const auto length = *reader.number(2);
        if (major != 3 || minor > 4 || length > max_record_bytes) {
            out.malformed = true;
            break;
        }
        if (type != record_handshake) {
            out.cipher_change = type == record_change_cipher_spec;
            break;
        }
        const auto fragment = reader.take_or_rest(length);
        const std::size_t room = max_tls_handshake_bytes - out.bytes.size();
        out.bytes.append(reinterpret_cast<const char*>(fragment.data()), std::min(fragment.size(), room));
        if (fragment.size() >= room) break;
    }
    return out;
}

std::string version_name(std::uint32_t version) {
    switch (version) {
        case 0x0300: return "SSLv3";
        case 0x0301: return "TLSv1";
        case 0x0302: return "TLSv1.1";
        case 0x0303: return "TLSv1.2";
        case version_tls13: return "TLSv1.3";
        default: return {};
    }
}

// The chosen version: legacy_version, overridden by a supported_versions extension (1.3).
std::optional<std::uint32_t> server_hello_version(std::span<const std::uint8_t> body) {
    Reader reader(body);
    const auto legacy = reader.number(2);
    const auto session_id_length = reader.take(32) ? reader.number(1) : std::nullopt;
    if (!legacy || !session_id_length || !reader.take(*session_id_length) || !reader.take(3)) return std::nullopt;
    const auto extensions_length = reader.number(2);
    if (!extensions_length) return legacy;  // TLS 1.0 servers may send no extensions at all
    const auto extensions = reader.take(*extensions_length);
    if (!extensions) return std::nullopt;
    Reader list(*extensions);
    while (list.left() >= 4) {
        const auto type = *list.number(2);
        const auto data = list.take(*list.number(2));
        if (!data) return std::nullopt;
        if (type == extension_supported_versions && data->size() == 2) return Reader(*data).number(2);
    }
    return legacy;
}

// Complete certificates of a Certificate message (TLS 1.0-1.2 layout), at most the cap.
void read_certificates(std::span<const std::uint8_t> body, std::vector<std::string>& out) {
    Reader reader(body);
    if (!reader.number(3)) return;  // the list length: the entries below are checked one by one
    while (out.size() < max_tls_certificates) {
        const auto length = reader.number(3);
        const auto der = length ? reader.take(*length) : std::nullopt;
        if (!der || der->empty()) return;
        out.emplace_back(reinterpret_cast<const char*>(der->data()), der->size());
    }
}

bool starts_like_tls(std::span<const std::uint8_t> bytes) {
    return bytes.size() >= 6 && bytes[0] == record_handshake && bytes[1] == 3 && bytes[2] <= 4 &&
           bytes[5] == message_server_hello;
}

TlsFlight outcome_of(const TlsServerFlight& flight, bool encrypted, bool malformed) {
    if (!flight.certificates.empty()) return TlsFlight::certificate;
    if (encrypted) return TlsFlight::encrypted;
    return malformed ? TlsFlight::malformed : TlsFlight::no_certificate;
}

}  // namespace

TlsServerFlight parse_tls_server_flight(std::span<const std::uint8_t> bytes) {
    TlsServerFlight flight;
    if (!starts_like_tls(bytes)) return flight;
    const Handshake handshake = reassemble(bytes);
    Reader messages(std::span(reinterpret_cast<const std::uint8_t*>(handshake.bytes.data()), handshake.bytes.size()));
    bool malformed = handshake.malformed, encrypted = false, done = false;
    while (!done && !encrypted && messages.left() >= 4) {
        const auto type = *messages.number(1);
        const auto length = *messages.number(3);
        const auto body = messages.take_or_rest(length);
        if (type == message_server_hello) {
            const auto version = server_hello_version(body);
            malformed |= !version;
            if (version) flight.version = version_name(*version);
            encrypted = version == version_tls13;
        }
        if (type == message_certificate) read_certificates(body, flight.certificates);
        done = type == message_server_hello_done || type == message_certificate;
    }
    encrypted |= handshake.cipher_change && flight.certificates.empty();
    flight.outcome = outcome_of(flight, encrypted, malformed);
    return flight;
}

}  // namespace camaudit::parse
