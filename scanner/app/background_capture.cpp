// The capture beside an active scan (background_capture.hpp).
#include <app/background_capture.hpp>

#include <camaudit/error.hpp>
#include <parse/arp_packet.hpp>
#include <parse/link_frame.hpp>
#include <passive/registry.hpp>

#include <boost/asio/ip/address.hpp>
#include <csignal>
#include <fmt/format.h>
#include <pthread.h>
#include <set>

namespace camaudit::app {
namespace {

net::PcapSource open_interface(const std::string& interface) {
    net::LiveCaptureOptions live;
    live.interface = interface;
    return net::PcapSource::open_live(live);
}

bool in_scope(const targets::TargetSet& scope, const std::string& ip) {
    boost::system::error_code error;
    const auto address = boost::asio::ip::make_address(ip, error);
    return !error && scope.contains(address);
}

}  // namespace

BackgroundCapture::BackgroundCapture(const std::string& interface) : source_(open_interface(interface)) {
    if (!parse::link_type_supported(source_.link_type()))
        throw UsageError(fmt::format("--passive-while-scanning {}: link type {} is not supported", interface,
                                     source_.link_type_label()),
                         "listen on an Ethernet interface");
    options_.decoders = passive::select_decoders("all");
    options_.source_name = interface;
    options_.stop = &stop_;
    options_.own_signals = false;  // Ctrl-C belongs to the scan, which then stops us
    filter_ = passive::capture_filter(options_.decoders);
    if (!filter_.empty()) source_.set_filter(filter_);
}

BackgroundCapture::~BackgroundCapture() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

void BackgroundCapture::start() {
    // A thread inherits the signal mask: blocked here, SIGINT and SIGTERM always reach the
    // scan's thread, whose handlers decide what they mean.
    sigset_t blocked, previous;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &blocked, &previous);
    thread_ = std::thread([this] {
        try {
            result_ = passive::run_capture(source_, options_);
        } catch (const std::exception& error) {
            result_.errors.push_back({options_.source_name, "capture", error.what()});
        }
        result_.source_name = options_.source_name;
    });
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

passive::CaptureResult BackgroundCapture::stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return std::move(result_);
}

void add_in_scope_macs(std::set<std::string>& macs, const targets::TargetSet& scope,
                       const std::vector<Observation>& observations) {
    for (const auto& o : observations)
        if (!o.mac.empty() && !o.ip.empty() && in_scope(scope, o.ip)) macs.insert(o.mac);
}

ScopeCounts keep_in_scope(std::vector<Observation>& heard, const targets::TargetSet& scope,
                          std::set<std::string> macs, const std::optional<net::InterfaceInfo>& own) {
    const std::string own_ip = own ? own->address.to_string() : std::string();
    const std::string own_mac = own ? parse::mac_text(own->mac) : std::string();
    add_in_scope_macs(macs, scope, heard);
    ScopeCounts counts;
    std::erase_if(heard, [&](const Observation& o) {
        if (own && (o.ip == own_ip || o.mac == own_mac)) {
            ++counts.own_host;
            return true;
        }
        const bool keep = o.ip.empty() ? macs.contains(o.mac) : in_scope(scope, o.ip);
        if (!keep) ++counts.out_of_scope;
        return !keep;
    });
    return counts;
}

}  // namespace camaudit::app
