// A device carrying a hostile string (tests/hostile_text.hpp) in every identifying field, and
// the sample report with one such device per hostile string.
#pragma once
#include "sample_report.hpp"

#include "../../hostile_text.hpp"

namespace camaudit::test {

// A device whose every identifying field (and an evidence value, a conflict, a finding) holds
// the hostile string number `i` (wrapping), tagged with the field's name.
inline Device hostile_device(std::size_t i) {
    const auto& h = hostile_strings();
    auto pick = [&](std::size_t k) { return h[(i + k) % h.size()]; };
    Device d = sample_hikvision();
    d.ip = "10.66.0." + std::to_string(10 + i);
    d.mac = pick(0);
    d.hostname = pick(1);
    d.vendor = "Hikvision";  // stays a vendor the policy flags, so the device is in every list
    d.brand = pick(2);
    d.model = pick(3);
    d.firmware = pick(4);
    d.serial = pick(5);
    d.device_type = pick(6);
    d.evidence[0].value = pick(7);
    d.evidence[1].context = pick(8);
    d.conflicts = {pick(9)};
    return d;
}

// The sample report with one hostile device per hostile string, policy applied, and a
// finding reason that is hostile too.
inline Report hostile_strings_report() {
    Report r = sample_report();
    for (std::size_t i = 0; i < hostile_strings().size(); ++i) r.devices.push_back(hostile_device(i));
    policy::apply_policy(r.devices, policy::RegulationDb::load(CAMAUDIT_SOURCE_DATA_DIR).select(r.scan.policies));
    r.devices.back().compliance.findings.at(0).reason += hostile_strings()[1];
    return r;
}

}  // namespace camaudit::test
