// libFuzzer entry point for the target expression grammar: every input must parse or be
// refused without crashing, and whatever parses must build a scope that agrees with itself.
#include <algorithm>
#include <camaudit/error.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <targets/expression.hpp>
#include <targets/target_set.hpp>
#include <vector>

namespace {

using namespace camaudit::targets;

// Names "resolve" to a fixed loopback address: the fuzzer never reaches DNS.
std::vector<boost::asio::ip::address> fake_resolve(const std::string&, std::string&) {
    return {boost::asio::ip::make_address_v4("127.0.0.1")};
}

void check_range(const Expression& e) {
    if (e.kind != Expression::Kind::range) return;
    if (e.range.last < e.range.first) __builtin_trap();
    if (e.range.family == Family::v4 && e.range.last > 0xffffffffu) __builtin_trap();
}

// Input lines become include expressions; "!" before a line makes it an exclusion. @files are
// skipped so the fuzzer never reads the file system.
TargetSpec spec_from(std::string_view text) {
    TargetSpec spec;
    spec.allow_large = true;
    while (!text.empty()) {
        const auto end = std::min(text.find('\n'), text.size());
        auto line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        const bool exclude = !line.empty() && line.front() == '!';
        if (exclude) line.remove_prefix(1);
        if (!line.empty() && line.front() == '@') continue;
        (exclude ? spec.exclude : spec.include).emplace_back(line);
    }
    return spec;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check_range(parse_expression(text));
    std::vector<camaudit::ReportError> errors;
    try {
        const auto set = TargetSet::build(spec_from(text), fake_resolve, errors);
        const auto n = set.size();
        for (std::uint64_t i : {std::uint64_t{0}, n / 3, n / 2, n - 1})
            if (!set.contains(set.at(i))) __builtin_trap();
    } catch (const camaudit::UsageError&) {
        // Refusing bad input is the expected outcome.
    }
    return 0;
}
