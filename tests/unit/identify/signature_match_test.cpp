// Proves matching is safe on any value (huge, binary, invalid UTF-8, empty) and that evidence
// from a long value is a short excerpt around the match, cut on character boundaries.
#include <doctest/doctest.h>

#include <identify/identify.hpp>
#include <identify/signature_db.hpp>

#include <random>

namespace {

const auto& knowledge() {
    static const auto loaded = camaudit::identify::load_knowledge(CAMAUDIT_SOURCE_DATA_DIR);
    return *loaded;
}

bool valid_utf8(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > text.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

}  // namespace

TEST_CASE("any bytes of any size, on every key, match without crashing") {
    const auto& db = camaudit::identify::signatures(knowledge());
    std::mt19937 random(7);
    std::vector<std::string> values = {"", std::string(1, '\0'), std::string(5 * 1024 * 1024, 'A'),
                                       "\xff\xfe\xc3(\xed\xa0\x80", "App-webs/\0hidden"};
    std::string noise(200'000, '\0');
    for (auto& c : noise) c = static_cast<char>(random());
    values.push_back(noise);
    values.push_back(std::string(300'000, 'x') + "Hikvision Digital Technology");
    for (const auto& rule_key : {"http.header.server", "http.body.text", "http.auth.realm", "http.body.title",
                                 "http.path.status", "tcp.port.open", "no.such.key"})
        for (const auto& value : values) CHECK_NOTHROW(db.match(rule_key, value));
    // Matching stops at the first 256 KiB: a marker beyond it is not seen.
    CHECK(db.match("http.body.text", values.back()).empty());
}

TEST_CASE("evidence of a long body is a valid UTF-8 excerpt of at most 256 bytes around the match") {
    std::string body;
    for (int i = 0; i < 2000; ++i) body += "\xc3\xa9t\xc3\xa9 ";  // "été " in UTF-8
    body += "Copyright \xc2\xa9 Hikvision Digital Technology Co., Ltd.";
    for (int i = 0; i < 2000; ++i) body += "\xe2\x82\xac";  // "€"
    camaudit::Observation o;
    o.ip = "10.1.0.1";
    o.key = "http.body.text";
    o.value = body;
    o.port = 80;
    o.probe = "http";
    o.context = "GET /doc/page/login.asp";
    const auto devices = camaudit::identify::identify_devices(std::vector{o}, knowledge());
    REQUIRE(devices.size() == 1);
    REQUIRE(!devices[0].evidence.empty());
    const auto& evidence = devices[0].evidence.front();
    CHECK(evidence.value.size() <= 256);
    CHECK(evidence.value.find("Hikvision Digital Technology") != std::string::npos);
    CHECK(valid_utf8(evidence.value));
}

TEST_CASE("excerpt_around keeps short values whole and never splits a character") {
    using camaudit::identify::excerpt_around;
    CHECK(excerpt_around("short", 0, 5, 256) == "short");
    std::string text;
    for (int i = 0; i < 300; ++i) text += "\xe2\x82\xac";
    for (std::size_t start : {0UL, 1UL, 450UL, 899UL}) {
        const auto cut = excerpt_around(text, start, 3, 256);
        CHECK(cut.size() <= 256);
        CHECK(valid_utf8(cut));
    }
}
