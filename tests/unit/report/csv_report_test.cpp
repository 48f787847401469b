// Proves the CSV has one RFC 4180 row per device, quotes commas, quotes and line breaks, and
// defuses a device value a spreadsheet would run as a formula.
#include <report/report_writer.hpp>

#include "sample_report.hpp"

#include <doctest/doctest.h>

TEST_CASE("csv cells: quoting and formula neutralisation") {
    using camaudit::report::csv_cell;
    CHECK(csv_cell("Axis") == "Axis");
    CHECK(csv_cell("a,b") == "\"a,b\"");
    CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
    CHECK(csv_cell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
    CHECK(csv_cell("+1") == "'+1");
    CHECK(csv_cell("-2+3") == "'-2+3");
    CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_cell("") == "");
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
