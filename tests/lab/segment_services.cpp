// One io_context thread serves every namespace: each listening socket is made inside its
// device's namespace (Segment::inside) and stays there, whichever thread then runs it.
#include <lab/segment_services.hpp>
#include <lab/tcp_services.hpp>

#include <boost/asio/io_context.hpp>

#include <thread>

namespace camaudit::lab {

struct SegmentServices::Running {
    boost::asio::io_context io{1};
    std::thread thread;
};

SegmentServices::SegmentServices(Segment& segment) : running_(std::make_unique<Running>()) {
    {
        TcpServices tcp_services(running_->io);
        for (const auto& device : segment.devices())
            segment.inside(device.netns, [&] { tcp_services.bind(*device.profile, device.address); });
        tcp_services.spawn_all();
    }
    running_->thread = std::thread([io = &running_->io] { io->run(); });
    segment.start_udp_responders();
}

SegmentServices::~SegmentServices() { stop(); }

void SegmentServices::stop() {
    if (!running_) return;
    running_->io.stop();
    if (running_->thread.joinable()) running_->thread.join();
    running_.reset();  // destroys every pending task, and with it every socket and acceptor
}

}  // namespace camaudit::lab
