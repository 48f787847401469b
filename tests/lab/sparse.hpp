// Sparse placement: the lab's devices at scattered, seeded addresses of a range, as on a real
// network where most addresses hold nothing; and the nftables rule that makes every other
// address of that range silent (packets dropped, no reset, no ICMP).
#pragma once
#include <lab/lab.hpp>

#include <boost/asio/ip/address_v4.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::lab {

// An IPv4 range a.b.c.d/p with 16 <= p <= 30 (at most 65536 addresses).
struct Cidr {
    boost::asio::ip::address_v4 network;
    unsigned prefix = 32;

    std::uint64_t size() const { return std::uint64_t{1} << (32 - prefix); }
    boost::asio::ip::address_v4 at(std::uint64_t offset) const;
    boost::asio::ip::address_v4 broadcast() const { return at(size() - 1); }
    bool contains(const boost::asio::ip::address_v4& address) const;
    std::string to_string() const;
};

// Parses "a.b.c.d/p"; host bits must be zero. Throws UsageError saying what is wrong.
Cidr parse_cidr(std::string_view text);

// One placed device: `profile` indexes the profile list it was placed from; `copy` is 0 for
// the first device of a profile and counts its repeats (see sparse_id).
struct SparseDevice {
    std::size_t profile;
    std::size_t copy;
    boost::asio::ip::address_v4 address;
};

// A placed device's id: the profile's id for its first copy, "<profile id>~<copy+1>" after.
std::string sparse_id(const std::string& profile_id, std::size_t copy);

// `count` devices: the profiles in a seeded order, repeated round robin when count exceeds
// them (so each appears count/profiles times, give or take one), at
// addresses drawn from the range's hosts (neither network nor broadcast nor one of
// `reserved`) by a generator seeded with `seed`, so one seed always gives one placement.
// Devices come back in address order. Throws UsageError when the range is too small.
std::vector<SparseDevice> place_sparse(std::size_t profile_count, const Cidr& range, std::size_t count,
                                       std::uint64_t seed,
                                       const std::vector<boost::asio::ip::address_v4>& reserved = {});

// The device count for a share of the range's addresses (0 < density <= 1), at least 1.
std::size_t count_for_density(const Cidr& range, double density);

// The nftables ruleset (nft -f syntax) that drops every packet to an address of `range` that
// is not in `assigned`, both delivered locally (input: the loopback lab, a router's own
// address) and routed on (forward: the routed segment): no reset, no ICMP unreachable, no
// echo reply, as a filtering firewall does.
std::string drop_unassigned_ruleset(const Cidr& range, const std::vector<boost::asio::ip::address_v4>& assigned);

// Loads drop_unassigned_ruleset with `nft -f` into the calling process's network namespace,
// or into the named one (`ip netns exec`). Throws RunError when nft is missing or refuses it
// (the message says how to install it).
void drop_unassigned(const Cidr& range, const std::vector<boost::asio::ip::address_v4>& assigned,
                     const std::string& netns = {});

}  // namespace camaudit::lab
