// A small report as a real run would leave it: three devices identified, policy applied with
// the shipped regulations (a prohibited Hikvision relabel, an allowed Axis, a nameless camera).
#pragma once
#include <camaudit/report.hpp>
#include <policy/policy.hpp>

#include <chrono>

namespace camaudit::test {

inline TimePoint at(int seconds_after_2026) {
    // 2026-01-01T00:00:00Z
    return TimePoint{std::chrono::seconds{1767225600 + seconds_after_2026}};
}

inline Device sample_hikvision() {
    Device d;
    d.ip = "10.20.0.5";
    d.mac = "44:47:cc:01:02:03";
    d.mac_on_wire = true;  // as ARP showed it: a MAC waiver may match
    d.vendor = "Hikvision";
    d.brand = "EZVIZ";
    d.relabel = true;
    d.model = "CS-C6N";
    d.firmware = "V5.3.0";
    d.device_type = "camera";
    d.confidence = 0.92;
    d.open_ports = {{80, "tcp", "http"}, {554, "tcp", "rtsp"}};
    d.evidence = {{"http", 80, "http.header.server", "App-webs/", "hik-app-webs", "vendor=Hikvision", 0.6,
                   "GET /"},
                  {"sadp", 37020, "sadp.device_type", "CS-C6N-A0-1C2WFR", "sadp-model", "model=CS-C6N", 0.9, ""}};
    d.conflicts = {"brand=EZVIZ vs vendor=Hikvision"};
    d.first_seen = at(60);
    d.last_seen = at(75);
    return d;
}

inline Report sample_report() {
    Report r;
    r.tool_version = "0.1.0";
    r.scan.id = "scan-0001";
    r.scan.mode = "active";
    r.scan.started = at(0);
    r.scan.finished = at(120);
    r.scan.targets = {"10.20.0.0/24"};
    r.scan.excluded = {"10.20.0.1"};
    r.scan.policies = {"us-ndaa-889"};
    r.scan.hosts_probed = 256;
    r.scan.hosts_up = 3;
    r.scan.options = {{"rate", "300"}};
    Device axis;
    axis.ip = "10.20.0.7";
    axis.vendor = "Axis";
    axis.model = "M1065-LW";
    axis.device_type = "camera";
    axis.confidence = 0.97;
    Device nameless;
    nameless.ip = "10.20.0.9";
    nameless.device_type = "camera";
    nameless.open_ports = {{554, "tcp", "rtsp"}};
    r.devices = {sample_hikvision(), axis, nameless};
    auto db = policy::RegulationDb::load(CAMAUDIT_SOURCE_DATA_DIR);
    policy::apply_policy(r.devices, db.select(r.scan.policies));
    r.errors = {{"10.20.0.200", "rtsp_options", "connection reset"}};
    return r;
}

}  // namespace camaudit::test
