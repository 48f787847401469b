// The other scanners' options camaudit knows (foreign_options.hpp), and the rewrite.
#include <app/foreign_options.hpp>

#include <camaudit/error.hpp>

#include <algorithm>
#include <fmt/format.h>

namespace camaudit::app {

namespace {

ForeignOption refused(std::string_view token, std::string_view tool, std::string_view camaudit) {
    return {token, tool, camaudit, false, {}, false, {}};
}

ForeignOption aliased(std::string_view token, std::string_view tool, std::string_view camaudit, std::string_view option,
                      bool takes_value, std::string_view value_prefix) {
    return {token, tool, camaudit, true, option, takes_value, value_prefix};
}

}  // namespace

const std::vector<ForeignOption>& foreign_options() {
    static const std::vector<ForeignOption> table = {
        // Same meaning: accepted.
        aliased("-iL", "nmap, masscan", "@FILE (a target file)", "", true, "@"),
        aliased("--excludefile", "nmap, masscan", "--exclude @FILE", "--exclude", true, "@"),
        aliased("-Pn", "nmap", "--no-discovery", "--no-discovery", false, ""),
        aliased("--max-rate", "nmap, masscan", "--rate N", "--rate", true, ""),
        aliased("--max-retries", "nmap", "--retries N", "--retries", true, ""),
        // nmap's ceiling of the learned timeout is camaudit's --timeout.
        aliased("--max-rtt-timeout", "nmap", "--timeout DURATION", "--timeout", true, ""),
        // Output: camaudit writes one report with --out and --format, and views beside it.
        refused("-oX", "nmap, masscan", "--out FILE --format json (or --html, --csv, --ndjson FILE)"),
        refused("-oN", "nmap", "--out FILE --format text"),
        refused("-oG", "nmap, masscan", "--csv FILE (one row per device)"),
        refused("-oA", "nmap", "--out FILE --html FILE.html --csv FILE.csv"),
        refused("-oS", "nmap", "--out FILE --format text"),
        refused("-oJ", "masscan", "--out FILE --format json"),
        refused("-oD", "masscan", "--ndjson FILE"),
        refused("-oL", "masscan", "--csv FILE"),
        refused("-oB", "masscan", "--out FILE --format json"),
        refused("-oU", "masscan", "--out FILE --format json"),
        refused("-oH", "masscan", "--out FILE --format json"),
        // Scan types and timing: camaudit chooses the sweep itself.
        refused("-sS", "nmap", "nothing: the SYN sweep is used when camaudit has CAP_NET_RAW"),
        refused("-sT", "nmap", "nothing: the connect sweep is used without CAP_NET_RAW"),
        refused("-sV", "nmap", "nothing: every open port gets the deep probes (--probes to choose)"),
        refused("-sU", "nmap", "nothing: the UDP probes run by default (--probes to choose)"),
        refused("-sn", "nmap", "camaudit always finishes the audit; --ports to narrow it"),
        refused("-sP", "nmap", "camaudit always finishes the audit; --ports to narrow it"),
        refused("-A", "nmap", "nothing: identification always runs"),
        refused("-O", "nmap", "nothing: identification always runs"),
        refused("-F", "nmap", "--ports default (the camera port table)"),
        refused("--top-ports", "nmap, masscan", "--ports default (the camera port table) or --ports LIST"),
        refused("-p-", "nmap", "--ports 1-65535"),
        refused("--exclude-ports", "nmap, masscan", "--ports LIST without them"),
        refused("-T0", "nmap", "--rate N and --timeout DURATION"),
        refused("-T1", "nmap", "--rate N and --timeout DURATION"),
        refused("-T2", "nmap", "--rate N and --timeout DURATION"),
        refused("-T3", "nmap", "--rate N and --timeout DURATION"),
        refused("-T4", "nmap", "--rate N and --timeout DURATION"),
        refused("-T5", "nmap", "--rate N and --timeout DURATION"),
        refused("--min-rate", "nmap", "--rate N (a ceiling; camaudit has no floor)"),
        refused("--host-timeout", "nmap", "--max-duration DURATION"),
        refused("--min-rtt-timeout", "nmap", "nothing: the learned timeout's floor is 100ms (--no-adaptive-timing for --timeout as it is)"),
        refused("--initial-rtt-timeout", "nmap", "--timeout DURATION (discovery's, before any round trip is known)"),
        refused("--open", "nmap, masscan", "nothing: a report lists only hosts that answered"),
        refused("--script", "nmap", "--probes LIST (read-only probes only)"),
        refused("--banners", "masscan", "nothing: every open port gets the deep probes"),
        refused("--randomize-hosts", "nmap", "nothing: the order is always a random permutation (--seed)"),
        refused("-iR", "nmap", "a target: camaudit scans only what you name"),
        refused("-e", "nmap, masscan", "--interface IF (with --arp)"),
        refused("--adapter-ip", "masscan", "nothing: the kernel picks the source address"),
        refused("--router-mac", "masscan", "nothing: the kernel routes the probes"),
        refused("--ping", "masscan", "nothing: host discovery runs first"),
        refused("-n", "nmap", "nothing: camaudit resolves only the names you give"),
        refused("-6", "nmap", "an IPv6 target, as it is"),
        refused("-B", "zmap", "--rate N (probes per second)"),
        refused("-w", "zmap", "@FILE (a target file)"),
        refused("-b", "zmap", "--exclude @FILE"),
        refused("-M", "zmap", "nothing: camaudit chooses its probes (--probes LIST)"),
        refused("-r", "zmap", "--rate N"),
    };
    return table;
}

namespace {

const ForeignOption* find_foreign(std::string_view token) {
    const auto name = token.substr(0, token.find('='));
    for (const auto& option : foreign_options())
        if (option.token == name || (option.token == token)) return &option;
    // nmap's -oX FILE family also glues the file on (-oXscan.xml); CLI11 would read --out Xscan.xml.
    if (token.size() > 2 && token.substr(0, 2) == "-o" && std::isupper(static_cast<unsigned char>(token[2])))
        for (const auto& option : foreign_options())
            if (option.token.size() == 3 && token.substr(0, 3) == option.token) return &option;
    return nullptr;
}

[[noreturn]] void refuse(std::string_view token, const ForeignOption& option) {
    throw UsageError(fmt::format("'{}' is an option of {}, not of camaudit", token, option.tool),
                     fmt::format("in camaudit: {} (docs/nmap-users.md)", option.camaudit));
}

}  // namespace

std::vector<std::string> translate_foreign_options(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& token = args[i];
        if (token == "--") {
            out.insert(out.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
            break;
        }
        const ForeignOption* option = token.starts_with("-") ? find_foreign(token) : nullptr;
        if (!option) {
            out.push_back(token);
            continue;
        }
        if (!option->alias) refuse(token, *option);
        if (!option->option.empty()) out.emplace_back(option->option);
        if (!option->takes_value) continue;
        const auto equals = token.find('=');
        std::string value;
        if (equals != std::string::npos) value = token.substr(equals + 1);
        else if (i + 1 < args.size()) value = args[++i];
        else throw UsageError(fmt::format("'{}' needs a value", token), fmt::format("in camaudit: {}", option->camaudit));
        out.push_back(std::string(option->value_prefix) + value);
    }
    return out;
}

}  // namespace camaudit::app
