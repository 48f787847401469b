// Proves the passive decoder table agrees with the vocabulary: every key a decoder may emit
// is described once in fingerprints/vocabulary, names are unique, and every decoder has a
// summary and a capture filter.
#include <identify/vocabulary.hpp>
#include <passive/registry.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>

TEST_CASE("every key a passive decoder declares is in the vocabulary") {
    const auto keys = camaudit::identify::vocabulary_keys(CAMAUDIT_SOURCE_DATA_DIR);
    for (const camaudit::PassiveDecoder* decoder : camaudit::passive::all_decoders()) {
        CHECK_FALSE(decoder->emits.empty());
        for (const auto key : decoder->emits) {
            INFO(decoder->name, " emits ", key);
            CHECK(keys.count(std::string(key)) == 1);
        }
    }
}

TEST_CASE("passive decoder names are unique and each has a summary, a filter and both functions") {
    std::set<std::string_view> names;
    for (const camaudit::PassiveDecoder* decoder : camaudit::passive::all_decoders()) {
        INFO(decoder->name);
        CHECK(names.insert(decoder->name).second);
        CHECK_FALSE(decoder->summary.empty());
        CHECK_FALSE(decoder->capture_filter.empty());
        CHECK(static_cast<bool>(decoder->wants));
        CHECK(static_cast<bool>(decoder->decode));
    }
    for (const char* name : {"wsd", "sadp", "dhip", "http", "rtsp", "tls", "ssdp", "mdns"}) {
        INFO(name);
        CHECK(names.count(name) == 1);
    }
}

TEST_CASE("the decoders of this table are selectable by name") {
    const auto chosen = camaudit::passive::select_decoders("sadp,tls");
    REQUIRE(chosen.size() == 2);
    CHECK(chosen[0]->name == "sadp");
    CHECK(chosen[1]->name == "tls");
}
