// DNS names are read with an explicit hop count and a wire-length cap, so compression
// pointers can neither loop nor build an unbounded name; every read checks the remaining bytes.
#include <parse/dns_message.hpp>
#include <parse/text.hpp>

#include <boost/asio/ip/address.hpp>
#include <array>
#include <set>

namespace camaudit::parse {
namespace {

class Reader {
public:
    explicit Reader(std::string_view message) : message_(message) {}

    bool failed() const { return failed_; }
    std::size_t offset() const { return at_; }
    void seek(std::size_t offset) { at_ = offset; }

    std::uint16_t u16() {
        if (!need(2)) return 0;
        const auto value = static_cast<std::uint16_t>(byte(at_) << 8 | byte(at_ + 1));
        at_ += 2;
        return value;
    }
    std::uint32_t u32() { return static_cast<std::uint32_t>(u16()) << 16 | u16(); }
    std::string_view bytes(std::size_t count) {
        if (!need(count)) return {};
        const auto out = message_.substr(at_, count);
        at_ += count;
        return out;
    }

    // A possibly compressed name starting here; leaves the reader after its in-place part.
    DnsName name() {
        DnsName out;
        std::size_t cursor = at_, wire_bytes = 0, hops = 0;
        std::optional<std::size_t> resume;
        while (!failed_) {
            if (cursor >= message_.size()) return fail();
            const std::uint8_t length = byte(cursor);
            if ((length & 0xc0) == 0xc0) {
                if (cursor + 1 >= message_.size() || ++hops > max_dns_pointer_hops) return fail();
                if (!resume) resume = cursor + 2;
                cursor = static_cast<std::size_t>(length & 0x3f) << 8 | byte(cursor + 1);
                continue;
            }
            if (length & 0xc0) return fail();  // the 0x40/0x80 label types are obsolete
            wire_bytes += length + 1;
            if (wire_bytes > max_dns_name_bytes || cursor + 1 + length > message_.size()) return fail();
            if (length == 0) break;
            out.emplace_back(message_.substr(cursor + 1, length));
            cursor += 1 + length;
        }
        at_ = resume.value_or(cursor + 1);
        return out;
    }

    DnsName fail() {
        failed_ = true;
        return {};
    }

private:
    bool need(std::size_t count) {
        if (at_ > message_.size() || message_.size() - at_ < count) failed_ = true;
        return !failed_;
    }
    std::uint8_t byte(std::size_t at) const { return static_cast<std::uint8_t>(message_[at]); }

