// Proves a report that cannot be written (a full disk) fails the run with exit 3 and leaves
// the previous report at that path intact: a small tmpfs in a private mount namespace.
#include "command.hpp"

#include <doctest/doctest.h>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;

TEST_CASE("on a full disk the previous report survives and the exit code is 3") {
    if (geteuid() != 0) {
        MESSAGE("needs root for a private mount namespace with a tmpfs; skipped");
        return;
    }
    const auto dir = fresh_temp_dir("full-disk");
    const auto script = dir / "run.sh";
    // Inside its own mount namespace: a 64 KiB tmpfs holding last night's report and a filler
    // that leaves about 4 KiB free, then a lab scan whose report is far larger than that.
    std::ofstream(script) << "set -e\n"
                             "mount -t tmpfs -o size=64k tmpfs \"$1\"\n"
                             "printf 'previous report' > \"$1/report.json\"\n"
                             "head -c 57344 /dev/zero > \"$1/filler\"\n"
                             "set +e\n"
                             "\"$2\" -- \"$3\" scan 127.0.1.0/26 --rate 20000 --quiet --out \"$1/report.json\"\n"
                             "code=$?\n"
                             "cat \"$1/report.json\" > \"$4/after.txt\"\n"
                             "ls -a \"$1\" > \"$4/listing.txt\"\n"
                             "exit $code\n";
    const auto mountpoint = dir / "mnt";
    std::filesystem::create_directories(mountpoint);
    const auto result = run_command("unshare --mount --propagation private sh " + script.string() + " " +
                                    mountpoint.string() + " " + CAMAUDIT_LAB_BIN + " " + CAMAUDIT_BIN + " " +
                                    dir.string());
    INFO(result.err);
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("report.json") != std::string::npos);
    CHECK(read_file(dir / "after.txt") == "previous report");
    const auto listing = read_file(dir / "listing.txt");
    CHECK(listing.find(".tmp") == std::string::npos);  // no temporary file left behind
}
