// The whole lab on the namespace segment: every device's TCP services (HTTP, HTTPS, RTSP,
// banners, sinks: the same responders as the loopback Lab) bound inside its own namespace on
// its 10.77.0.x address, plus the UDP responders the Segment starts. Needs root.
#pragma once
#include <lab/segment.hpp>

#include <memory>

namespace camaudit::lab {

class SegmentServices {
public:
    // Binds every device's TCP ports inside its namespace and starts them on one thread
    // with one io_context, then starts the segment's UDP responders. Returns once all of
    // them listen. Throws RunError naming device, address and port when one cannot be bound.
    // `segment` must outlive this object.
    explicit SegmentServices(Segment& segment);
    SegmentServices(const SegmentServices&) = delete;
    SegmentServices& operator=(const SegmentServices&) = delete;
    ~SegmentServices();

    // Closes every listener and connection and joins the thread; idempotent. The UDP
    // responders stop with the Segment.
    void stop();

private:
    struct Running;
    std::unique_ptr<Running> running_;
};

}  // namespace camaudit::lab
