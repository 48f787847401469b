// Proves the CSV has one RFC 4180 row per device, quotes commas, semicolons and quotes, holds
// no raw control character, and defuses every cell a spreadsheet would run as a formula
// whatever blank precedes it; Python's csv module reads it back, for ',' and ';' alike.
#include <report/report_writer.hpp>

#include "../policy/temp_dir.hpp"
#include "hostile_strings.hpp"
#include "sample_report.hpp"

#include <cstdlib>
#include <doctest/doctest.h>

using camaudit::report::csv_cell;

TEST_CASE("csv cells: quoting and formula neutralisation") {
    CHECK(csv_cell("Axis") == "Axis");
    CHECK(csv_cell("a,b") == "\"a,b\"");
    CHECK(csv_cell("a;b") == "\"a;b\"");  // semicolon locales split there
    CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_cell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
    CHECK(csv_cell("+1") == "'+1");
    CHECK(csv_cell("-2+3") == "'-2+3");
    CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_cell("") == "");
    CHECK(csv_cell("a-b=c") == "a-b=c");  // a leader inside a cell is no formula
}

TEST_CASE("csv cells: a leader behind any blank is defused, controls never reach a cell") {
    CHECK(csv_cell(" =1+1") == "' =1+1");
    CHECK(csv_cell("\xc2\xa0=1+1") == "'\xc2\xa0=1+1");                    // NBSP
    CHECK(csv_cell("\xe3\x80\x80\xe2\x80\x83-1") == "'\xe3\x80\x80\xe2\x80\x83-1");  // ideographic, em space
    CHECK(csv_cell("\xef\xbb\xbf@x") == "'\xef\xbb\xbf@x");                  // a BOM
    CHECK(csv_cell("\xef\xbc\x9d" "1+1") == "'\xef\xbc\x9d" "1+1");          // full-width '='
    CHECK(csv_cell("two\nlines") == "two\\x0alines");
    CHECK(csv_cell("\n=cmd|' /C calc'!A0") == "\\x0a=cmd|' /C calc'!A0");   // begins with '\', no formula
    CHECK(csv_cell("\t=1") == "\\x09=1");
    CHECK(csv_cell("\r@SUM(1)") == "\\x0d@SUM(1)");
    CHECK(csv_cell("\xe2\x80\xae" "exe") == "\\u202eexe");
    CHECK(csv_cell(";=1+1") == "\";'=1+1\"");  // one cell, and defused where ';' separates
    CHECK(csv_cell("a;\"\xc2\xa0+1") == "\"a;'\"\"\xc2\xa0+1\"");
}

TEST_CASE("csv: a header and one CRLF row per device") {
    auto report = camaudit::test::sample_report();
    report.devices[1].model = "=cmd|'/c calc'!A0";
    const auto csv = camaudit::report::render_csv(report);
    CHECK(csv.starts_with("ip,mac,hostname,vendor,brand,model,firmware,serial,device_type,relabel,confidence,status,"));
    std::size_t rows = 0;
    for (std::size_t p = 0; (p = csv.find("\r\n", p)) != std::string::npos; p += 2) ++rows;
    CHECK(rows == 4);
    CHECK(csv.find("10.20.0.5,44:47:cc:01:02:03,,Hikvision,EZVIZ,CS-C6N,V5.3.0,,camera,yes,0.92,prohibited,"
                   "us-ndaa-889:prohibited,80/tcp 554/tcp,2026-01-01T00:01:00Z,2026-01-01T00:01:15Z\r\n") !=
          std::string::npos);
    CHECK(csv.find(",'=cmd|'/c calc'!A0,") != std::string::npos);
}

// Python reads the file with the given delimiter; it exits 0 only when there is one row per
// line, 16 cells a row, and no cell, after the blanks Python knows, starts a formula.
TEST_CASE("csv: Python's csv module reads hostile devices back, for ',' and ';' locales") {
    if (std::system("/usr/bin/python3 -c 'import csv' 2>/dev/null") != 0) {
        MESSAGE("python3 is not installed; skipped");
        return;
    }
    auto report = camaudit::test::hostile_strings_report();
    const std::vector<std::string> formulas = {" =1+1", "\xc2\xa0=1+1", "\n=cmd|' /C calc'!A0", "\t=1", ";=1+1",
                                               "\r@SUM(1)", "\xe3\x80\x80-1", "\xef\xbc\x9d" "1+1", ",=2", "\"=3"};
    for (std::size_t i = 0; i < formulas.size(); ++i) report.devices.at(3 + i).model = formulas[i];
    camaudit::test::TempDir dir;
    const auto file = dir.path() / "r.csv";
    camaudit::test::write_file(file, camaudit::report::render_csv(report));
    const std::string script =
        "import csv,io,sys\n"
        "raw=open(sys.argv[1],'rb').read()\n"
        "assert not any(b<0x20 and b not in (13,10) for b in raw), 'raw control byte'\n"
        "lines=raw.split(b'\\r\\n')[:-1]\n"
        "assert all(b'\\n' not in l and b'\\r' not in l for l in lines), 'bare line break'\n"
        "text=raw.decode('utf-8',errors='surrogateescape')\n"
        "rows=list(csv.reader(io.StringIO(text,newline=''), delimiter=sys.argv[2]))\n"
        "assert len(rows)==len(lines)==int(sys.argv[3]), (len(rows),len(lines))\n"
        "blanks=' \\u00a0\\u1680\\u2000\\u2001\\u2002\\u2003\\u2004\\u2005\\u2006\\u2007\\u2008\\u2009\\u200a\\u200b"
        "\\u202f\\u205f\\u3000\\ufeff\\t\\r\\n'\n"
        "leaders=tuple('=+-@\\uff1d\\uff0b\\uff0d\\uff20')\n"
        "for r in rows:\n"
        "  if sys.argv[2]==',': assert len(r)==16, r\n"
        "  for c in r: assert not c.lstrip(blanks).startswith(leaders), repr(c)\n";
    camaudit::test::write_file(dir.path() / "check.py", script);
    const auto rows = std::to_string(report.devices.size() + 1);
    for (const char* delimiter : {",", ";"}) {
        CAPTURE(delimiter);
        const std::string command = "/usr/bin/python3 " + (dir.path() / "check.py").string() + " " + file.string() +
                                    " '" + delimiter + "' " + rows;
        CHECK(std::system(command.c_str()) == 0);
    }
}
