// Which device types count as video surveillance equipment for the inventory and policies.
#include <camaudit/device.hpp>

#include <array>
#include <string_view>

namespace camaudit {

// Recorders, encoders, door stations and access terminals with a camera are covered
// "video surveillance equipment" as much as cameras are (NDAA §889 names the category).
bool is_camera_type(const std::string& device_type) {
    static constexpr std::array<std::string_view, 7> camera_types = {
        "camera", "nvr", "dvr", "encoder", "doorbell", "intercom", "access_control"};
    for (const auto type : camera_types)
        if (device_type == type) return true;
    return false;
}

}  // namespace camaudit
