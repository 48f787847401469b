// Proves how two reports are compared: a device is followed by MAC across an address change,
// by IP when it has no MAC; changed fields are listed with both values; only a worsening
// counts as a new violation; an incomplete newer scan's missing devices are "not seen".
#include <report/report_diff.hpp>

#include <doctest/doctest.h>

using nlohmann::json;

namespace {

json device(const std::string& ip, const std::string& mac, const std::string& vendor, const std::string& status,
            const std::string& firmware = "V5.5.0") {
    return {{"ip", ip},           {"mac", mac},           {"vendor", vendor},
            {"model", "DS-2CD2042WD-I"}, {"firmware", firmware}, {"device_type", "camera"},
            {"open_ports", json::array({{{"port", 80}, {"proto", "tcp"}, {"service", "http"}}})},
            {"compliance", {{"status", status}}}};
}

json report(std::vector<json> devices, bool complete = true) {
    return {{"schema", "camaudit.report/1"}, {"scan", {{"complete", complete}}}, {"devices", std::move(devices)}};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a device that changed address keeps its identity through its MAC") {
    const auto diff = camaudit::report::diff_reports(
        report({device("10.0.0.5", "44:47:cc:00:00:01", "Hikvision", "prohibited")}),
        report({device("10.0.0.9", "44:47:cc:00:00:01", "Hikvision", "prohibited", "V5.7.3")}));
    CHECK(diff.added.empty());
    CHECK(diff.removed.empty());
    REQUIRE(diff.changed.size() == 1);
    CHECK(diff.changed[0].device == "10.0.0.9 (44:47:cc:00:00:01)");
    REQUIRE(diff.changed[0].fields.size() == 2);
    CHECK(diff.changed[0].fields[0].field == "ip");
    CHECK(diff.changed[0].fields[1].field == "firmware");
    CHECK(diff.changed[0].fields[1].before == "V5.5.0");
    CHECK(diff.changed[0].fields[1].after == "V5.7.3");
    CHECK(diff.new_prohibited.empty());  // it was prohibited already
}

TEST_CASE("new and worsened devices are new violations, an improvement is not") {
    const auto diff = camaudit::report::diff_reports(
        report({device("10.0.0.2", "", "Axis", "allowed"), device("10.0.0.3", "", "", "unknown"),
                device("10.0.0.4", "", "Dahua", "prohibited")}),
        report({device("10.0.0.2", "", "Axis", "allowed"), device("10.0.0.3", "", "Dahua", "prohibited"),
                device("10.0.0.4", "", "Dahua", "waived"), device("10.0.0.7", "", "Hikvision", "review")}));
    CHECK(diff.new_prohibited == std::vector<std::string>{"10.0.0.3"});
    CHECK(diff.new_review == std::vector<std::string>{"10.0.0.7"});
    REQUIRE(diff.added.size() == 1);
    CHECK(diff.changed.size() == 2);
    const auto text = camaudit::report::diff_text(diff);
    CHECK(has(text, "1 new, 0 gone, 2 changed; 1 newly prohibited, 1 newly in review"));
    CHECK(has(text, "    compliance.status: unknown -> prohibited"));
    CHECK(has(text, "    vendor: - -> Dahua"));
    CHECK(has(text, "NEW VIOLATION: 10.0.0.3 is prohibited"));
}

TEST_CASE("devices missing from an incomplete newer scan are not called gone") {
    const auto diff = camaudit::report::diff_reports(report({device("10.0.0.2", "", "Axis", "allowed")}),
                                                     report({}, /*complete=*/false));
    CHECK(diff.removed.size() == 1);
    CHECK_FALSE(diff.after_complete);
    const auto text = camaudit::report::diff_text(diff);
    CHECK(has(text, "warning: the newer scan was incomplete"));
    CHECK(has(text, "not seen (incomplete scan):"));
    CHECK_FALSE(has(text, "gone:"));
    const auto doc = camaudit::report::diff_json(diff);
    CHECK(doc["after_complete"] == false);
    CHECK(doc["removed"].size() == 1);
}

TEST_CASE("a report without devices or with junk entries compares without throwing") {
    const json junk = {{"devices", json::array({1, "x", json::object()})}};
    const auto diff = camaudit::report::diff_reports(json::object(), junk);
    CHECK(diff.added.size() == 1);  // the one object; the rest is not a device
}
