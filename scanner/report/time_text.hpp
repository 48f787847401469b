// Report times as text: ISO 8601, UTC, with the 'Z' suffix, second precision.
#pragma once
#include <camaudit/observation.hpp>
#include <string>

namespace camaudit::report {

std::string iso_utc(TimePoint t);

}  // namespace camaudit::report
