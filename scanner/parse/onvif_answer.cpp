// Turns ONVIF device-service answers (GetSystemDateAndTime, GetDeviceInformation,
// GetCapabilities, GetScopes, or a SOAP fault) into observations; facts per
// research/protocols.md §2 (ONVIF Core and its XSD).
#include <parse/onvif_answer.hpp>
#include <parse/soap_envelope.hpp>
#include <parse/text.hpp>

#include <charconv>
#include <cstdio>

namespace camaudit::parse {
namespace {

class Emitter {
public:
    Emitter(const Observation& base, std::size_t cap, std::vector<Observation>& out)
        : base_(base), cap_(cap), out_(out) {}
    void operator()(std::string_view key, std::string_view value) {
        if (trim(value).empty()) return;
        Observation o = base_;
        o.key = std::string(key);
        o.value = to_valid_utf8(trim(value), cap_);
        out_.push_back(std::move(o));
    }

private:
    const Observation& base_;
    std::size_t cap_;
    std::vector<Observation>& out_;
};

void read_device_information(const SoapElement& payload, Emitter& emit) {
    const std::pair<std::string_view, std::string_view> fields[] = {
        {"Manufacturer", "onvif.device_information.manufacturer"},
        {"Model", "onvif.device_information.model"},
        {"FirmwareVersion", "onvif.device_information.firmware"},
        {"SerialNumber", "onvif.device_information.serial"},
        {"HardwareId", "onvif.device_information.hardware_id"},
    };
    for (const auto& [element, key] : fields)
        if (const auto* found = payload.child(element)) emit(key, found->text);
}

unsigned number_in(const SoapElement* parent, std::string_view name) {
    const auto* element = parent ? parent->child(name) : nullptr;
    unsigned value = 0;
    if (element) std::from_chars(element->text.data(), element->text.data() + element->text.size(), value);
    return value;
}

// UTCDateTime as "YYYY-MM-DDThh:mm:ssZ" (the form WS-UsernameToken's Created needs later);
// a device that gives only LocalDateTime is reported with its local time and no "Z".
void read_date_time(const SoapElement& payload, Emitter& emit) {
    const auto* utc = payload.find("UTCDateTime");
    const auto* when = utc ? utc : payload.find("LocalDateTime");
    if (!when) return;
    const auto* date = when->child("Date");
    const auto* time = when->child("Time");
    if (!date || !time) return;
    char text[64];
    std::snprintf(text, sizeof text, "%04u-%02u-%02uT%02u:%02u:%02u%s", number_in(date, "Year") % 10000,
                  number_in(date, "Month") % 100, number_in(date, "Day") % 100, number_in(time, "Hour") % 100,
                  number_in(time, "Minute") % 100, number_in(time, "Second") % 100, utc ? "Z" : "");
    emit("onvif.system_date_time", text);
}

// The highest Device/System/SupportedVersions as "major.minor" (the ONVIF version spoken).
void read_capabilities(const SoapElement& payload, Emitter& emit) {
    const auto* system = payload.find("System");
    if (!system) return;
    unsigned best_major = 0, best_minor = 0;
    for (const auto& version : system->children) {
        if (version.name != "SupportedVersions") continue;
        const unsigned major = number_in(&version, "Major"), minor = number_in(&version, "Minor");
        if (major > best_major || (major == best_major && minor > best_minor)) best_major = major, best_minor = minor;
    }
    if (best_major > 0) emit("onvif.capabilities.version", std::to_string(best_major) + "." + std::to_string(best_minor));
}

void read_scopes(const SoapElement& payload, Emitter& emit) {
    std::size_t count = 0;
    for (const auto& scope : payload.children) {
        if (scope.name != "Scopes" || ++count > max_onvif_scopes) continue;
        const auto* item = scope.child("ScopeItem");
        emit("onvif.scopes", item ? item->text : scope.text);
    }
}

}  // namespace

std::string_view onvif_operation(OnvifCall call) {
    switch (call) {
    case OnvifCall::system_date_time: return "GetSystemDateAndTime";
    case OnvifCall::device_information: return "GetDeviceInformation";
    case OnvifCall::capabilities: return "GetCapabilities";
    case OnvifCall::scopes: return "GetScopes";
    }
    return "GetSystemDateAndTime";
}

std::string onvif_request(OnvifCall call, std::string_view header_xml) {
    const std::string operation(onvif_operation(call));
    const std::string inner = call == OnvifCall::capabilities ? "<Category>All</Category>" : "";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
           "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">" +
        (header_xml.empty() ? std::string() : "<s:Header>" + std::string(header_xml) + "</s:Header>") + "<s:Body>"
           "<" + operation + " xmlns=\"http://www.onvif.org/ver10/device/wsdl\">" + inner +
           "</" + operation + "></s:Body></s:Envelope>";
}

OnvifAnswer onvif_answer(OnvifCall call, std::string_view body, const Observation& base,
                         std::size_t max_value_bytes) {
    OnvifAnswer answer;
    const SoapEnvelope envelope = parse_soap_envelope(body);
    Emitter emit(base, max_value_bytes, answer.observations);
    switch (envelope.status) {
    case SoapStatus::wrong_protocol: answer.outcome = OnvifOutcome::not_onvif; return answer;
    case SoapStatus::malformed: answer.outcome = OnvifOutcome::malformed; return answer;
    case SoapStatus::fault:
        answer.outcome = OnvifOutcome::fault;
        emit("onvif.fault", envelope.fault.subcode.empty() ? envelope.fault.code : envelope.fault.subcode);
        return answer;
    case SoapStatus::ok: break;
    }
    if (envelope.payload.name != std::string(onvif_operation(call)) + "Response") {
        answer.outcome = OnvifOutcome::malformed;
        return answer;
    }
    answer.outcome = OnvifOutcome::answered;
    switch (call) {
    case OnvifCall::system_date_time: read_date_time(envelope.payload, emit); break;
    case OnvifCall::device_information: read_device_information(envelope.payload, emit); break;
    case OnvifCall::capabilities: read_capabilities(envelope.payload, emit); break;
    case OnvifCall::scopes: read_scopes(envelope.payload, emit); break;
    }
    return answer;
}

}  // namespace camaudit::parse
