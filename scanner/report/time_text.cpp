// Report times as text: ISO 8601, UTC, with the 'Z' suffix, second precision.
#include <report/time_text.hpp>

#include <ctime>
#include <fmt/chrono.h>

namespace camaudit::report {

std::string iso_utc(TimePoint t) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(Clock::to_time_t(seconds)));
}

}  // namespace camaudit::report
