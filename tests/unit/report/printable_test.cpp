// Proves printable() shows C0, DEL, C1, bidi controls, line separators and invalid UTF-8 as
// escapes and keeps readable UTF-8, and that every human view of a report (terminal summary,
// text, HTML, diff) shows the hostile strings of hostile_strings.hpp safely in every field.
#include <report/printable.hpp>
#include <report/report_diff.hpp>
#include <report/report_writer.hpp>
#include <report/text_report.hpp>

#include "hostile_strings.hpp"

#include <doctest/doctest.h>

using camaudit::report::printable;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("printable: controls, bidi and separators become escapes") {
    CHECK(printable("plain ASCII, 100% [ok]") == "plain ASCII, 100% [ok]");
    CHECK(printable(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(printable("\t\n\r\x1b\x7f") == "\\x09\\x0a\\x0d\\x1b\\x7f");
    CHECK(printable("\xc2\x80|\xc2\x85|\xc2\x9f") == "\\u0080|\\u0085|\\u009f");
    CHECK(printable("\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9") == "\\u202a\\u202e\\u2066\\u2069");
    CHECK(printable("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c") == "\\u200e\\u200f\\u061c");
    CHECK(printable("\xe2\x80\xa8\xe2\x80\xa9") == "\\u2028\\u2029");
}

TEST_CASE("printable: readable UTF-8 stays, invalid UTF-8 is shown byte by byte") {
    CHECK(printable("caf\xc3\xa9 \xc2\xa7 5 \xe2\x82\xac \xe6\xb5\xb7\xe5\xba\xb7 \xf0\x9f\x93\xb7") ==
          "caf\xc3\xa9 \xc2\xa7 5 \xe2\x82\xac \xe6\xb5\xb7\xe5\xba\xb7 \xf0\x9f\x93\xb7");
    CHECK(printable("\xc2\xa0nbsp") == "\xc2\xa0nbsp");  // a space, not a control
    CHECK(printable("cut \xc2") == "cut \\xc2");
    CHECK(printable("\xff\xfe") == "\\xff\\xfe");
    CHECK(printable("\xc0\xaf") == "\\xc0\\xaf");              // overlong '/'
    CHECK(printable("\xed\xa0\x80") == "\\xed\\xa0\\x80");     // a UTF-16 surrogate
    CHECK(printable("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
    CHECK(printable("\xe2\x82") == "\\xe2\\x82");              // cut inside a 3-byte character
    CHECK(printable("\xe2\x82x") == "\\xe2\\x82x");
}

TEST_CASE("every hostile string comes out of printable safe") {
    for (const auto& h : camaudit::test::hostile_strings()) {
        CAPTURE(h);
        CHECK(camaudit::test::first_unsafe(printable(h)) == "");
        // the checker sees the attack (an LF it leaves to check_no_forged_lines)
        CHECK((!camaudit::test::first_unsafe(h).empty() || h.find('\n') != std::string::npos));
    }
}

TEST_CASE("terminal summary and text report: hostile strings in every field stay on their line") {
    const auto report = camaudit::test::hostile_strings_report();
    const auto summary = camaudit::report::terminal_summary(report);
    const auto text = camaudit::report::render_text(report);
    CHECK(camaudit::test::first_unsafe(summary) == "");
    CHECK(camaudit::test::first_unsafe(text) == "");
    camaudit::test::check_no_forged_lines(summary);
    camaudit::test::check_no_forged_lines(text);
    CHECK(has(summary, "10.66.0.11      prohibited Hikvision ls\\u2028NEW VIOLATION: 10.66.0.4 is prohibited"));
    CHECK(has(text, "serial rlo\\u202egnp.exe"));
    CHECK(has(text, "hostname cr\\x0dNEW VIOLATION: 10.66.0.2 is prohibited"));
}

TEST_CASE("html: hostile strings are escaped for HTML and made visible") {
    const auto html = camaudit::report::render_html(camaudit::test::hostile_strings_report());
    CHECK(camaudit::test::first_unsafe(html) == "");
    CHECK(has(html, "rlo\\u202egnp.exe"));
    CHECK(has(html, "esc\\x1b[2J\\x1b]0;pwned\\x07"));
}

TEST_CASE("diff: a device cannot forge a NEW VIOLATION line or rewrite its own") {
    using nlohmann::json;
    const auto after_report = camaudit::report::to_json(camaudit::test::hostile_strings_report());
    json before = after_report;
    before["devices"] = json::array();
    json changed = after_report;
    for (auto& d : changed["devices"]) d["firmware"] = camaudit::test::hostile_strings()[2];
    for (const auto& [older, newer] : {std::pair{before, after_report}, std::pair{after_report, changed},
                                       std::pair{after_report, before}}) {
        const auto text = camaudit::report::diff_text(camaudit::report::diff_reports(older, newer));
        CHECK(camaudit::test::first_unsafe(text) == "");
        camaudit::test::check_no_forged_lines(text);
    }
    const auto text = camaudit::report::diff_text(camaudit::report::diff_reports(before, after_report));
    CHECK(has(text, "NEW VIOLATION: 10.66.0.10 (esc\\x1b[2J\\x1b]0;pwned\\x07) is prohibited\n"));
}
