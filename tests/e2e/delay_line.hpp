// A delay line between two network namespaces a test made, for kernels without sch_netem
// (`tc qdisc ... netem delay` is unknown there): a TAP device in each, and a thread that carries
// every Ethernet frame across, holding the far side's frames back by a fixed delay.
#pragma once
#include <chrono>
#include <string>
#include <thread>

namespace camaudit::testing {

class DelayLine {
public:
    static constexpr const char* device = "dl0";  // the TAP device's name in both namespaces

    // Throws std::runtime_error when a TAP device cannot be made (no /dev/net/tun).
    DelayLine(const std::string& near_netns, const std::string& far_netns, std::chrono::milliseconds far_delay);
    ~DelayLine();
    DelayLine(const DelayLine&) = delete;
    DelayLine& operator=(const DelayLine&) = delete;

private:
    void relay();

    std::chrono::milliseconds far_delay_;
    int near_ = -1, far_ = -1;
    int wake_[2] = {-1, -1};  // the destructor writes here to end the relay
    std::thread thread_;
};

}  // namespace camaudit::testing
