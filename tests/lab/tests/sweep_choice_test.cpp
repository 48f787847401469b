// Issue 13's sweep choice, end to end: lab devices on a sparse layer-2 segment scanned as
// root (the SYN sweep), with --connect, and without CAP_NET_RAW (setpriv drops it): the same
// devices found and named each time, the report says which sweep ran, and the unprivileged
// run says once why it used connect. Exits 77 (SKIPPED) when not root or without namespaces.
#define DOCTEST_CONFIG_IMPLEMENT
#include <e2e/lab_report.hpp>
#include "segment_main.hpp"

#include <lab/lab.hpp>
#include <lab/segment.hpp>
#include <lab/segment_services.hpp>
#include <lab/sparse.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <unistd.h>

using json = nlohmann::json;
namespace lab = camaudit::lab;

namespace {

constexpr const char* sparse_range = "10.77.4.0/24";
constexpr std::size_t device_count = 16;
constexpr const char* without_net_raw = "setpriv --inh-caps=-net_raw --bounding-set=-net_raw ";

struct Scan {
    json report;
    int exit_code = -1;
    std::string err;
};

// One segment for every case (building it is the slow part); torn down at exit.
struct Lab {
    std::vector<lab::Profile> profiles = lab::load_profiles(CAMAUDIT_SOURCE_LAB_DIR);
    lab::Cidr range = lab::parse_cidr(sparse_range);
    lab::Segment segment{lab::Segment::plan_sparse(profiles, range, device_count, 7), range};
    lab::SegmentServices services{segment};

    // `prefix` runs camaudit (setpriv ...); `options` follow the targets.
    Scan scan(const std::string& name, const std::string& prefix, const std::string& options) {
        const auto out = camaudit::testing::fresh_temp_dir("sweep-" + name) / "report.json";
        const auto result = camaudit::testing::run_command("ip netns exec " + segment.scanner_netns() + " " + prefix +
                                                           CAMAUDIT_BIN + " scan " + sparse_range + " --no-progress " +
                                                           // a named profile: the only notes left are the sweep's
                                                           "--profile us-federal-agency " +
                                                           options + " --out " + out.string());
        return {json::parse(camaudit::testing::read_file(out), nullptr, false), result.exit_code, result.err};
    }
};

Lab& the_lab() {
    static Lab lab;
    return lab;
}

// What a user reads off the report: each device's address and the maker named.
std::map<std::string, std::string> named_devices(const json& report) {
    std::map<std::string, std::string> named;
    for (const auto& device : report.at("devices")) named[device.at("ip")] = device.at("vendor");
    return named;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

// The unprivileged case needs setpriv (util-linux) to drop CAP_NET_RAW.
const char* setpriv_missing() {
    return std::system("setpriv --version >/dev/null 2>&1") == 0 ? nullptr : "needs setpriv (util-linux) to drop CAP_NET_RAW";
}

}  // namespace

TEST_CASE("as root the SYN sweep finds and names the same devices as --connect, and the report says which ran") {
    auto& lab = the_lab();
    const auto syn = lab.scan("syn", "", "");
    const auto connect = lab.scan("connect", "", "--connect");
    INFO("syn run: " << syn.err);
    INFO("connect run: " << connect.err);
    REQUIRE(syn.report.is_object());
    REQUIRE(connect.report.is_object());
    CHECK(syn.exit_code == connect.exit_code);
    CHECK(syn.report.at("scan").at("complete") == true);
    CHECK(syn.report.at("scan").at("options").at("sweep") == "syn");
    CHECK(connect.report.at("scan").at("options").at("sweep") == "connect");
    const auto found = named_devices(syn.report);
    MESSAGE(found.size() << " of " << lab.segment.devices().size() << " devices found by both sweeps");
    CHECK(found == named_devices(connect.report));
    // Every planned device with an open TCP port answers discovery; most profiles have one.
    CHECK(found.size() >= device_count / 2);
    // No phantom devices: every one found is a planned device, and most are named.
    std::set<std::string> planned;
    for (const auto& device : lab.segment.devices()) planned.insert(device.address.to_string());
    std::size_t named = 0;
    for (const auto& [ip, vendor] : found) {
        INFO(ip);
        CHECK(planned.count(ip) == 1);
        named += vendor.empty() ? 0 : 1;
    }
    CHECK(named * 2 >= found.size());
    CHECK(occurrences(syn.err, "note:") == 0);  // root with CAP_NET_RAW: nothing to explain
}

TEST_CASE("without CAP_NET_RAW the scan says so once, uses connect, and finds the same devices; --syn is exit 2") {
    auto& lab = the_lab();
    // --no-arp: the root scan's default ARP sweep would name some devices by their MACs, which
    // no unprivileged scan can see; the comparison is of the two sweeps.
    const auto root = lab.scan("root-no-arp", "", "--no-arp");
    const auto unprivileged = lab.scan("unprivileged", without_net_raw, "");
    INFO(unprivileged.err);
    REQUIRE(unprivileged.report.is_object());
    CHECK(unprivileged.exit_code == root.exit_code);  // a note, not an error
    CHECK(occurrences(unprivileged.err, "CAP_NET_RAW") == 1);
    CHECK(occurrences(unprivileged.err, "camaudit: note:") == 1);
    CHECK(unprivileged.report.at("scan").at("options").at("sweep") == "connect");
    CHECK(named_devices(unprivileged.report) == named_devices(root.report));

    const auto insisted = lab.scan("insisted", without_net_raw, "-sS");
    INFO(insisted.err);
    CHECK(insisted.exit_code == 2);
    CHECK(occurrences(insisted.err, "--syn") >= 1);
}

int main(int argc, char** argv) { return camaudit::testing::run_segment_tests(argc, argv, setpriv_missing()); }
