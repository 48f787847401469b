// The values a parser gave one key, in order: what the parse tests assert on.
#pragma once
#include <camaudit/observation.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace camaudit::testing {

inline std::vector<std::string> values_of(const std::vector<Observation>& observations, std::string_view key) {
    std::vector<std::string> values;
    for (const auto& o : observations)
        if (o.key == key) values.push_back(o.value);
    return values;
}

}  // namespace camaudit::testing
