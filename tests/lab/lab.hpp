// The device lab: serves device profiles (tests/lab/devices/*.json) on loopback addresses
// inside a private network namespace, for `camaudit demo`, the end-to-end tests and the
// benchmarks. Include as <lab/lab.hpp>.
#pragma once
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace camaudit::lab {

// One device profile as loaded from <dir>/<id>.json. `data` keeps key order and header case
// exactly as written; `tcp_ports` is open_tcp_ports sorted and without duplicates.
struct Profile {
    std::string id;
    nlohmann::ordered_json data;
    std::vector<std::uint16_t> tcp_ports;
};

// Every *.json file of `dir` (not recursive), sorted by id. Throws DataError naming the file
// (and the field) when one is not a valid profile, and when two files share an id.
std::vector<Profile> load_profiles(const std::filesystem::path& dir);

// Where a device lives in the lab. `profile` points into the Lab that made it.
struct Placement {
    std::string id;
    boost::asio::ip::address address;
    const Profile* profile;
};

struct SparseDevice;  // sparse.hpp

// Device i (in id order) at first+i; every address must stay inside 127.0.0.0/8, otherwise
// the constructor throws UsageError. Listeners run on one thread with one io_context.
class Lab {
public:
    explicit Lab(std::vector<Profile> profiles,
                 boost::asio::ip::address_v4 first = boost::asio::ip::make_address_v4("127.0.1.1"));
    // Sparse placement (sparse.hpp): device d is profiles[d.profile] at d.address, named
    // sparse_id(...). Every address must be inside 127.0.0.0/8 (UsageError otherwise).
    Lab(std::vector<Profile> profiles, const std::vector<SparseDevice>& devices);
    Lab(const Lab&) = delete;
    Lab& operator=(const Lab&) = delete;
    ~Lab();

    // Binds every listener and returns once all of them are listening. Throws RunError
    // naming device, address and port when one cannot be bound, and when this process has
    // not entered a private network namespace (see enter_private_network_namespace).
    void start();
    // Closes every listener and connection and joins the lab thread; idempotent.
    void stop();

    const std::vector<Placement>& placements() const;

private:
    struct Running;
    std::vector<Profile> profiles_;
    std::vector<Placement> placements_;
    std::unique_ptr<Running> running_;
};

// Moves the calling process, which must still be single-threaded, into a new network
// namespace with `lo` up: an unprivileged user+network namespace when the kernel allows it,
// a plain network namespace as root otherwise. The namespace ends with the process, so
// nothing is left behind. Throws RunError saying how to proceed when neither works.
void enter_private_network_namespace();

// True once enter_private_network_namespace() has succeeded in this process.
bool in_private_network_namespace();

}  // namespace camaudit::lab
