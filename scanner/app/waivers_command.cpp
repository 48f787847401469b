// `camaudit waivers check FILE` (waivers_command.hpp).
#include <app/waivers_command.hpp>

#include <app/cli_style.hpp>
#include <app/data_dir.hpp>

#include <fmt/format.h>

namespace camaudit::app {
namespace {

std::string device_key(const policy::Waiver& w) {
    if (!w.mac.empty()) return "mac " + w.mac;
    if (!w.serial.empty()) return "serial " + w.serial;
    return "address " + w.address;
}

}  // namespace

std::vector<policy::Waiver> load_checked_waivers(const std::string& file, const std::filesystem::path& data_dir) {
    auto waivers = policy::load_waivers(file);
    policy::check_regulations(waivers, policy::RegulationDb::load(data_dir));
    return waivers;
}

CLI::App* add_waivers_command(CLI::App& app, WaiversArgs& args) {
    auto* check = add_check_command(app, "waivers", "Check a waiver file without scanning",
                                    "Validate FILE as 'camaudit scan --waivers FILE' would read it");
    long_description(*check,
        "Read FILE as 'camaudit scan --waivers FILE' would: every field known, exactly one\n"
        "of mac, serial, address per waiver, MAC and address syntax, real dates, a regulation\n"
        "id the data folder holds, and no two waivers for the same device and regulation.\n"
        "Prints each waiver with the device it names, its regulation and its expiry (and\n"
        "whether it has lapsed today, UTC). Sends nothing. docs/waivers.md has the format.");
    check->add_option("file", args.file, "The TOML waiver file")->required()->type_name("FILE");
    check->add_option("--fingerprints", args.fingerprints, "Data folder (default: the installed one)")->type_name("DIR");
    static constexpr ExitStatus check_statuses[] = {
        {0, "the file is valid (lapsed waivers are listed, not errors)"},
        {2, "it is not: the error names FILE:LINE and the field"}};
    check->footer(exit_status_block(check_statuses));
    return check->get_parent();
}

int run_waivers_check(const WaiversArgs& args) {
    const auto waivers = load_checked_waivers(args.file, fingerprints_dir(args.fingerprints));
    const auto today = policy::utc_today();
    fmt::print("{}: valid, {} waiver{}\n", args.file, waivers.size(), waivers.size() == 1 ? "" : "s");
    for (const auto& w : waivers)
        fmt::print("  {}  {} under {}, {} {}\n", w.origin, device_key(w), w.regulation,
                   today <= w.expires ? "holds until" : "LAPSED on", policy::day_text(w.expires));
    return 0;
}

}  // namespace camaudit::app
