// Offline decoding speed of the passive pipeline on one core: a capture file through
// PcapSource, link_frame, the flow table and every decoder (capture_run), without start-up
// (data loading) or identification, which cost per device, not per packet. Built at -O2 in
// any build type (bench/CMakeLists.txt). Goal: >= 2,000,000 packets/s; exits 1 below it.
// Usage: passive_speed FILE
#include <net/pcap_source.hpp>
#include <passive/capture_run.hpp>
#include <passive/registry.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sys/resource.h>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: passive_speed FILE\n");
        return 2;
    }
    auto source = camaudit::net::PcapSource::open_file(argv[1]);
    camaudit::passive::CaptureOptions options;
    options.decoders = camaudit::passive::select_decoders("all");
    options.source_name = argv[1];
    const auto start = std::chrono::steady_clock::now();
    const auto result = camaudit::passive::run_capture(source, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto packets = result.stats.at("packets");
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto cpu_of = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    const double cpu = cpu_of(usage.ru_utime) + cpu_of(usage.ru_stime);  // the file header read included
    const double rate = static_cast<double>(packets) / seconds;
    const double cpu_rate = static_cast<double>(packets) / cpu;
    // On a shared machine wall time includes waiting for a core: CPU time is the one-core figure.
    std::printf("passive_speed: %llu packets: wall %.3f s = %.0f packets/s; CPU %.3f s = %.0f packets/s per core; "
                "%zu observations, peak %.1f MiB\n",
                static_cast<unsigned long long>(packets), seconds, rate, cpu, cpu_rate, result.observations.size(),
                static_cast<double>(usage.ru_maxrss) / 1024.0);
    return std::max(rate, cpu_rate) >= 2'000'000 ? 0 : 1;
}
