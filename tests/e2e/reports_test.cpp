// Proves one lab scan writes JSON, HTML, CSV and NDJSON at once, each signed, with an
// unreachable syslog collector only a warning under --best-effort syslog; that `camaudit verify` accepts the report and
// refuses another key or a one-byte change, naming the check, and a run without a trusted key; and that waivers hold until
// their expiry date and lapse after it, while a bad waiver file is refused before scanning.
#include "command.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

const std::string camaudit_bin = CAMAUDIT_BIN;
const std::string lab = std::string(CAMAUDIT_LAB_BIN) + " -- " + CAMAUDIT_BIN;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void make_key(const std::filesystem::path& dir, const std::string& name) {
    const auto key = (dir / (name + ".pem")).string();
    REQUIRE(std::system(("openssl genpkey -algorithm ed25519 -out " + key + " 2>/dev/null && openssl pkey -in " + key +
                         " -pubout -out " + (dir / (name + ".pub")).string() + " 2>/dev/null").c_str()) == 0);
}

std::vector<json> prohibited(const json& report) {
    std::vector<json> out;
    for (const auto& d : report["devices"])
        if (d["compliance"]["status"] == "prohibited") out.push_back(d);
    return out;
}

}  // namespace

TEST_CASE("reports: four formats from one scan, signed, verified, and refused after a change") {
    const auto dir = fresh_temp_dir("reports");
    make_key(dir, "site");
    make_key(dir, "other");
    const auto result = run_command(lab + " scan 127.0.1.0/24 --rate 20000 --seed 7 --out " + (dir / "r.json").string() +
                                    " --html " + (dir / "r.html").string() + " --csv " + (dir / "r.csv").string() +
                                    " --ndjson " + (dir / "r.ndjson").string() + " --sign " + (dir / "site.pem").string() +
                                    " --syslog tcp://127.0.0.1:9 --syslog-format cef --best-effort syslog");
    CHECK(result.exit_code == 1);  // the lab holds prohibited devices; the syslog loss is only a warning
    CHECK(has(result.err, "camaudit: warning: syslog tcp://127.0.0.1:9: syslog collector unreachable"));
    const auto report = json::parse(read_file(dir / "r.json"));
    REQUIRE(!prohibited(report).empty());
    CHECK(std::stoi(report["scan"]["options"]["syslog_dropped"].get<std::string>()) > 0);
    const auto html = read_file(dir / "r.html");
    CHECK(has(html, "id=\"count-prohibited\"><b>" + std::to_string(report["summary"]["prohibited"].get<int>()) + "</b>"));
    CHECK(read_file(dir / "r.csv").starts_with("ip,mac,hostname,vendor,"));
    const auto first_event = read_file(dir / "r.ndjson");
    CHECK(json::parse(first_event.substr(0, first_event.find('\n')))["observer"]["product"] == "camaudit");
    for (const char* f : {"r.json.sig", "r.html.sig", "r.csv.sig", "r.ndjson.sig"}) CHECK(std::filesystem::exists(dir / f));

    const std::string verify = camaudit_bin + " verify " + (dir / "r.json").string();
    const auto good = run_command(verify + " --key " + (dir / "site.pub").string());
    CHECK(good.exit_code == 0);
    CHECK(has(good.out, "verify: OK"));
    CHECK(has(good.out, "is the report of scan " + report["scan"]["id"].get<std::string>() + " finished " +
                            report["scan"]["finished"].get<std::string>()));
    for (const char* f : {"r.json", "r.html", "r.csv", "r.ndjson", "r.json.sig"})
        CHECK((std::filesystem::status(dir / f).permissions() & std::filesystem::perms::all) ==
              std::filesystem::perms(0600));
    const auto untrusted = run_command(verify);  // the .sig's own key proves nothing
    CHECK(untrusted.exit_code == 2);
    CHECK(has(untrusted.err, "verify needs a trusted public key (--key FILE.pub) or a pinned fingerprint"));
    const auto signer = good.out.substr(good.out.rfind("signed by key ") + 14, 16);
    CHECK(run_command(verify + " --fingerprint " + signer).exit_code == 0);
    CHECK(run_command(verify + " --fingerprint 0000000000000000").exit_code == 1);
    const auto other = run_command(verify + " --key " + (dir / "other.pub").string());
    CHECK(other.exit_code == 1);
    CHECK(has(other.err, "FAILED check 'signer key'"));

    auto bytes = read_file(dir / "r.json");
    bytes[bytes.size() / 2] ^= 0x01;
    std::ofstream(dir / "r.json", std::ios::binary | std::ios::trunc) << bytes;
    const auto changed = run_command(verify + " --key " + (dir / "site.pub").string());
    CHECK(changed.exit_code == 1);
    CHECK(has(changed.err, "FAILED check 'signature'"));
    std::filesystem::remove(dir / "r.csv.sig");
    CHECK(has(run_command(camaudit_bin + " verify " + (dir / "r.csv").string() + " --key " + (dir / "site.pub").string()).err,
              "FAILED check 'signature file'"));
}

