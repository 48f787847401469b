// Two network namespaces joined by a veth pair, made for one test and deleted after it: the
// scanner side holds 198.18.0.1/24, the target side 198.18.0.2/24 (RFC 2544 benchmark
// addresses that exist only inside these namespaces), so no packet can leave the machine.
#pragma once
#include "../../lab/netns_scope.hpp"

#include <string>

namespace camaudit::test {

class VethPair {
public:
    static constexpr const char* scanner_address = "198.18.0.1";
    static constexpr const char* target_address = "198.18.0.2";

    // Why the pair cannot be built here (not root, no `ip netns`), or "" when it can.
    static std::string unavailable();
    // Throws std::runtime_error naming the failing command; whatever was made is removed.
    VethPair();
    ~VethPair();
    VethPair(const VethPair&) = delete;
    VethPair& operator=(const VethPair&) = delete;

    const std::string& scanner() const { return scanner_; }
    const std::string& target() const { return target_; }

    // `ip netns exec NS sh -c 'COMMAND'`; false when it exits non-zero.
    static bool run_in(const std::string& netns, const std::string& command);
    // Runs `work` with this thread inside `netns`, then returns it to its namespace.
    template <class Work> static void inside(const std::string& netns, Work&& work) {
        const lab::NetnsScope scope(netns);
        work();
    }

private:
    void remove() noexcept;
    std::string scanner_;
    std::string target_;
};

}  // namespace camaudit::test
