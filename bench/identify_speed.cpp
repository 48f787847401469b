// Benchmark: how many observations per second identification matches on one core (thread CPU
// time), against the full signature database (issue target: at least 1,000,000/s). Prints the
// rule count, observations/s for matching (claims_of) on a scan-like mix, on markers only and
// on misses only, OUI lookups/s, and whole hosts (identify_devices: grouping, matching, merging).
// Usage: identify_speed [FINGERPRINTS_DIR] [OBSERVATIONS]   (default: the source tree, 2,000,000)
#include <identify/identify.hpp>
#include <identify/knowledge.hpp>
#include <identify/merge.hpp>

#include <fmt/format.h>

#include <ctime>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using camaudit::Observation;

// A realistic mix: every rule's examples (hits) and counter-examples (near misses), plus
// values no rule knows, each under its own key, with MACs from camera and other makers.
std::vector<Observation> corpus(const camaudit::identify::Knowledge& knowledge, bool hits) {
    const std::vector<std::string> macs = {"44:47:cc:10:20:30", "3c:ef:8c:01:02:03", "00:40:8c:aa:bb:cc",
                                           "00:18:82:00:00:01", "", "46:00:00:00:00:01"};
    std::vector<Observation> out;
    auto add = [&](const std::string& key, const std::string& value) {
        Observation o;
        o.ip = fmt::format("10.{}.{}.{}", out.size() >> 16 & 255, out.size() >> 8 & 255, out.size() & 255);
        o.mac = macs[out.size() % macs.size()];
        o.key = key;
        o.value = value;
        o.port = 80;
        o.probe = "http";
        out.push_back(std::move(o));
    };
    for (const auto& rule : knowledge.signatures.rules()) {
        if (hits) {
            for (const auto& example : rule.examples) add(rule.key, example.value);
            continue;
        }
        for (const auto& counter : rule.counter_examples) add(rule.key, counter);
        add(rule.key, "Apache/2.4.57 (Debian) OpenSSL/3.0.11");
        add(rule.key, "<html><head><title>Welcome to nginx!</title></head><body>It works</body></html>");
    }
    return out;
}

// CPU seconds of this thread: on a shared machine the wall clock also counts other people's
// work, so rates are per second of this core's time.
double cpu_now() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

double seconds_since(double start) { return cpu_now() - start; }

}  // namespace

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : CAMAUDIT_SOURCE_DATA_DIR;
    const std::size_t total = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2'000'000;
    auto start = cpu_now();
    const auto knowledge = camaudit::identify::load_knowledge(dir);
    const double load_s = seconds_since(start);
    const auto hits = corpus(*knowledge, true);
    const auto misses = corpus(*knowledge, false);
    std::vector<Observation> values;  // a scan's mix: most values are generic, one in five is a marker
    for (std::size_t i = 0; i < misses.size(); ++i) {
        values.push_back(misses[i]);
        if (i % 4 == 0) values.push_back(hits[(i / 4) % hits.size()]);
    }
    auto match_rate = [&](const std::vector<Observation>& set, std::size_t count, std::size_t& claims) {
        const double start = cpu_now();
        for (std::size_t i = 0; i < count; ++i) {
            const Observation& o = set[i % set.size()];
            claims += camaudit::identify::claims_of(o, *knowledge).size();
        }
        return count / seconds_since(start);
    };
    // The OUI is looked up once per MAC and probe of a host, not per observation: measured apart.
    auto oui_rate = [&](std::size_t count, std::size_t& claims) {
        const double start = cpu_now();
        for (std::size_t i = 0; i < count; ++i) claims += camaudit::identify::oui_claims_of(values[i % values.size()], *knowledge).size();
        return count / seconds_since(start);
    };
    std::size_t claims = 0;
    const double mix_rate = match_rate(values, total, claims);
    const double hit_rate = match_rate(hits, total / 4, claims);
    const double miss_rate = match_rate(misses, total / 4, claims);
    std::size_t oui_claims = 0;
    const double mac_rate = oui_rate(total / 4, oui_claims);

    // Whole hosts: the same observations, in batches the size of a /24's worth of devices.
    std::vector<Observation> batch(values.begin(), values.end());
    start = cpu_now();
    std::size_t identified = 0, devices = 0;
    while (identified < total / 4) {
        devices += camaudit::identify::identify_devices(batch, *knowledge).size();
        identified += batch.size();
    }
    const double identify_s = seconds_since(start);

    fmt::print("rules: {} signatures, {} OUI assignments (loaded in {:.0f} ms); corpus {} distinct values\n",
               knowledge->signatures.rule_count(), knowledge->oui.table.size(), load_s * 1000, values.size());
    fmt::print("match (mix, 1 marker in 5): {} observations, {:.0f} observations/s of one core's CPU ({} claims in all)\n",
               total, mix_rate, claims);
    fmt::print("match (every value a rule example): {:.0f}/s; (no rule matches): {:.0f}/s\n", hit_rate, miss_rate);
    fmt::print("OUI lookups: {:.0f}/s ({} claims)\n", mac_rate, oui_claims);
    fmt::print("identify: {} observations in {:.2f} s of CPU = {:.0f} observations/s ({} devices)\n", identified,
               identify_s, identified / identify_s, devices);
    return mix_rate >= 1e6 ? 0 : 1;
}