TEST_CASE("reports: a waiver holds until its expiry and lapses after it, a bad file is exit 2") {
    const auto dir = fresh_temp_dir("waivers");
    const std::string scan = lab + " scan 127.0.1.0/24 --rate 20000 --seed 7 --out ";
    REQUIRE(run_command(scan + (dir / "before.json").string()).exit_code == 1);
    const auto flagged = prohibited(json::parse(read_file(dir / "before.json")));
    REQUIRE(flagged.size() >= 2);
    const auto ip_a = flagged[0]["ip"].get<std::string>(), ip_b = flagged[1]["ip"].get<std::string>();
    const auto rule_b = flagged[1]["compliance"]["findings"][0]["policy"].get<std::string>();
    std::ofstream waivers(dir / "waivers.toml");
    for (const auto& f : flagged[0]["compliance"]["findings"])  // every regulation that flags device A
        waivers << "[[waiver]]\naddress = \"" << ip_a << "\"\nregulation = \"" << f["policy"].get<std::string>()
                << "\"\nreason = \"replacement on order\"\napprover = \"CISO\"\nexpires = 2999-12-31\n";
    waivers << "[[waiver]]\naddress = \"" << ip_b << "\"\nregulation = \"" << rule_b
            << "\"\nreason = \"old exception\"\napprover = \"CISO\"\nexpires = 2001-01-01\n";
    waivers.close();
    run_command(scan + (dir / "after.json").string() + " --waivers " + (dir / "waivers.toml").string());
    const auto after = json::parse(read_file(dir / "after.json"));
    int seen = 0;
    for (const auto& d : after["devices"]) {
        const auto& findings = d["compliance"]["findings"];
        seen += d["ip"] == ip_a || d["ip"] == ip_b;
        if (d["ip"] == ip_a) {
            CHECK(d["compliance"]["status"] == "waived");
            CHECK(findings[0]["status"] == "waived");
            CHECK(has(findings[0]["reason"].get<std::string>(), "Waived until 2999-12-31 (approved by CISO"));
        }
        if (d["ip"] == ip_b) {
            CHECK(d["compliance"]["status"] == "prohibited");
            CHECK(has(findings[0]["reason"].get<std::string>(), "The waiver lapsed on 2001-01-01"));
        }
    }
    CHECK(seen == 2);
    CHECK(after["summary"]["waived"].get<int>() == 1);

    std::ofstream(dir / "bad.toml") << "[[waiver]]\naddress = \"127.0.1.9\"\nregulation = \"r\"\nreason = \"x\"\n"
                                       "approver = \"y\"\nexpires = \"2026-02-30\"\n";
    const auto bad = run_command(camaudit_bin + " scan 127.0.0.1 --out - --waivers " + (dir / "bad.toml").string());
    CHECK(bad.exit_code == 2);
    CHECK(has(bad.err, "bad.toml:6: field 'expires': 2026-02-30 is not a real date"));
    CHECK(bad.out.empty());
}
