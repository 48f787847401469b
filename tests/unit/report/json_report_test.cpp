// Proves the JSON report is camaudit.report/1: every field of design.md's schema with its JSON
// type, valid against docs/camaudit.report-1.schema.json, with UTC 'Z' times and true counts.
#include <report/report_writer.hpp>

#include <camaudit/error.hpp>

#include "../policy/temp_dir.hpp"
#include "sample_report.hpp"

#include <doctest/doctest.h>
#include <re2/re2.h>

namespace {

using nlohmann::json;

const std::filesystem::path schema_file = std::filesystem::path(CAMAUDIT_SOURCE_DATA_DIR).parent_path() / "docs" /
                                          "camaudit.report-1.schema.json";

bool has_type(const json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_number_integer();
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    return false;
}

// The subset of JSON Schema the report schema uses: type, const, enum, required, properties,
// additionalProperties, items, minimum, maximum, pattern. Appends one line per violation.
void validate(const json& v, const json& s, const std::string& where, std::vector<std::string>& errors) {
    if (s.contains("type")) {
        const auto types = s["type"].is_array() ? s["type"] : json::array({s["type"]});
        bool ok = false;
        for (const auto& t : types) ok |= has_type(v, t.get<std::string>());
        if (!ok) return errors.push_back(where + ": type is not " + s["type"].dump());
    }
    if (s.contains("const") && v != s["const"]) errors.push_back(where + ": not " + s["const"].dump());
    if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end())
        errors.push_back(where + ": " + v.dump() + " not in " + s["enum"].dump());
    if (v.is_number() && s.contains("minimum") && v.get<double>() < s["minimum"].get<double>())
        errors.push_back(where + ": below minimum");
    if (v.is_number() && s.contains("maximum") && v.get<double>() > s["maximum"].get<double>())
        errors.push_back(where + ": above maximum");
    if (v.is_string() && s.contains("pattern") && !RE2::PartialMatch(v.get<std::string>(), s["pattern"].get<std::string>()))
        errors.push_back(where + ": " + v.dump() + " does not match " + s["pattern"].get<std::string>());
    if (v.is_array() && s.contains("items"))
        for (std::size_t i = 0; i < v.size(); ++i) validate(v[i], s["items"], where + "[" + std::to_string(i) + "]", errors);
    if (!v.is_object()) return;
    for (const auto& key : s.value("required", json::array()))
        if (!v.contains(key.get<std::string>())) errors.push_back(where + ": missing " + key.get<std::string>());
    for (const auto& [key, value] : v.items()) {
        if (s.contains("properties") && s["properties"].contains(key)) validate(value, s["properties"][key], where + "." + key, errors);
        else if (s.contains("additionalProperties") && s["additionalProperties"].is_object())
            validate(value, s["additionalProperties"], where + "." + key, errors);
        else if (s.contains("additionalProperties") && s["additionalProperties"] == false)
            errors.push_back(where + ": unexpected " + key);
    }
}

std::vector<std::string> violations(const json& doc) {
    const auto schema = json::parse(camaudit::test::read_file(schema_file));
    std::vector<std::string> errors;
    validate(doc, schema, "$", errors);
    return errors;
}

void check_keys(const json& object, std::initializer_list<std::pair<const char*, json::value_t>> keys) {
    for (const auto& [key, type] : keys) {
        INFO("key ", key);
        REQUIRE(object.contains(key));
        // Unsigned and signed integers are both JSON integers.
        const auto actual = object[key].type() == json::value_t::number_unsigned ? json::value_t::number_integer
                                                                                 : object[key].type();
        CHECK(actual == type);
    }
}

}  // namespace

TEST_CASE("the report carries design.md's schema, field by field, with JSON types") {
    using T = json::value_t;
    const json doc = camaudit::report::to_json(camaudit::test::sample_report());
    CHECK(doc["schema"] == "camaudit.report/1");
    CHECK(doc["tool"] == json{{"name", "camaudit"}, {"version", "0.1.0"}});
    check_keys(doc["scan"], {{"id", T::string}, {"mode", T::string}, {"started", T::string}, {"finished", T::string},
                             {"complete", T::boolean}, {"targets", T::array}, {"excluded", T::array},
                             {"policies", T::array}, {"shard", T::string}, {"hosts_probed", T::number_integer},
                             {"hosts_up", T::number_integer}, {"capture_stats", T::object}, {"options", T::object}});
    check_keys(doc["summary"], {{"devices", T::number_integer}, {"cameras", T::number_integer},
                                {"prohibited", T::number_integer}, {"review", T::number_integer},
                                {"waived", T::number_integer}, {"unknown", T::number_integer}, {"by_vendor", T::object}});
    REQUIRE(doc["devices"].size() == 3);
    const auto& d = doc["devices"][0];
    check_keys(d, {{"ip", T::string}, {"mac", T::string}, {"hostname", T::string}, {"vendor", T::string},
                   {"brand", T::string}, {"model", T::string}, {"firmware", T::string}, {"serial", T::string},
                   {"device_type", T::string}, {"confidence", T::number_float}, {"open_ports", T::array},
                   {"evidence", T::array}, {"compliance", T::object}, {"first_seen", T::string},
                   {"last_seen", T::string}, {"relabel", T::boolean}, {"conflicts", T::array}});
    check_keys(d["open_ports"][1], {{"port", T::number_integer}, {"proto", T::string}, {"service", T::string}});
    check_keys(d["evidence"][0], {{"source", T::string}, {"port", T::number_integer}, {"field", T::string},
                                  {"value", T::string}, {"rule", T::string}, {"claim", T::string},
                                  {"weight", T::number_float}, {"context", T::string}});
    check_keys(d["compliance"], {{"status", T::string}, {"findings", T::array}});
    check_keys(d["compliance"]["findings"][0], {{"policy", T::string}, {"jurisdiction", T::string},
                                                {"title", T::string}, {"reason", T::string}, {"source", T::string}});
    check_keys(doc["errors"][0], {{"target", T::string}, {"probe", T::string}, {"message", T::string}});
}

