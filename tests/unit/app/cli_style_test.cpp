// Proves the command line's shared pieces: other scanners' options are rewritten or refused
// (and every one is documented in docs/nmap-users.md), durations have one syntax, and the
// nearest-name hint finds what a typo meant.
#include <app/cli_style.hpp>
#include <app/foreign_options.hpp>
#include <camaudit/error.hpp>

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>

using namespace camaudit;
using namespace camaudit::app;
using Words = std::vector<std::string>;

TEST_CASE("aliases become camaudit options; their values follow, or come after '='") {
    CHECK(translate_foreign_options({"-iL", "hosts.txt"}) == Words{"@hosts.txt"});
    CHECK(translate_foreign_options({"--excludefile=never.txt", "10.0.0.1"}) == Words{"--exclude", "@never.txt", "10.0.0.1"});
    CHECK(translate_foreign_options({"--max-rate", "500"}) == Words{"--rate", "500"});
    CHECK(translate_foreign_options({"-Pn", "10.0.0.1"}) == Words{"--no-discovery", "10.0.0.1"});
    CHECK(translate_foreign_options({"--max-rtt-timeout", "300ms"}) == Words{"--timeout", "300ms"});
    CHECK_THROWS_AS(translate_foreign_options({"-iL"}), UsageError);
}

TEST_CASE("refused options throw, naming the tool; camaudit's own words and everything after -- pass") {
    for (const char* token : {"-oX", "-oXscan.xml", "-sS", "-T4", "--top-ports", "-p-", "-iR", "--min-rtt-timeout"})
        CHECK_THROWS_WITH_AS(translate_foreign_options({token}), doctest::Contains("is an option of"), UsageError);
    const Words own = {"10.0.0.1", "-o", "r.json", "-x", "10.0.0.2", "--rate", "9", "-p", "80"};
    CHECK(translate_foreign_options(own) == own);
    CHECK(translate_foreign_options({"--", "-sS"}) == Words{"--", "-sS"});
}

TEST_CASE("every foreign option is documented in docs/nmap-users.md") {
    std::ifstream in("docs/nmap-users.md");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& option : foreign_options())
        CHECK_MESSAGE(text.str().find("`" + std::string(option.token) + "`") != std::string::npos, option.token);
}

TEST_CASE("one duration syntax: units, sums, decimals, bare numbers in the option's unit") {
    using std::chrono::milliseconds;
    CHECK(duration_value("1500ms", "s") == milliseconds(1500));
    CHECK(duration_value("1.5s", "ms") == milliseconds(1500));
    CHECK(duration_value("1h30m", "s") == milliseconds(5'400'000));
    CHECK(duration_value("90", "s") == milliseconds(90'000));
    CHECK(duration_value("90", "ms") == milliseconds(90));
    for (const char* bad : {"", "s", "-5", "5 m", "2x", "1h30", "5d", "1e3s"}) CHECK_MESSAGE(!duration_value(bad, "s"), bad);
}

TEST_CASE("the nearest known name, only when it is near") {
    CHECK(nearest_name("reveiw", {"prohibited", "review", "unknown"}) == "review");
    CHECK(nearest_name("--exlcude", {"--exclude", "--ports"}) == "--exclude");
    CHECK(nearest_name("frobnicate", {"scan", "diff"}).empty());
}