    std::string_view message_;
    std::size_t at_ = 0;
    bool failed_ = false;
};

std::string address_text(std::string_view rdata) {
    if (rdata.size() == 4) {
        std::array<unsigned char, 4> bytes{};
        std::copy(rdata.begin(), rdata.end(), bytes.begin());
        return boost::asio::ip::address_v4(bytes).to_string();
    }
    std::array<unsigned char, 16> bytes{};
    std::copy(rdata.begin(), rdata.end(), bytes.begin());
    return boost::asio::ip::address_v6(bytes).to_string();
}

// Decodes the RDATA of `record` (its reader positioned at the RDATA); false when it does not
// fit its type.
bool read_rdata(Reader& reader, std::size_t length, DnsRecord& record) {
    const std::size_t end = reader.offset() + length;
    switch (record.type) {
    case dns_type::a:
    case dns_type::aaaa:
        if (length != (record.type == dns_type::a ? 4u : 16u)) return false;
        record.address = address_text(reader.bytes(length));
        break;
    case dns_type::ptr: record.target = reader.name(); break;
    case dns_type::srv:
        record.priority = reader.u16();
        record.weight = reader.u16();
        record.port = reader.u16();
        record.target = reader.name();
        break;
    case dns_type::txt:
        while (!reader.failed() && reader.offset() < end && record.texts.size() < max_dns_txt_strings) {
            const std::string_view count = reader.bytes(1);
            if (count.empty()) break;
            record.texts.emplace_back(reader.bytes(static_cast<std::uint8_t>(count[0])));
        }
        break;
    default: reader.bytes(length); break;
    }
    if (reader.failed() || reader.offset() > end) return false;
    reader.seek(end);
    return true;
}

bool read_record(Reader& reader, DnsSection section, DnsMessage& message) {
    DnsRecord record;
    record.section = section;
    record.name = reader.name();
    record.type = reader.u16();
    const std::uint16_t klass = reader.u16();
    record.klass = klass & 0x7fff;
    record.cache_flush = (klass & 0x8000) != 0;
    record.ttl = reader.u32();
    const std::uint16_t length = reader.u16();
    if (reader.failed() || reader.bytes(length).size() != length) return false;
    reader.seek(reader.offset() - length);
    if (!read_rdata(reader, length, record)) return false;
    message.records.push_back(std::move(record));
    return true;
}

}  // namespace

std::string dotted(const DnsName& name) {
    std::string out;
    for (const auto& label : name) out += (out.empty() ? "" : ".") + label;
    return to_valid_utf8(out, max_dns_name_bytes * 3);
}

DnsName dns_name(std::string_view dotted_text) {
    DnsName out;
    std::size_t start = 0;
    while (start < dotted_text.size()) {
        const auto dot = std::min(dotted_text.find('.', start), dotted_text.size());
        if (dot > start) out.emplace_back(dotted_text.substr(start, dot - start));
        start = dot + 1;
    }
    return out;
}

DnsResult parse_dns_message(std::string_view bytes) {
    DnsResult result;
    Reader reader(bytes.substr(0, max_dns_message_bytes));
    result.message.id = reader.u16();
    result.message.flags = reader.u16();
    const std::size_t questions = reader.u16();
    const std::size_t counts[] = {reader.u16(), reader.u16(), reader.u16()};
    if (reader.failed() || questions > max_dns_questions || counts[0] + counts[1] + counts[2] > max_dns_records)
        return result;
    for (std::size_t i = 0; i < questions; ++i) {
        DnsQuestion question;
        question.name = reader.name();
        question.type = reader.u16();
        const std::uint16_t klass = reader.u16();
        question.klass = klass & 0x7fff;
        question.unicast_response = (klass & 0x8000) != 0;
        if (reader.failed()) return result;
        result.message.questions.push_back(std::move(question));
    }
    const DnsSection sections[] = {DnsSection::answer, DnsSection::authority, DnsSection::additional};
    for (std::size_t s = 0; s < 3; ++s)
        for (std::size_t i = 0; i < counts[s]; ++i)
            if (!read_record(reader, sections[s], result.message)) return result;
    result.outcome = DnsParse::ok;
    return result;
}

std::string build_dns_query(std::uint16_t id, std::span<const DnsQuestion> questions) {
    std::string out;
    auto u16 = [&](std::uint16_t value) {
        out += static_cast<char>(value >> 8);
        out += static_cast<char>(value & 0xff);
    };
    u16(id);
    u16(0);
    u16(static_cast<std::uint16_t>(questions.size()));
    u16(0), u16(0), u16(0);
    for (const auto& question : questions) {
        for (const auto& label : question.name) {
            const auto size = std::min<std::size_t>(label.size(), 63);
            if (size == 0) continue;
            out += static_cast<char>(size);
            out += label.substr(0, size);
        }
        out += '\0';
        u16(question.type);
        u16(static_cast<std::uint16_t>(question.klass | (question.unicast_response ? 0x8000 : 0)));
    }
    return out;
}

namespace {

bool is_services_enumeration(const DnsName& name) {
    return ascii_lower(dotted(name)) == "_services._dns-sd._udp.local";
}

// "<instance>.<_service>.<_proto>.<domain>": the instance label, or nothing.
std::string_view instance_label(const DnsName& name) {
    if (name.size() < 4 || name[1].empty() || name[1][0] != '_') return {};
    return name[0];
}

}  // namespace

std::vector<Observation> mdns_observations(const DnsMessage& message, const Observation& base,
                                           std::size_t max_value_bytes) {
    std::vector<Observation> out;
    std::set<std::pair<std::string_view, std::string>> seen;
    auto add = [&](std::string_view key, std::string_view value) {
        std::string capped = to_valid_utf8(trim(value), max_value_bytes);
        if (capped.empty() || !seen.emplace(key, capped).second) return;
        Observation o = base;
        o.key = std::string(key);
        o.value = std::move(capped);
        out.push_back(std::move(o));
    };
    for (const auto& record : message.records) {
        if (record.type == dns_type::ptr && is_services_enumeration(record.name)) add("mdns.service_type", dotted(record.target));
        else if (record.type == dns_type::ptr) add("mdns.instance", instance_label(record.target));
        else if (record.type == dns_type::srv) {
            add("mdns.instance", instance_label(record.name));
            add("mdns.host", dotted(record.target));
        } else if (record.type == dns_type::txt) {
            for (const auto& text : record.texts) add("mdns.txt", text);
        }
    }
    return out;
}

}  // namespace camaudit::parse
