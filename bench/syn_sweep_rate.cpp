// Benchmark driver for bench/syn_sweep.sh: one SYN sweep of an IPv4 prefix and ports at a
// rate cap, run inside the namespace the script made; prints one line of counts and the time.
// Usage: syn_sweep_rate PREFIX PORT[,PORT...] RATE [LATE_WAIT_MS]
#include <engine/syn_sweep.hpp>

#include <boost/asio/ip/network_v4.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s PREFIX PORT[,PORT...] RATE [LATE_WAIT_MS]\n", argv[0]);
        return 2;
    }
    const auto network = boost::asio::ip::make_network_v4(argv[1]);
    const auto first = network.network().to_uint();
    std::vector<std::uint16_t> ports;
    for (std::string list = argv[2]; !list.empty();) {
        const auto comma = list.find(',');
        ports.push_back(static_cast<std::uint16_t>(std::stoul(list.substr(0, comma))));
        list = comma == std::string::npos ? "" : list.substr(comma + 1);
    }
    camaudit::engine::SweepPlan plan;
    plan.addresses = {std::uint64_t{1} << (32 - network.prefix_length()),
                      [first](std::uint64_t i) { return boost::asio::ip::address(boost::asio::ip::address_v4(first + static_cast<std::uint32_t>(i))); }};
    plan.ports = ports;
    plan.seed = 1;
    plan.rate = std::stod(argv[3]);
    plan.retries = 0;
    plan.late_wait = std::chrono::milliseconds(argc > 4 ? std::stoi(argv[4]) : 1000);

    auto sweep = camaudit::engine::SynSweep::open(network.network());
    std::atomic<bool> stop{false};
    const auto start = std::chrono::steady_clock::now();
    const auto stats = sweep->run(plan, [](const camaudit::engine::SweepReply&) {}, stop);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("sent %llu open %llu closed %llu invalid %llu send_errors %llu seconds %.3f\n",
                static_cast<unsigned long long>(stats.sent), static_cast<unsigned long long>(stats.open),
                static_cast<unsigned long long>(stats.closed), static_cast<unsigned long long>(stats.invalid),
                static_cast<unsigned long long>(stats.send_errors), seconds);
    for (const auto& warning : stats.warnings) std::fprintf(stderr, "%s\n", warning.c_str());
    return 0;
}
