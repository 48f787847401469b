// Proves the HTML report, loaded in a real headless Chromium, shows the counts, the prohibited
// device's row and its evidence, hides rows for a #filter= fragment, prints to PDF, never
// runs a device's markup, and forbids network access in its Content-Security-Policy.
#include <report/report_writer.hpp>

#include "../policy/temp_dir.hpp"
#include "sample_report.hpp"

#include <array>
#include <cstdio>
#include <doctest/doctest.h>
#include <re2/re2.h>
#include <unistd.h>

namespace {

const char* chromium = "/usr/bin/chromium";

camaudit::Report hostile_report() {
    auto r = camaudit::test::sample_report();
    r.devices[2].model = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";
    r.devices[2].hostname = "\"><b>bold</b>";
    return r;
}

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return out;
    std::array<char, 65536> buf{};
    for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0;) out.append(buf.data(), n);
    pclose(pipe);
    return out;
}

std::string browser(const camaudit::test::TempDir& dir, const std::string& args) {
    return run("timeout 90 " + std::string(chromium) +
               " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
               " --disable-component-update --disable-sync --user-data-dir=" + (dir.path() / "profile").string() +
               " --virtual-time-budget=3000 " + args + " 2>/dev/null");
}

// The screenshot and PDF are kept beside the test binary, in the build folder.
std::filesystem::path artefacts() {
    auto dir = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "artefacts";
    std::filesystem::create_directories(dir);
    return dir;
}

int count(const std::string& text, const std::string& pattern) {
    int n = 0;
    re2::StringPiece in(text);
    while (RE2::FindAndConsume(&in, pattern)) ++n;
    return n;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("html: device values are escaped and the page may not reach the network") {
    const auto html = camaudit::report::render_html(hostile_report());
    CHECK(has(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
    CHECK_FALSE(has(html, "<script>document.title"));
    CHECK_FALSE(has(html, "<img src=x"));
    CHECK(has(html, "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"));
    CHECK(has(html, "Contractor evidence (FAR 52.204-24 / 52.204-26)"));
    CHECK(count(html, "<script>") == 1);
    CHECK_FALSE(RE2::PartialMatch(html, R"((src|href)="?(https?:)?//)"));
}

TEST_CASE("html: 'How this report was made' shows the provenance, every value escaped") {
    auto report = camaudit::test::sample_report();
    CHECK_FALSE(has(camaudit::report::render_html(report), "How this report was made"));  // no block, no section
    auto& p = report.provenance;
    p.command_line = {"camaudit", "scan", "<img src=x onerror=alert(1)>"};
    p.environment = {{"CAMAUDIT_DATA_DIR", "/srv/\"data\""}};
    p.config_path = "site.toml";
    p.config_absolute = "/etc/camaudit/site.toml";
    p.config_sha256 = std::string(64, 'c');
    p.host = "auditor-01";
    p.git_commit = "0123abc";
    p.data = {{"oui_registry", "/usr/share/ieee-data", std::string(64, 'b'), 3, 41946, "2022-08-27", ".lastupdate"}};
    const auto html = camaudit::report::render_html(report);
    CHECK(has(html, "<section id=\"provenance\"><h2>How this report was made</h2>"));
    CHECK(has(html, "&lt;img src=x onerror=alert(1)&gt;"));
    CHECK_FALSE(has(html, "<img src=x"));
    CHECK(has(html, "CAMAUDIT_DATA_DIR=/srv/&quot;data&quot;"));
    CHECK(has(html, std::string(64, 'c')));
    CHECK(has(html, "41946 entries, 2022-08-27 (.lastupdate)"));
    CHECK(has(html, "commit <code>0123abc</code>"));
    CHECK(count(html, "<script>") == 1);
}

TEST_CASE("html: what a person sees in Chromium — counts, the prohibited row, a filter, print") {
    if (access(chromium, X_OK) != 0) {
        MESSAGE("chromium not installed (apt-get install chromium); skipping the browser test");
        return;
    }
    camaudit::test::TempDir dir;
    const auto page = dir.path() / "report.html";
    camaudit::test::write_file(page, camaudit::report::render_html(hostile_report()));
    const std::string url = "file://" + page.string();

    const auto dom = browser(dir, "--dump-dom '" + url + "'");
    REQUIRE(has(dom, "</html>"));
    CHECK(has(dom, "<title>camaudit report scan-0001</title>"));  // the device's script never ran
    CHECK(has(dom, "id=\"count-devices\"><b>3</b>devices"));
    CHECK(has(dom, "id=\"count-prohibited\"><b>1</b>prohibited"));
    CHECK(has(dom, "id=\"count-unknown\"><b>1</b>unknown"));
    CHECK(RE2::PartialMatch(dom, R"(<tr class="device" data-status="prohibited"[^>]*><td>10\.20\.0\.5</td><td>44:47:cc:01:02:03</td><td>Hikvision</td><td>EZVIZ</td><td>CS-C6N</td>)"));
    CHECK(has(dom, "<span id=\"visible-count\">3</span>"));
    CHECK_FALSE(has(dom, "<b>bold</b>"));

    const auto filtered = browser(dir, "--dump-dom '" + url + "#filter=axis'");
    CHECK(count(filtered, R"(<tr class="device hidden")") == 2);
    CHECK(has(filtered, "<tr class=\"device\" data-status=\"allowed\""));
    CHECK(has(filtered, "<span id=\"visible-count\">1</span>"));
    const auto by_status = browser(dir, "--dump-dom '" + url + "#status=prohibited'");
    CHECK(has(by_status, "<span id=\"visible-count\">1</span>"));

    const auto shot = artefacts() / "html_report.png";
    const auto pdf = artefacts() / "html_report.pdf";
    std::filesystem::remove(shot);
    std::filesystem::remove(pdf);
    browser(dir, "--window-size=1280,2200 --screenshot=" + shot.string() + " '" + url + "'");
    browser(dir, "--no-pdf-header-footer --print-to-pdf=" + pdf.string() + " '" + url + "'");
    REQUIRE(std::filesystem::exists(shot));
    CHECK(std::filesystem::file_size(shot) > 10000);
    REQUIRE(std::filesystem::exists(pdf));
    CHECK(camaudit::test::read_file(pdf).starts_with("%PDF"));
    CHECK(std::filesystem::file_size(pdf) > 5000);
}
