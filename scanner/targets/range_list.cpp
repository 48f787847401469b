// Range-list arithmetic for the scan scope: one sort and one linear sweep each, so a scope of
// many expressions never turns into a list of addresses.
#include <targets/range_list.hpp>

#include <algorithm>
#include <tuple>

namespace camaudit::targets {
namespace {

bool before(const AddressRange& a, const AddressRange& b) {
    return std::tie(a.family, a.first, a.last) < std::tie(b.family, b.first, b.last);
}

// True when `next` (sorted after `current`) overlaps or directly follows it.
bool joins(const AddressRange& current, const AddressRange& next) {
    return next.family == current.family &&
           (current.last == ~Uint128{0} || next.first <= current.last + 1);
}

}  // namespace

std::vector<AddressRange> normalise(std::vector<AddressRange> ranges) {
    std::sort(ranges.begin(), ranges.end(), before);
    std::vector<AddressRange> merged;
    for (const auto& range : ranges) {
        if (!merged.empty() && joins(merged.back(), range))
            merged.back().last = std::max(merged.back().last, range.last);
        else
            merged.push_back(range);
    }
    return merged;
}

std::vector<AddressRange> subtract(const std::vector<AddressRange>& from,
                                   const std::vector<AddressRange>& remove) {
    std::vector<AddressRange> result;
    auto cut = remove.begin();
    for (auto piece : from) {
        // Skip removals wholly before this piece; they cannot touch later pieces either.
        while (cut != remove.end() && (cut->family < piece.family ||
                                       (cut->family == piece.family && cut->last < piece.first)))
            ++cut;
        bool left = true;
        for (auto c = cut; left && c != remove.end() && c->family == piece.family &&
                           c->first <= piece.last;
             ++c) {
            if (c->first > piece.first) result.push_back({piece.family, piece.first, c->first - 1});
            if (c->last >= piece.last) left = false;
            else piece.first = c->last + 1;
        }
        if (left) result.push_back(piece);
    }
    return result;
}

}  // namespace camaudit::targets
