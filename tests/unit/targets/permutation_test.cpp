// Proves that the scan order is a bijection on [0, size) for small to huge sizes, fixed by the
// seed and different across seeds, and that shards K/N are disjoint and together complete.
#include <doctest/doctest.h>
#include <algorithm>
#include <camaudit/error.hpp>
#include <limits>
#include <stdexcept>
#include <string>
#include <targets/permutation.hpp>
#include <vector>

using namespace camaudit;
using namespace camaudit::targets;

namespace {

std::vector<std::uint64_t> order(std::uint64_t size, std::uint64_t seed) {
    Permutation permutation(size, seed);
    std::vector<std::uint64_t> out;
    for (std::uint64_t i = 0; i < size; ++i) out.push_back(permutation.at(i));
    return out;
}

// The values at `count` evenly spread positions, checked to be in range and pairwise distinct.
void check_sampled_distinct(std::uint64_t size, std::uint64_t count, std::uint64_t seed) {
    Permutation permutation(size, seed);
    std::vector<std::uint64_t> values;
    const std::uint64_t step = size / count;
    for (std::uint64_t i = 0; i < count; ++i) {
        values.push_back(permutation.at(i * step + (i % 7)));
        REQUIRE(values.back() < size);
    }
    values.push_back(permutation.at(size - 1));
    std::sort(values.begin(), values.end());
    CHECK(std::adjacent_find(values.begin(), values.end()) == values.end());
}

}  // namespace

TEST_CASE("every element is visited exactly once, for many sizes and seeds") {
    for (std::uint64_t size : {1u, 2u, 3u, 7u, 255u, 256u, 257u, 65536u, 1000003u}) {
        for (std::uint64_t seed : {0ull, 1ull, 0xdeadbeefcafeull}) {
            INFO("size ", size, " seed ", seed);
            Permutation permutation(size, seed);
            CHECK(permutation.size() == size);
            std::vector<bool> seen(size);
            std::uint64_t distinct = 0;
            for (std::uint64_t i = 0; i < size; ++i) {
                const auto value = permutation.at(i);
                REQUIRE(value < size);
                distinct += seen[value] ? 0 : 1;
                seen[value] = true;
            }
            CHECK(distinct == size);
        }
    }
}

TEST_CASE("the order is fixed by (size, seed) and differs between seeds") {
    CHECK(order(1000, 7) == order(1000, 7));
    std::vector<std::vector<std::uint64_t>> orders;
    for (std::uint64_t seed = 0; seed < 20; ++seed) orders.push_back(order(1000, seed));
    std::vector<std::uint64_t> identity(1000);
    for (std::uint64_t i = 0; i < 1000; ++i) identity[i] = i;
    for (std::size_t a = 0; a < orders.size(); ++a) {
        CHECK(orders[a] != identity);
        for (std::size_t b = a + 1; b < orders.size(); ++b) CHECK(orders[a] != orders[b]);
    }
    // Even the first few picks differ: two seeds do not start the scan on the same addresses.
    const auto first = order(65536, 1), second = order(65536, 2);
    CHECK(!std::equal(first.begin(), first.begin() + 8, second.begin()));
}

TEST_CASE("huge sizes give distinct in-range values at sampled positions") {
    check_sampled_distinct(std::uint64_t{1} << 40, 100000, 3);
    check_sampled_distinct((std::uint64_t{1} << 48) + 3, 50000, 4);
    check_sampled_distinct(std::numeric_limits<std::uint64_t>::max(), 20000, 5);
    CHECK_THROWS_AS(Permutation(10, 1).at(10), std::out_of_range);
}

TEST_CASE("shards are disjoint, together complete, and total() is exact") {
    const std::pair<std::uint64_t, std::uint64_t> cases[] = {
        {1, 1}, {1, 4}, {5, 8}, {10, 3}, {1000, 7}, {65536, 16}, {100003, 5}};
    for (const auto& the_case : cases) {
        const auto size = the_case.first, count = the_case.second;
        INFO("size ", size, " shards ", count);
        Permutation permutation(size, 42);
        std::vector<int> visits(size);
        for (std::uint64_t k = 1; k <= count; ++k) {
            ShardWalk walk(permutation, {k, count});
            std::uint64_t seen = 0;
            for (auto e = walk.next(); e; e = walk.next(), ++seen) {
                REQUIRE(*e == permutation.at(k - 1 + seen * count));  // positions K-1, K-1+N, ...
                ++visits[*e];
            }
            CHECK(seen == walk.total());
            CHECK_FALSE(walk.next());
        }
        CHECK(std::all_of(visits.begin(), visits.end(), [](int v) { return v == 1; }));
    }
}

TEST_CASE("shard walks near 2^64 neither overflow nor miscount") {
    const auto max = std::numeric_limits<std::uint64_t>::max();
    Permutation permutation(max, 9);
    CHECK(ShardWalk(permutation, {3, 3}).total() == (max - 3) / 3 + 1);
    ShardWalk wide(permutation, {1, (std::uint64_t{1} << 63) + 1});
    CHECK(wide.total() == 2);
    CHECK(wide.next());
    CHECK(wide.next());
    CHECK_FALSE(wide.next());
    ShardWalk last(permutation, {max, max});
    CHECK(last.total() == 1);
}

TEST_CASE("parse_shard reads K/N and quotes what it cannot use") {
    CHECK(parse_shard("3/16").index == 3);
    CHECK(parse_shard("3/16").count == 16);
    CHECK(parse_shard("1/1").count == 1);
    const std::pair<const char*, const char*> bad[] = {
        {"0/4", "K must be between 1 and N"}, {"5/4", "K must be between 1 and N"},
        {"a/b", "K and N must be whole numbers"},            {"3", "expected K/N"},
        {"3/0", "N must be at least 1"},      {"", "expected K/N"},
        {"3/16x", "K and N must be whole numbers"},           {"+3/16", "K and N must be whole numbers"},
        {"-1/4", "K and N must be whole numbers"},            {"3 /16", "K and N must be whole numbers"},
        {"99999999999999999999/1", "K and N must be whole numbers"}};
    for (const auto& the_case : bad) {
        const auto text = the_case.first, why = the_case.second;
        INFO(text);
        CHECK_THROWS_WITH_AS(parse_shard(text),
                             (std::string("bad shard '") + text + "': " + why).c_str(), UsageError);
    }
    CHECK_THROWS_AS(ShardWalk(Permutation(10, 1), Shard{0, 4}), UsageError);
}
