// Proves every NDJSON event is one line of JSON whose fields are ECS fields of the ECS type
// (date, keyword, ip, array, allowed values) or live under camaudit.*, one event per device
// and one per finding, with the prohibited finding an alert that names its regulation.
#include <report/report_writer.hpp>

#include "sample_report.hpp"

#include <boost/asio/ip/address.hpp>
#include <doctest/doctest.h>
#include <functional>
#include <re2/re2.h>
#include <set>
#include <sstream>

namespace {

using nlohmann::json;
using Check = std::function<bool(const json&)>;

bool keyword(const json& v) { return v.is_string() && !v.get<std::string>().empty(); }
Check one_of(std::set<std::string> allowed) {
    return [allowed](const json& v) { return v.is_string() && allowed.count(v.get<std::string>()) == 1; };
}
Check array_of(Check each) {
    return [each](const json& v) {
        if (!v.is_array() || v.empty()) return false;
        for (const auto& item : v)
            if (!each(item)) return false;
        return true;
    };
}
bool ecs_date(const json& v) {
    return v.is_string() && RE2::FullMatch(v.get<std::string>(), R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
}
bool ecs_ip(const json& v) {
    boost::system::error_code ec;
    if (!v.is_string()) return false;
    boost::asio::ip::make_address(v.get<std::string>(), ec);
    return !ec;
}
bool ecs_mac(const json& v) {
    return v.is_string() && RE2::FullMatch(v.get<std::string>(), "[0-9A-F]{2}(-[0-9A-F]{2}){5}");
}

// The ECS fields camaudit uses, each with its ECS type (ECS 8.x field reference).
const std::map<std::string, Check>& ecs_fields() {
    static const std::map<std::string, Check> fields = {
        {"@timestamp", ecs_date},
        {"event.kind", one_of({"alert", "event"})},
        {"event.category", array_of(one_of({"host", "configuration"}))},
        {"event.type", array_of(one_of({"info"}))},
        {"event.action", keyword},
        {"event.outcome", one_of({"success", "failure", "unknown"})},
        {"event.module", keyword},
        {"event.dataset", keyword},
        {"host.ip", array_of(ecs_ip)},
        {"host.mac", array_of(ecs_mac)},
        {"host.hostname", keyword},
        {"device.manufacturer", keyword},
        {"device.model.identifier", keyword},
        {"device.model.name", keyword},
        {"rule.id", keyword},
        {"rule.name", keyword},
        {"rule.reference", keyword},
        {"rule.ruleset", keyword},
        {"message", [](const json& v) { return v.is_string(); }},
        {"observer.vendor", keyword},
        {"observer.product", keyword},
        {"observer.version", keyword},
        {"observer.hostname", keyword},
        {"observer.ip", array_of(ecs_ip)},
    };
    return fields;
}

void flatten(const json& v, const std::string& path, std::map<std::string, json>& out) {
    if (v.is_object() && path.rfind("camaudit", 0) != 0) {
        for (const auto& [k, child] : v.items()) flatten(child, path.empty() ? k : path + "." + k, out);
        return;
    }
    out[path] = v;
}

std::vector<json> events(const camaudit::Report& report = camaudit::test::sample_report()) {
    std::vector<json> out;
    std::istringstream in(camaudit::report::render_ndjson(report));
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
}

}  // namespace

TEST_CASE("ndjson: one event per device and per finding, every field ECS-typed or under camaudit.*") {
    const auto all = events();
    REQUIRE(all.size() == 4);  // three devices, one us-ndaa-889 finding
    for (const auto& e : all) {
        std::map<std::string, json> flat;
        flatten(e, "", flat);
        for (const auto& [field, value] : flat) {
            INFO("field ", field, " = ", value.dump());
            if (field == "camaudit") {
                CHECK(value.is_object());
                continue;
            }
            const auto check = ecs_fields().find(field);
            REQUIRE_MESSAGE(check != ecs_fields().end(), "not an ECS field camaudit declares: ", field);
            CHECK(check->second(value));
        }
        CHECK(flat.count("@timestamp") == 1);
        CHECK(flat.count("event.kind") == 1);
        CHECK(flat.at("observer.product") == "camaudit");
        CHECK(flat.at("camaudit").at("scan_id") == "scan-0001");
    }
}

TEST_CASE("ndjson: the device event and the prohibited finding say what an analyst needs") {
    const auto all = events();
    const auto& device = all.at(0);
    CHECK(device["event"]["action"] == "device-inventoried");
    CHECK(device["host"]["ip"] == json::array({"10.20.0.5"}));
    CHECK(device["host"]["mac"] == json::array({"44-47-CC-01-02-03"}));
    CHECK(device["device"]["manufacturer"] == "Hikvision");
    CHECK(device["device"]["model"]["identifier"] == "CS-C6N");
    CHECK(device["camaudit"]["status"] == "prohibited");
    CHECK(device["camaudit"]["open_ports"] == json::array({"80/tcp", "554/tcp"}));
    const auto& finding = all.at(1);
    CHECK(finding["event"]["kind"] == "alert");
    CHECK(finding["event"]["outcome"] == "failure");
    CHECK(finding["rule"]["id"] == "us-ndaa-889");
    CHECK(finding["rule"]["reference"].get<std::string>().starts_with("http"));
    CHECK(finding["camaudit"]["status"] == "prohibited");
    CHECK(all.at(3)["host"].count("mac") == 0);  // an unknown MAC is absent, not ""
}

TEST_CASE("ndjson: a run's report opens with its provenance record, ECS-typed, then the same events") {
    auto report = camaudit::test::sample_report();
    report.provenance.command_line = {"camaudit", "scan", "10.20.0.0/24"};
    report.provenance.host = "auditor-01";
    report.provenance.source_addresses = {"10.20.0.250"};
    const auto all = events(report);
    REQUIRE(all.size() == 5);  // the run's record, then the four events of the report
    const auto& run = all.at(0);
    std::map<std::string, json> flat;
    flatten(run, "", flat);
    for (const auto& [field, value] : flat) {
        INFO("field ", field, " = ", value.dump());
        if (field == "camaudit") continue;
        const auto check = ecs_fields().find(field);
        REQUIRE_MESSAGE(check != ecs_fields().end(), "not an ECS field camaudit declares: ", field);
        CHECK(check->second(value));
    }
    CHECK(run["event"]["action"] == "scan-provenance");
    CHECK(run["observer"]["hostname"] == "auditor-01");
    CHECK(run["observer"]["ip"] == json::array({"10.20.0.250"}));
    CHECK(run["camaudit"]["scan_id"] == "scan-0001");
    CHECK(run["camaudit"]["provenance"]["command_line"].size() == 3);
    CHECK(all.at(1) == events().at(0));
}
