// Proves the MAC registry reader on the real IEEE files Debian's ieee-data installs: a MAC
// resolves to its registered organisation, the longest prefix wins (MA-S and MA-M inside an
// IEEE MA-L block), locally administered and multicast MACs claim nothing, and all three
// files load well under a second.
#include <doctest/doctest.h>

#include <identify/oui_table.hpp>

#include <camaudit/error.hpp>

#include <chrono>
#include <ctime>
#include <fstream>
#include <unistd.h>

namespace {

using camaudit::identify::OuiTable;

const OuiTable& registry() {
    static const OuiTable table = OuiTable::load_registry("/usr/share/ieee-data");
    return table;
}

}  // namespace

TEST_CASE("a Hikvision MAC resolves to the registered MA-L organisation, in any spelling") {
    for (const char* mac : {"44:47:cc:12:34:56", "44-47-CC-12-34-56", "4447cc123456"}) {
        INFO(mac);
        const auto* entry = registry().lookup(mac);
        REQUIRE(entry != nullptr);
        CHECK(entry->prefix == "44:47:CC");
        CHECK(entry->registry == "MA-L");
        CHECK(entry->organisation == "Hangzhou Hikvision Digital Technology Co.,Ltd.");
    }
}

TEST_CASE("the longest prefix wins: MA-S and MA-M assignments inside IEEE's own MA-L blocks") {
    const auto* norsat = registry().lookup("70:b3:d5:0a:e1:23");
    REQUIRE(norsat != nullptr);
    CHECK(norsat->registry == "MA-S");
    CHECK(norsat->prefix == "70:B3:D5:0A:E");
    CHECK(norsat->organisation == "Norsat International Inc.");
    const auto* hikrobot = registry().lookup("b0:b3:53:6f:00:01");
    REQUIRE(hikrobot != nullptr);
    CHECK(hikrobot->registry == "MA-M");
    CHECK(hikrobot->organisation == "Hangzhou Hikrobot Technology Co., Ltd.");
    // Elsewhere in the same MA-L block only the block's holder is known.
    const auto* block = registry().lookup("b0:b3:53:f0:00:01");
    REQUIRE(block != nullptr);
    CHECK(block->registry == "MA-L");
    CHECK(block->organisation == "IEEE Registration Authority");
}

TEST_CASE("locally administered, multicast, malformed and unknown MACs claim nothing") {
    CHECK(registry().lookup("46:47:cc:12:34:56") == nullptr);  // 0x02 bit: locally administered
    CHECK(registry().lookup("45:47:cc:12:34:56") == nullptr);  // 0x01 bit: multicast
    CHECK(registry().lookup("ff:ff:ff:ff:ff:ff") == nullptr);
    CHECK(registry().lookup("01:00:5e:00:00:fb") == nullptr);
    CHECK(registry().lookup("44:47:cc:12:34") == nullptr);
    CHECK(registry().lookup("44:47:cc:12:34:5g") == nullptr);
    CHECK(registry().lookup("") == nullptr);
}

// CPU time of this thread: the machine running the tests may be shared, wall time is not ours.
static std::chrono::nanoseconds thread_cpu_time() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

TEST_CASE("the three registry files load in well under a second of CPU, even unoptimised") {
    const auto wall = std::chrono::steady_clock::now();
    const auto cpu = thread_cpu_time();
    const auto table = OuiTable::load_registry("/usr/share/ieee-data");
    const auto took = thread_cpu_time() - cpu;
    MESSAGE("loaded ", table.size(), " assignments in ",
            std::chrono::duration_cast<std::chrono::milliseconds>(took).count(), " ms CPU (",
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - wall).count(),
            " ms wall)");
    CHECK(table.size() > 40000);
    CHECK(took < std::chrono::milliseconds(500));
}

TEST_CASE("an override adds a prefix newer than the registry copy, and a missing folder is empty") {
    auto table = OuiTable::load_registry("/nonexistent-ieee-data");
    CHECK(table.size() == 0);
    CHECK(table.add("00:BC:99", "override", "Hangzhou Hikvision Digital Technology", "Hikvision"));
    CHECK_FALSE(table.add("00:BC", "override", "too short"));
    const auto* entry = table.lookup("00:bc:99:00:00:01");
    REQUIRE(entry != nullptr);
    CHECK(entry->vendor == "Hikvision");
}

TEST_CASE("a registry file that is not the IEEE CSV is refused naming the file") {
    const auto dir = std::filesystem::temp_directory_path() / ("oui-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "oui.csv") << "Registry,Assignment,Organization Name,Organization Address\n"
                                   << "MA-L,NOTHEX,Someone,Somewhere\n";
    CHECK_THROWS_WITH_AS(OuiTable::load_registry(dir), doctest::Contains("oui.csv:2"), camaudit::DataError);
    std::ofstream(dir / "oui.csv") << "<html>not a registry</html>\n";
    CHECK_THROWS_AS(OuiTable::load_registry(dir), camaudit::DataError);
    std::filesystem::remove_all(dir);
}
