// A layer-2 segment of a few lab profiles, chosen by id, for the namespace tests: the profiles
// are loaded once and outlive the Segment that points into them. Needs root.
#pragma once
#include <lab/lab.hpp>
#include <lab/segment.hpp>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace camaudit::testing {

struct ChosenSegment {
    std::vector<lab::Profile> profiles;
    std::unique_ptr<lab::Segment> segment;

    const lab::SegmentDevice& device(const std::string& id) const {
        for (const auto& device : segment->devices())
            if (device.id == id) return device;
        throw std::logic_error("no segment device " + id);
    }
};

inline ChosenSegment chosen_segment(const std::filesystem::path& profile_dir, const std::vector<std::string>& ids) {
    ChosenSegment made;
    for (auto& profile : lab::load_profiles(profile_dir))
        if (std::find(ids.begin(), ids.end(), profile.id) != ids.end()) made.profiles.push_back(std::move(profile));
    std::vector<const lab::Profile*> chosen;
    for (const auto& profile : made.profiles) chosen.push_back(&profile);
    made.segment = std::make_unique<lab::Segment>(chosen);
    return made;
}

}  // namespace camaudit::testing
