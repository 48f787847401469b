// Sets of addresses as sorted, merged, disjoint ranges, and the exact subtraction that makes
// exclusions win.
#pragma once
#include <targets/expression.hpp>
#include <vector>

namespace camaudit::targets {

// How many addresses a range holds (at most 2^128 - 1 for a whole family, never asked for).
inline Uint128 range_size(const AddressRange& range) { return range.last - range.first + 1; }

// Sorted by (family, first), overlapping and touching ranges joined.
std::vector<AddressRange> normalise(std::vector<AddressRange> ranges);

// `from` without every address in `remove`; both normalised, and so is the result.
std::vector<AddressRange> subtract(const std::vector<AddressRange>& from,
                                   const std::vector<AddressRange>& remove);

}  // namespace camaudit::targets
