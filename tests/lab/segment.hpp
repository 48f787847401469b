// A real layer-2 segment for tests: a scanner-side network namespace holding a bridge, and
// one namespace per emulated device joined to it by a veth pair whose device end carries the
// profile's vendor MAC. Addresses live in 10.77.0.0/24 inside these namespaces only, so no
// frame can leave the machine. Needs root; everything is removed by the destructor.
// A sparse segment (hundreds of devices in a /16) shares a few device namespaces instead.
#pragma once
#include <lab/lab.hpp>
#include <lab/sparse.hpp>

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
    std::string interface = "eth0";  // its interface in that namespace (the one carrying `mac`)
};

// How a sparse segment reaches the scanner: on the same layer-2 segment (ARP to an unassigned
// address goes unanswered), or routed through a router namespace whose nftables drops every
// packet to an unassigned address silently (a filtered, routed network).
enum class SparseLayout { l2, routed };

class Segment {
public:
    // Builds the segment for `profiles` (device i at 10.77.0.(10+i), at most 200). Throws
    // RunError naming the failing `ip` command; whatever was made is removed first.
    explicit Segment(const std::vector<const Profile*>& profiles);
    // A sparse segment: the bridge at the range's first host address, each planned device
    // (plan_sparse) at its own address with its own MAC. Devices share namespaces, up to
    // devices_per_namespace each, with one macvlan interface per device on a veth trunk to
    // the bridge; arp_ignore/arp_announce and one routing rule per source address make
    // each interface answer ARP, and send, only for its own address. Unassigned addresses
    // answer nothing, as on a real LAN. At most 4096 devices. `routed`: the bridge (at the
    // same address) lives in a router namespace instead, joined to the scanner by a veth
    // link (scanner 198.18.0.1/30, interface rt0; router 198.18.0.2) and dropping every
    // packet to an unassigned address of the range (drop_unassigned, its own address too).
    Segment(std::vector<SegmentDevice> planned, const Cidr& range, SparseLayout layout = SparseLayout::l2);
    Segment(const Segment&) = delete;
    Segment& operator=(const Segment&) = delete;
    ~Segment();  // stops the responders, deletes every namespace (and so every link)

    const std::string& scanner_netns() const { return scanner_netns_; }
    static constexpr const char* interface = "seg0";  // the scanner's interface (the bridge)
    static constexpr const char* scanner_address = "10.77.0.1";
    static constexpr const char* subnet = "10.77.0.0/24";
    static constexpr std::size_t devices_per_namespace = 64;
    const std::vector<SegmentDevice>& devices() const { return devices_; }
    // This segment's scanner address, interface and subnet: the constants above unless it is
    // sparse (routed: 198.18.0.1 on rt0).
    const std::string& scanner_ip() const { return scanner_ip_; }
    const std::string& scanner_interface() const { return scanner_interface_; }
    const std::string& subnet_cidr() const { return subnet_cidr_; }

    // The dense layout of `profiles` (device i at 10.77.0.(10+i)) and a sparse one, with
    // each device's id, address and MAC (a repeat keeps its profile's OUI), without building
    // anything: what --list prints. The sparse range must lie inside 10.77.0.0/16.
    static std::vector<SegmentDevice> plan(const std::vector<const Profile*>& profiles);
    // plan_sparse places `count` devices with place_sparse(seed), leaving the bridge's address free.
    static std::vector<SegmentDevice> plan_sparse(const std::vector<Profile>& profiles, const Cidr& range,
                                                  std::size_t count, std::uint64_t seed);
    // The address a sparse segment's bridge takes in `range` (its first host): the scanner's
    // on the l2 layout, the router's on the routed one.
    static boost::asio::ip::address_v4 bridge_address(const Cidr& range) { return range.at(1); }

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
    void build(const std::string& prefix);
    void build_shared(const std::string& prefix, const Cidr& range, SparseLayout layout);
    void build_bridge(const std::string& netns, const std::string& address_with_prefix);
    void build_router(const std::string& prefix, const Cidr& range);
    void teardown() noexcept;
    int enter(const std::string& netns);
    void leave(int original);

    std::string scanner_netns_;
    std::string scanner_ip_ = scanner_address;
    std::string scanner_interface_ = interface;
    std::string subnet_cidr_ = subnet;
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
