// Proves the data files agree with each other: every signature file's key and every key the
// HTTP parser emits is in the vocabulary, every vendor a rule or a lab profile names is
// canonical in vendors.json, and http_paths.json loads within its budget.
#include <doctest/doctest.h>

#include <engine/host_discovery.hpp>
#include <identify/http_paths.hpp>
#include <identify/identify.hpp>
#include <identify/signature_db.hpp>
#include <identify/vendor_db.hpp>
#include <identify/vocabulary.hpp>
#include <parse/http_answer.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

namespace {

const std::filesystem::path data_dir = CAMAUDIT_SOURCE_DATA_DIR;
const std::filesystem::path lab_dir = CAMAUDIT_SOURCE_LAB_DIR;

nlohmann::json read(const std::filesystem::path& file) {
    std::ifstream in(file);
    REQUIRE_MESSAGE(in.good(), file.string());
    return nlohmann::json::parse(in);
}

std::set<std::string> vocabulary() {
    std::set<std::string> keys;
    for (const auto& entry : camaudit::identify::load_vocabulary(data_dir)) {
        INFO("vocabulary key ", entry.key, " in ", entry.file);
        CHECK(keys.insert(entry.key).second);
        CHECK(entry.file.ends_with("/" + entry.key.substr(0, entry.key.find('.')) + ".json"));
    }
    return keys;
}

std::vector<std::filesystem::path> signature_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir))
        if (entry.path().extension() == ".json" && entry.path().filename() != "vendors.json" &&
            entry.path().filename() != "http_paths.json" && entry.path().filename() != "oui_overrides.json" &&
            entry.path().filename() != "brand_labels.json")
            files.push_back(entry.path());
    return files;
}

}  // namespace

TEST_CASE("every signature file is named after a vocabulary key and every rule cites a source") {
    const auto keys = vocabulary();
    const auto files = signature_files();
    REQUIRE(files.size() >= 8);
    for (const auto& file : files) {
        INFO("file ", file.string());
        CHECK(keys.contains(file.stem().string()));
        const auto data = read(file);
        CHECK(data.at("key").get<std::string>() == file.stem().string());
        for (const auto& rule : data.at("rules")) {
            INFO("rule ", rule.at("id").get<std::string>());
            CHECK(!rule.value("source", std::string()).empty());
        }
    }
}

TEST_CASE("the keys the HTTP parser and the TCP scanner emit are all in the vocabulary") {
    const auto keys = vocabulary();
    for (const auto key : camaudit::parse::http_observation_keys) {
        INFO("key ", std::string(key));
        CHECK(keys.contains(std::string(key)));
    }
    CHECK(keys.contains("tcp.port.open"));
    CHECK(keys.contains(std::string(camaudit::engine::host_discovery_key)));
}

TEST_CASE("the vocabulary of device fields names every report device field once") {
    std::set<std::string> fields;
    const auto data = read(data_dir / "vocabulary" / "device_fields.json");
    for (const auto& entry : data.at("fields"))
        CHECK(fields.insert(entry.at("field").get<std::string>()).second);
    for (const char* field : {"ip", "mac", "hostname", "vendor", "brand", "model", "firmware", "serial",
                              "device_type", "confidence", "open_ports", "evidence", "compliance",
                              "first_seen", "last_seen"}) {
        INFO("field ", std::string(field));
        CHECK(fields.contains(field));
    }
}

TEST_CASE("every vendor a rule claims is canonical, and so is every lab profile's truth") {
    // load_knowledge refuses a rule naming a vendor or brand vendors.json does not list.
    CHECK_NOTHROW(camaudit::identify::load_knowledge(data_dir));
    const auto vendors = camaudit::identify::VendorDb::load(data_dir / "vendors.json");
    for (const auto& entry : std::filesystem::directory_iterator(lab_dir)) {
        const auto truth = read(entry.path()).at("truth").at("vendor").get<std::string>();
        INFO("profile ", entry.path().filename().string(), " truth.vendor ", truth);
        if (truth != "none") CHECK(vendors.find(truth) != nullptr);
    }
}

TEST_CASE("relabel brands resolve to the vendor whose firmware they carry") {
    const auto vendors = camaudit::identify::VendorDb::load(data_dir / "vendors.json");
    const std::pair<const char*, const char*> cases[] = {
        {"EZVIZ", "Hikvision"}, {"HiWatch", "Hikvision"}, {"HiLook", "Hikvision"}, {"LTS", "Hikvision"},
        {"ANNKE", "Hikvision"}, {"Prama", "Hikvision"}, {"Imou", "Dahua"}, {"Amcrest", "Dahua"},
        {"Lorex", "Dahua"}, {"CP_PLUS", "Dahua"}, {"BCS", "Dahua"}, {"QSee", "Dahua"}};
    for (const auto& [brand, vendor] : cases) {
        INFO("brand ", std::string(brand));
        const auto found = vendors.brand(brand);
        REQUIRE(found.has_value());
        CHECK(found->vendor == vendor);
    }
    CHECK_FALSE(vendors.brand("Motorola Solutions").value().vendor == "Hytera");
}

TEST_CASE("http_paths.json loads, every path is read-only GET material, at most 10 always fetched") {
    const auto paths = camaudit::identify::load_http_paths(data_dir / "http_paths.json");
    std::size_t always = 0;
    for (const auto& path : paths) {
        INFO("path ", path.path);
        CHECK(path.path.starts_with('/'));
        CHECK(!path.why.empty());
        if (path.when.empty()) ++always;
    }
    CHECK(always <= 10);
    CHECK(paths.size() >= always);
}

TEST_CASE("every label key of brand_labels.json is a key of the vocabulary") {
    const auto keys = vocabulary();
    const auto labels = read(data_dir / "brand_labels.json");
    REQUIRE(!labels.at("keys").empty());
    for (const auto& item : labels.at("keys")) {
        INFO(item.at("key"));
        CHECK(keys.contains(item.at("key").get<std::string>()));
    }
}
