// Renders device answers from profile data; kept apart from the sockets so they can be
// tested byte for byte.
#include <lab/responses.hpp>
#include <lab/onvif_auth.hpp>

#include <boost/beast/http/status.hpp>

#include <algorithm>
#include <cctype>

namespace camaudit::lab {
namespace {

using nlohmann::ordered_json;

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
        std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string reason_phrase(int status) {
    switch (status) {  // RTSP-only phrases first; the rest are HTTP's
    case 454: return "Session Not Found";
    case 461: return "Unsupported Transport";
    default: break;
    }
    const auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
    return reason == "<unknown-status>" ? std::string("Unknown") : std::string(reason);
}

// Header lines in profile order; a list value becomes one line per item. `replace_name`
// (compared without case) gets `replacement` instead of its value, once.
std::string header_lines(const ordered_json& headers, std::string_view replace_name,
                         const std::string& replacement, bool& replaced) {
    std::string out;
    for (const auto& [name, value] : headers.items()) {
        if (iequals(name, replace_name)) {
            if (!replaced) out += name + ": " + replacement + "\r\n";
            replaced = true;
            continue;
        }
        if (value.is_string()) out += name + ": " + value.get<std::string>() + "\r\n";
        if (value.is_array())
            for (const auto& item : value) out += name + ": " + item.get<std::string>() + "\r\n";
    }
    return out;
}

}  // namespace

std::optional<std::string> decode_hex(std::string_view hex) {
    std::string bytes;
    for (std::size_t i = 0; i < hex.size();) {
        if (std::isspace(static_cast<unsigned char>(hex[i]))) { ++i; continue; }
        if (i + 1 >= hex.size()) return std::nullopt;
        const int high = hex_value(hex[i]), low = hex_value(hex[i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        bytes.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return bytes;
}

const ordered_json* find_http_entry(const ordered_json& profile, std::string_view method,
                                    std::string_view target, std::uint16_t port, bool tls) {
    const auto it = profile.find("http");
    if (it == profile.end() || !it->is_array()) return nullptr;
    const ordered_json* best = nullptr;
    int best_score = -1;
    for (const auto& entry : *it) {
        if (entry.value("method", "") != method || entry.value("path", "") != target) continue;
        const bool has_port = entry.contains("port"), has_tls = entry.contains("tls");
        if (has_port && entry["port"].get<int>() != port) continue;
        if (has_tls && entry["tls"].get<bool>() != tls) continue;
        const int score = (has_port ? 2 : 0) + (has_tls ? 1 : 0);
        if (score > best_score) best = &entry, best_score = score;
    }
    return best;
}

std::string render_http_response(const ordered_json& entry) {
    const int status = entry.value("status", 200);
    const std::string body = entry.value("body", "");
    const auto headers = entry.value("headers", ordered_json::object());
    bool has_length = false;
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
    out += header_lines(headers, "Content-Length", std::to_string(body.size()), has_length);
    if (!has_length) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    return out + "\r\n" + body;
}

std::string render_http_not_found() {
    const std::string body = "<html><body><h1>404 Not Found</h1></body></html>\n";
    return "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

bool closes_connection(const ordered_json& entry) {
    const auto headers = entry.value("headers", ordered_json::object());
    for (const auto& [name, value] : headers.items())
        if (iequals(name, "Connection") && value.is_string() && iequals(value.get<std::string>(), "close"))
            return true;
    return false;
}

// ---- ONVIF device service (profile `onvif`): SOAP 1.2 answers by the action in the body ----
namespace {

// A researcher's "unknown" is no value, and "(assumed)" is a note, not part of one.
std::string onvif_value(const ordered_json& onvif, const char* key) {
    std::string value = onvif.contains(key) && onvif[key].is_string() ? onvif[key].get<std::string>() : "";
    if (value.starts_with("unknown")) return {};
    if (const auto note = value.find(" (assumed)"); note != std::string::npos) value.erase(note);
    return value;
}

std::string xml_escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string soap_http(int status, const std::string& body_xml) {
    const std::string body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\""
        " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\""
        " xmlns:ter=\"http://www.onvif.org/ver10/error\"><env:Body>" + body_xml + "</env:Body></env:Envelope>\n";
    return "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) +
        "\r\nContent-Type: application/soap+xml; charset=utf-8\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\nConnection: close\r\n\r\n" + body;
}

std::string soap_fault(std::string_view code, std::string_view subcode, std::string_view reason) {
    return soap_http(code == "env:Sender" ? 400 : 500,
                     "<env:Fault><env:Code><env:Value>" + std::string(code) + "</env:Value><env:Subcode><env:Value>" +
                         std::string(subcode) + "</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">" +
                         std::string(reason) + "</env:Text></env:Reason></env:Fault>");
}

std::string onvif_date_time(std::chrono::system_clock::time_point now) {
    const auto days = std::chrono::floor<std::chrono::days>(now);
    const std::chrono::year_month_day date(days);
    const std::chrono::hh_mm_ss time(std::chrono::floor<std::chrono::seconds>(now - days));
    auto element = [](const char* name, long value) {
        return "<tt:" + std::string(name) + ">" + std::to_string(value) + "</tt:" + name + ">";
    };
    return "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>"
           "<tt:DaylightSavings>false</tt:DaylightSavings><tt:UTCDateTime><tt:Time>" +
        element("Hour", time.hours().count()) + element("Minute", time.minutes().count()) +
        element("Second", time.seconds().count()) + "</tt:Time><tt:Date>" + element("Year", int(date.year())) +
        element("Month", unsigned(date.month())) + element("Day", unsigned(date.day())) +
        "</tt:Date></tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
}

std::string onvif_device_information(const ordered_json& onvif) {
    std::string out = "<tds:GetDeviceInformationResponse>";
    const std::pair<const char*, const char*> fields[] = {{"Manufacturer", "manufacturer"}, {"Model", "model"},
        {"FirmwareVersion", "firmware"}, {"SerialNumber", "serial"}, {"HardwareId", "hardware_id"}};
    for (const auto& [element, key] : fields)
        out += "<tds:" + std::string(element) + ">" + xml_escaped(onvif_value(onvif, key)) + "</tds:" + element + ">";
    return out + "</tds:GetDeviceInformationResponse>";
}

std::string onvif_scopes(const ordered_json& onvif) {
    std::string out = "<tds:GetScopesResponse>";
    if (onvif.contains("scopes") && onvif["scopes"].is_array())
        for (const auto& scope : onvif["scopes"])
            if (scope.is_string())
                out += "<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>" +
                    xml_escaped(scope.get<std::string>()) + "</tt:ScopeItem></tds:Scopes>";
    return out + "</tds:GetScopesResponse>";
}

}  // namespace

std::optional<std::string> render_onvif_response(const ordered_json& profile, std::string_view method,
                                                  std::string_view target, std::string_view body,
                                                  std::chrono::system_clock::time_point now) {
    const auto it = profile.find("onvif");
    if (it == profile.end() || !it->is_object() || onvif_value(*it, "manufacturer").empty()) return std::nullopt;
    const ordered_json& onvif = *it;
    if (method != "POST" || target != onvif.value("path", std::string("/onvif/device_service"))) return std::nullopt;
    // READ_SYSTEM calls need a WS-UsernameToken (onvif_auth.cpp checks it; "digest" is servers.cpp's 401).
    const auto device_now = onvif_device_now(onvif, now);
    const bool locked = onvif.value("auth_required", false) && onvif.value("auth", std::string()) != "digest" &&
        !onvif_username_token_valid(onvif, body, device_now);
    const auto asks = [&](std::string_view operation) { return body.find(operation) != std::string_view::npos; };
    if (asks("GetSystemDateAndTime")) return soap_http(200, onvif_date_time(device_now));
    if (asks("GetCapabilities"))
        return soap_http(200, "<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>http://device" +
                                  std::string(target) + "</tt:XAddr></tt:Device></tds:Capabilities></tds:GetCapabilitiesResponse>");
    if ((asks("GetDeviceInformation") || asks("GetScopes")) && locked)
        return soap_fault("env:Sender", "ter:NotAuthorized", "Sender not Authorized");
    if (asks("GetDeviceInformation")) return soap_http(200, onvif_device_information(onvif));
    if (asks("GetScopes")) return soap_http(200, onvif_scopes(onvif));
    return soap_fault("env:Receiver", "ter:ActionNotSupported", "Optional Action Not Implemented");
}

std::optional<RtspRequest> parse_rtsp_request(std::string_view head) {
    const auto line_end = head.find("\r\n");
    const std::string_view first = head.substr(0, line_end);
    const auto space = first.find(' ');
    if (space == std::string_view::npos || space == 0 || first.rfind(" RTSP/1.", std::string_view::npos) == std::string_view::npos)
        return std::nullopt;
    RtspRequest request{std::string(first.substr(0, space)), {}};
    for (auto pos = line_end; pos != std::string_view::npos && pos + 2 < head.size();) {
        const auto next = head.find("\r\n", pos + 2);
        const std::string_view line = head.substr(pos + 2, next == std::string_view::npos ? std::string_view::npos : next - pos - 2);
        const auto colon = line.find(':');
        if (colon != std::string_view::npos && iequals(line.substr(0, colon), "CSeq")) {
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
            request.cseq = std::string(value);
        }
        pos = next;
    }
    return request;
}

std::string render_rtsp_response(const ordered_json& answer, std::string_view cseq) {
    const int status = answer.value("status", 200);
    const auto headers = answer.value("headers", ordered_json::object());
    const auto body_field = answer.find("body");
    const std::string body = body_field != answer.end() && body_field->is_string() ? body_field->get<std::string>() : "";
    auto fields = headers;
    // A body (the SDP of an open DESCRIBE) always goes out with its real length, last.
    if (!body.empty())
        for (const auto& [name, value] : headers.items())
            if (iequals(name, "Content-Length")) fields.erase(name);
    bool has_cseq = false;
    std::string lines = header_lines(fields, "CSeq", std::string(cseq), has_cseq);
    if (!body.empty()) lines += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    std::string out = "RTSP/1.0 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
    if (!has_cseq) out += "CSeq: " + std::string(cseq) + "\r\n";
    return out + lines + "\r\n" + body;
}

namespace {

struct NamedBehaviour {
    std::string_view name;
    Behaviour behaviour;
};
constexpr NamedBehaviour behaviours[] = {
    {"drip", Behaviour::drip},       {"huge_header", Behaviour::huge_header},
    {"endless_body", Behaviour::endless_body}, {"garbage", Behaviour::garbage},
    {"reset", Behaviour::reset},     {"silent", Behaviour::silent},
    {"huge_xml", Behaviour::huge_xml},
};

}  // namespace

std::optional<Behaviour> behaviour_named(std::string_view name) {
    for (const auto& named : behaviours)
        if (named.name == name) return named.behaviour;
    return std::nullopt;
}

std::string_view behaviour_names() { return "drip, huge_header, endless_body, garbage, reset, silent, huge_xml"; }

std::string endless_body_head(bool chunked) {
    return chunked ? "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                   : "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n";
}

std::string huge_xml_head() {
    const std::string start = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope "
                              "xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>";
    const std::size_t length = start.size() + huge_xml_chunks * endless_chunk_size;
    return "HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml; charset=utf-8\r\nContent-Length: " +
           std::to_string(length) + "\r\nConnection: close\r\n\r\n" + start;
}

}  // namespace camaudit::lab
