// Proves ONVIF authentication through the real binaries against the device lab (issue 4): with
// a private (0600) credentials file the Milesight camera, whose ONVIF refuses
// GetDeviceInformation anonymously and whose clock is 90 minutes off, is named by a
// WS-UsernameToken retry, and the i-PRO camera answers after an HTTP Digest retry; a file others
// may read stops the scan with exit 2; the password appears in no report, error or stderr.
#include "lab_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <sys/stat.h>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using camaudit::testing::lab_addresses;
using json = nlohmann::json;

namespace {

const std::string milesight = "milesight-ms-c2963";
const std::string ipro = "ipro-wv-s2136";

json profile(const std::string& id) {
    return json::parse(read_file(std::string(CAMAUDIT_SOURCE_DIR) + "/tests/lab/devices/" + id + ".json"));
}

std::string lab_password(const std::string& id) { return profile(id).at("onvif").at("credentials").at("password"); }

std::filesystem::path credentials_file(const std::filesystem::path& dir, const std::string& id, mode_t mode) {
    const auto path = dir / (id + ".credentials");
    const json account = profile(id).at("onvif").at("credentials");
    std::ofstream(path) << "# lab account\nusername = " << account.at("username").get<std::string>()
                        << "\npassword = " << account.at("password").get<std::string>() << "\n";
    ::chmod(path.c_str(), mode);
    return path;
}

struct Scan {
    camaudit::testing::CommandResult result;
    std::string report_text;
};

Scan scan(const std::string& address, const std::string& extra, const std::string& env = "") {
    const auto dir = fresh_temp_dir("onvif-auth-scan");
    const auto report = dir / "r.json";
    const auto result = run_command(env + std::string(CAMAUDIT_LAB_BIN) + " -- " + CAMAUDIT_BIN + " scan " + address +
                                    " --probes onvif,http --rate 20000 --out " + report.string() + " " + extra);
    return {result, std::filesystem::exists(report) ? read_file(report) : ""};
}

const json& only_device(const json& report) {
    REQUIRE(report.at("devices").size() == 1);
    return report.at("devices").at(0);
}

bool has_evidence(const json& device, const std::string& field, const std::string& value_part) {
    for (const auto& evidence : device.at("evidence"))
        if (evidence.at("field") == field && evidence.at("value").get<std::string>().find(value_part) != std::string::npos)
            return true;
    return false;
}

}  // namespace

TEST_CASE("without credentials the Milesight camera stays unnamed and its refusal is evidence") {
    const auto addresses = lab_addresses();
    const auto anonymous = scan(addresses.at(milesight), "");
    INFO(anonymous.result.err);
    REQUIRE((anonymous.result.exit_code == 0 || anonymous.result.exit_code == 1));
    const json report = json::parse(anonymous.report_text);
    CHECK(only_device(report).value("vendor", "") != "Milesight");
    CHECK(anonymous.report_text.find("NotAuthorized") != std::string::npos);
}

TEST_CASE("a 0600 credentials file names the Milesight camera through a WS-UsernameToken, secret kept") {
    const auto addresses = lab_addresses();
    const auto dir = fresh_temp_dir("onvif-auth-ok");
    const auto file = credentials_file(dir, milesight, 0600);
    const auto named = scan(addresses.at(milesight), "--onvif-credentials " + file.string());
    INFO(named.result.err);
    REQUIRE((named.result.exit_code == 0 || named.result.exit_code == 1));
    const json report = json::parse(named.report_text);
    const json& device = only_device(report);
    CHECK(device.value("vendor", "") == "Milesight");
    CHECK(device.value("model", "") == "MS-C2963-PB");
    CHECK(device.value("firmware", "") == "45.7.0.79");
    CHECK(has_evidence(device, "onvif.fault", "NotAuthorized"));  // the anonymous refusal stays evidence
    CHECK(report.at("scan").at("options").value("onvif_credentials", "") == "file");
    CHECK(named.report_text.find(lab_password(milesight)) == std::string::npos);
    CHECK(named.result.err.find(lab_password(milesight)) == std::string::npos);
}

TEST_CASE("an i-PRO camera asking for HTTP Digest answers GetDeviceInformation to the Digest retry") {
    const auto addresses = lab_addresses();
    const auto anonymous = scan(addresses.at(ipro), "");
    CHECK(anonymous.report_text.find("onvif.device_information.model") == std::string::npos);
    const auto dir = fresh_temp_dir("onvif-auth-digest");
    const auto named = scan(addresses.at(ipro), "--onvif-credentials " + credentials_file(dir, ipro, 0600).string());
    INFO(named.result.err);
    const json report = json::parse(named.report_text);
    CHECK(has_evidence(only_device(report), "onvif.device_information.model", "WV-S2136"));
    CHECK(named.report_text.find(lab_password(ipro)) == std::string::npos);
}

TEST_CASE("a credentials file others may read stops the scan with exit 2, before any probe") {
    const auto addresses = lab_addresses();
    const auto dir = fresh_temp_dir("onvif-auth-refused");
    const auto file = credentials_file(dir, milesight, 0644);
    const auto refused = scan(addresses.at(milesight), "--onvif-credentials " + file.string());
    CHECK(refused.result.exit_code == 2);
    CHECK(refused.result.err.find(file.string()) != std::string::npos);
    CHECK(refused.result.err.find("0644") != std::string::npos);
    CHECK(refused.result.err.find(lab_password(milesight)) == std::string::npos);
    CHECK(refused.report_text.empty());
}

TEST_CASE("the environment's credentials work too, and the config file names a credentials file") {
    const auto addresses = lab_addresses();
    const json account = profile(milesight).at("onvif").at("credentials");
    const auto by_env = scan(addresses.at(milesight), "",
                             "CAMAUDIT_ONVIF_USER=" + account.at("username").get<std::string>() +
                                 " CAMAUDIT_ONVIF_PASSWORD=" + account.at("password").get<std::string>() + " ");
    INFO(by_env.result.err);
    CHECK(only_device(json::parse(by_env.report_text)).value("vendor", "") == "Milesight");
    const auto dir = fresh_temp_dir("onvif-auth-config");
    const auto config = dir / "site.toml";
    std::ofstream(config) << "onvif_credentials = \"" << credentials_file(dir, milesight, 0600).string() << "\"\n";
    const auto by_config = scan(addresses.at(milesight), "--config " + config.string());
    INFO(by_config.result.err);
    CHECK(only_device(json::parse(by_config.report_text)).value("vendor", "") == "Milesight");
}
