// Proves every rule of fingerprints/*.json matches each of its examples with the captures it
// promises, and matches none of its counter-examples (recog's fingerprint self-test).
#include <doctest/doctest.h>

#include <identify/identify.hpp>
#include <identify/signature_db.hpp>

namespace {

const std::filesystem::path data_dir = CAMAUDIT_SOURCE_DATA_DIR;

const camaudit::identify::SignatureMatch* find_rule(
    const std::vector<camaudit::identify::SignatureMatch>& matches, const camaudit::Signature& rule) {
    for (const auto& match : matches)
        if (match.rule == &rule) return &match;
    return nullptr;
}

}  // namespace

TEST_CASE("every signature example matches its rule with the promised captures") {
    const auto knowledge = camaudit::identify::load_knowledge(data_dir);
    const auto& db = camaudit::identify::signatures(*knowledge);
    REQUIRE(db.rule_count() > 100);
    for (const auto& rule : db.rules()) {
        for (const auto& example : rule.examples) {
            INFO("file ", rule.file, ", rule ", rule.id, ", example \"", example.value, "\"");
            const auto matches = db.match(rule.key, example.value);
            const auto* match = find_rule(matches, rule);
            REQUIRE(match != nullptr);
            for (const auto& [name, expected] : example.captures) {
                INFO("capture ", name);
                const auto got = match->captures.find(name);
                REQUIRE(got != match->captures.end());
                CHECK(got->second == expected);
            }
        }
    }
}

TEST_CASE("no signature matches its own counter-examples") {
    const auto knowledge = camaudit::identify::load_knowledge(data_dir);
    const auto& db = camaudit::identify::signatures(*knowledge);
    for (const auto& rule : db.rules())
        for (const auto& counter : rule.counter_examples) {
            INFO("file ", rule.file, ", rule ", rule.id, ", counter-example \"", counter, "\"");
            CHECK(find_rule(db.match(rule.key, counter), rule) == nullptr);
        }
}

TEST_CASE("verify_examples, the 'fingerprints test' command's checker, finds nothing to report") {
    const auto knowledge = camaudit::identify::load_knowledge(data_dir);
    const auto failures = camaudit::identify::verify_examples(camaudit::identify::signatures(*knowledge));
    for (const auto& failure : failures)
        FAIL_CHECK(failure.file << ": " << failure.rule << ": " << failure.message);
    CHECK(failures.empty());
}

TEST_CASE("every rule has a weight in 0..1, a description and a source") {
    const auto db = camaudit::identify::SignatureDb::load(data_dir);
    for (const auto& rule : db.rules()) {
        INFO("file ", rule.file, ", rule ", rule.id);
        CHECK(rule.weight > 0);
        CHECK(rule.weight <= 1);
        CHECK(!rule.description.empty());
        CHECK(rule.id.find('.') != std::string::npos);
    }
}
