// Proves that @file target lists are read as one expression per line with comments, blank
// lines and padding ignored, and that a bad line, a nested @ or an unreadable file is named.
#include <doctest/doctest.h>
#include "fake_resolver.hpp"
#include <camaudit/error.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <targets/target_set.hpp>
#include <unistd.h>

using namespace camaudit;
using namespace camaudit::targets;
namespace fs = std::filesystem;

namespace {

// A private folder under the system temp folder, removed at the end of the test.
struct TempFolder {
    fs::path path = fs::temp_directory_path() /
                    ("camaudit-targets-test-" + std::to_string(::getpid()));
    TempFolder() { fs::create_directories(path); }
    ~TempFolder() { fs::remove_all(path); }

    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return (path / name).string();
    }
};

TargetSet build(const TargetSpec& spec, std::vector<ReportError>& errors) {
    test::FakeResolver fake;
    fake.table["cam.example"] = {"10.7.0.1"};
    return TargetSet::build(spec, fake.resolver(), errors);
}

std::string error_of(const TargetSpec& spec) {
    std::vector<ReportError> errors;
    try {
        build(spec, errors);
    } catch (const UsageError& e) {
        return e.what();
    }
    FAIL("no UsageError");
    return {};
}

}  // namespace

TEST_CASE("a target file with comments, blank lines, padding and CRLF line ends") {
    TempFolder folder;
    const auto file = folder.write("site.txt",
                                   "# site A cameras\n"
                                   "\n"
                                   "   10.0.0.0/30   \n"
                                   "10.0.1.1-3 # NVR row\r\n"
                                   "\t\n"
                                   "cam.example\n"
                                   "fd00::1\n"
                                   "    # indented comment\n");
    std::vector<ReportError> errors;
    const auto set = build({{"@" + file, "192.0.2.1"}, {}, false}, errors);
    CHECK(errors.empty());
    CHECK(set.size() == 4 + 3 + 1 + 1 + 1);
    CHECK(set.contains(boost::asio::ip::make_address("10.0.1.3")));
    CHECK(set.contains(boost::asio::ip::make_address("10.7.0.1")));
    CHECK(set.contains(boost::asio::ip::make_address("fd00::1")));
}

TEST_CASE("a target file as the exclusion list") {
    TempFolder folder;
    const auto file = folder.write("skip.txt", "10.0.0.1\n# the NVR\n10.0.0.200-255\n");
    std::vector<ReportError> errors;
    const auto set = build({{"10.0.0.0/24"}, {"@" + file}, false}, errors);
    CHECK(set.size() == 256 - 1 - 56);
    CHECK_FALSE(set.contains(boost::asio::ip::make_address("10.0.0.1")));
    CHECK_FALSE(set.contains(boost::asio::ip::make_address("10.0.0.230")));
}

TEST_CASE("a bad line is reported with file:line and the quoted token") {
    TempFolder folder;
    const auto file = folder.write("bad.txt", "10.0.0.1\n# fine\n10.0.0.300 # typo\n");
    CHECK(error_of({{"@" + file}, {}, false}) ==
          file + ":3: bad target '10.0.0.300': octet 300 out of range (0-255)");
    const auto skip = folder.write("badskip.txt", "\n\nnot_a_host\n");
    CHECK(error_of({{"10.0.0.1"}, {"@" + skip}, false}) ==
          skip + ":3: bad exclusion 'not_a_host': not an address, a range or a valid host name");
}

TEST_CASE("a nested @file inside a target file is refused") {
    TempFolder folder;
    const auto inner = folder.write("inner.txt", "10.0.0.1\n");
    const auto outer = folder.write("outer.txt", "10.0.0.2\n@" + inner + "\n");
    CHECK(error_of({{"@" + outer}, {}, false}) ==
          outer + ":2: nested @file '@" + inner + "' is not allowed in a target file");
}

TEST_CASE("an unreadable or empty target file") {
    TempFolder folder;
    const auto missing = (folder.path / "missing.txt").string();
    CHECK(error_of({{"@" + missing}, {}, false}).find("cannot read target file '" + missing + "'") ==
          0);
    CHECK(error_of({{"@" + folder.path.string()}, {}, false})
              .find("cannot read target file '" + folder.path.string() + "'") == 0);
    const auto empty = folder.write("empty.txt", "# nothing yet\n\n");
    CHECK(error_of({{"@" + empty}, {}, false}) == "no target given");
}