TEST_CASE("the report's values are the run's: times in UTC with Z, statuses, counts") {
    const json doc = camaudit::report::to_json(camaudit::test::sample_report());
    CHECK(doc["scan"]["started"] == "2026-01-01T00:00:00Z");
    CHECK(doc["scan"]["finished"] == "2026-01-01T00:02:00Z");
    const auto& hik = doc["devices"][0];
    CHECK(hik["first_seen"] == "2026-01-01T00:01:00Z");
    CHECK(hik["open_ports"][1] == json{{"port", 554}, {"proto", "tcp"}, {"service", "rtsp"}});
    CHECK(hik["evidence"][0]["context"] == "GET /");
    CHECK(hik["compliance"]["status"] == "prohibited");
    CHECK(hik["compliance"]["findings"][0]["policy"] == "us-ndaa-889");
    CHECK(doc["devices"][1]["compliance"]["status"] == "allowed");
    CHECK(doc["devices"][2]["compliance"]["status"] == "unknown");
    CHECK(doc["devices"][2]["first_seen"].is_null());  // never set: unknown, not 1970
    CHECK(doc["summary"] == json{{"devices", 3}, {"cameras", 3}, {"prohibited", 1}, {"review", 0}, {"waived", 0},
                                 {"unknown", 1}, {"advisory", 0}, {"by_vendor", {{"Axis", 1}, {"Hikvision", 1}}}});
    CHECK(doc["errors"][0]["message"] == "connection reset");
}

TEST_CASE("the report validates against docs/camaudit.report-1.schema.json") {
    auto report = camaudit::test::sample_report();
    const auto errors = violations(camaudit::report::to_json(report));
    for (const auto& e : errors) INFO(e);
    CHECK(errors.empty());
    report.devices.clear();
    report.errors.clear();
    CHECK(violations(camaudit::report::to_json(report)).empty());
}

TEST_CASE("a report's provenance block validates, and a malformed one does not") {
    auto report = camaudit::test::sample_report();
    CHECK(!camaudit::report::to_json(report).contains("provenance"));  // not made by a run: no block
    auto& p = report.provenance;
    p.command_line = {"camaudit", "scan", "192.0.2.0/24"};
    p.environment = {{"CAMAUDIT_SNMP_COMMUNITY", "<redacted>"}};
    p.host = "auditor-01";
    p.source_addresses = {"192.0.2.250"};
    p.git_commit = "unknown";
    p.data = {{"signatures", "/data", std::string(64, 'a'), 60, 0, {}, {}},
              {"oui_registry", "/ieee", std::string(64, 'b'), 3, 41946, "2022-08-27", ".lastupdate"}};
    auto doc = camaudit::report::to_json(report);
    CHECK(doc["provenance"]["config"].is_null());
    CHECK(doc["provenance"]["build"]["version"] == report.tool_version);
    CHECK(doc["provenance"]["data"][1]["entries"] == 41946);
    CHECK(!doc["provenance"]["data"][0].contains("entries"));
    for (const auto& e : violations(doc)) INFO(e);
    CHECK(violations(doc).empty());
    p.config_path = "site.toml";
    p.config_absolute = "/etc/camaudit/site.toml";
    p.config_sha256 = std::string(64, 'c');
    CHECK(violations(camaudit::report::to_json(report)).empty());
    doc = camaudit::report::to_json(report);
    doc["provenance"]["config"]["sha256"] = "abc";
    doc["provenance"]["data"][0]["kind"] = "firmware";
    doc["provenance"].erase("host");
    CHECK(violations(doc).size() == 3);
}

TEST_CASE("the schema check catches a broken report (the validator is not a rubber stamp)") {
    json doc = camaudit::report::to_json(camaudit::test::sample_report());
    doc.erase("summary");
    doc["devices"][0]["confidence"] = "high";
    doc["devices"][0]["compliance"]["status"] = "banned";
    doc["scan"]["started"] = "2026-01-01 00:00:00";
    const auto errors = violations(doc);
    CHECK(errors.size() == 4);
}

TEST_CASE("format registry: json and text render the same report, an unknown name lists the known ones") {
    const auto report = camaudit::test::sample_report();
    const auto& names = camaudit::report::formats();
    REQUIRE(names.size() >= 2);
    const auto rendered = camaudit::report::find_format("json").render(report);
    CHECK(json::parse(rendered) == camaudit::report::to_json(report));
    CHECK(camaudit::report::find_format("text").name == "text");
    try {
        (void)camaudit::report::find_format("xml");
        FAIL("unknown format accepted");
    } catch (const camaudit::UsageError& e) {
        CHECK(std::string(e.what()) == "unknown report format 'xml'; known formats: json, text, ndjson, csv, html");
    }
}

TEST_CASE("invalid UTF-8 seen on the wire does not stop the JSON report") {
    auto report = camaudit::test::sample_report();
    report.devices[0].evidence[0].value = std::string("App-webs/\xff\xfe", 11);
    const auto rendered = camaudit::report::find_format("json").render(report);
    CHECK(json::parse(rendered)["devices"][0]["evidence"][0]["value"] == "App-webs/\xEF\xBF\xBD\xEF\xBF\xBD");
}
