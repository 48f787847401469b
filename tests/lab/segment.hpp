// A real layer-2 segment for tests: a scanner-side network namespace holding a bridge, and
// one namespace per emulated device joined to it by a veth pair whose device end carries the
// profile's vendor MAC. Addresses live in 10.77.0.0/24 inside these namespaces only, so no
// frame can leave the machine. Needs root; everything is removed by the destructor.
#pragma once
#include <lab/lab.hpp>

#include <boost/asio/ip/address_v4.hpp>
#include <memory>
#include <string>
#include <vector>

namespace camaudit::lab {

struct SegmentDevice {
    std::string id;
    std::string mac;        // the profile's "mac" (lower case), or a locally administered one
    boost::asio::ip::address_v4 address;
    std::string netns;      // the device's namespace
    const Profile* profile;
};

class Segment {
public:
    // Builds the segment for `profiles` (device i at 10.77.0.(10+i), at most 200). Throws
    // RunError naming the failing `ip` command; whatever was made is removed first.
    explicit Segment(const std::vector<const Profile*>& profiles);
    Segment(const Segment&) = delete;
    Segment& operator=(const Segment&) = delete;
    ~Segment();  // stops the responders, deletes every namespace (and so every link)

    const std::string& scanner_netns() const { return scanner_netns_; }
    static constexpr const char* interface = "seg0";  // the scanner's interface (the bridge)
    static constexpr const char* scanner_address = "10.77.0.1";
    static constexpr const char* subnet = "10.77.0.0/24";
    const std::vector<SegmentDevice>& devices() const { return devices_; }

    // Starts the UDP responders each profile asks for (WS-Discovery, SADP, DHIP, SSDP, SNMP,
    // mDNS), inside its device's namespace, bound to the service port and joined on eth0 to
    // the service's group (224.0.0.251 for mDNS, 239.255.255.251 for DHIP, 239.255.255.250
    // for the others, none for SNMP), so they answer unicast and multicast probes alike. Idempotent.
    void start_udp_responders();

    // `ip netns exec NS sh -c 'COMMAND'` (COMMAND without single quotes); the exit status.
    static int run_in(const std::string& netns, const std::string& command);

    // Calls `work` with the calling thread inside `netns`, then returns it to where it was
    // (sockets made inside stay in that namespace). Throws RunError when it cannot enter.
    template <class Work> void inside(const std::string& netns, Work&& work);

private:
    struct Responders;
    void build(const std::string& prefix, const std::vector<const Profile*>& profiles);
    void teardown() noexcept;
    int enter(const std::string& netns);
    void leave(int original);

    std::string scanner_netns_;
    std::vector<SegmentDevice> devices_;
    std::vector<std::string> created_;  // namespaces to delete
    std::unique_ptr<Responders> responders_;
};

template <class Work> void Segment::inside(const std::string& netns, Work&& work) {
    const int original = enter(netns);
    try {
        work();
    } catch (...) {
        leave(original);
        throw;
    }
    leave(original);
}

}  // namespace camaudit::lab
