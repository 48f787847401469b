// Proves that every shipped regulation file loads with sources, dates and canonical vendor
// names, and that a bad file or an unknown --policy id stops start-up with a message naming it.
#include <policy/policy.hpp>

#include <camaudit/error.hpp>

#include "temp_dir.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <set>

namespace {

using camaudit::policy::Regulation;
using camaudit::policy::RegulationDb;
using camaudit::test::TempDir;
using camaudit::test::write_file;

const std::filesystem::path shipped = CAMAUDIT_SOURCE_DATA_DIR;

const Regulation& by_id(const RegulationDb& db, const std::string& id) {
    auto it = std::find_if(db.all().begin(), db.all().end(), [&](const Regulation& r) { return r.id == id; });
    REQUIRE_MESSAGE(it != db.all().end(), "missing regulation " << id);
    return *it;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

// The canonical vendor spellings: what the lab profiles hold as ground truth.
std::set<std::string> lab_vendors() {
    std::set<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(CAMAUDIT_SOURCE_LAB_DIR)) {
        auto doc = nlohmann::json::parse(camaudit::test::read_file(entry.path()), nullptr, false);
        if (doc.is_object() && doc.contains("truth")) out.insert(doc["truth"].value("vendor", ""));
    }
    return out;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

const char* valid_file = R"({"id": "x-test", "jurisdiction": "Testland", "instrument": "Test Act",
  "effective": "2024-02-29", "scope": "bars purchase", "summary": "A test rule.",
  "sources": ["https://example.invalid/act"], "vendors": ["Hikvision"],
  "forbids": [{"what": "procurement", "binds": "test agencies", "source": "https://example.invalid/act"}]})";

std::string load_error(const TempDir& dir) {
    try {
        (void)RegulationDb::load(dir.path());
    } catch (const camaudit::DataError& e) {
        return e.what();
    }
    return "(no error)";
}

// Writes `valid_file` with one field replaced (or removed, for a null value) and loads it.
std::string error_with(const char* field, nlohmann::json value) {
    TempDir dir;
    auto doc = nlohmann::json::parse(valid_file);
    if (value.is_null()) doc.erase(field);
    else doc[field] = std::move(value);
    write_file(dir.path() / "regulations" / "x-test.json", doc.dump());
    return load_error(dir);
}

}  // namespace

TEST_CASE("every shipped regulation loads with id, dates, sources and vendors") {
    const auto db = RegulationDb::load(shipped);
    REQUIRE(db.all().size() >= 8);
    for (const auto& r : db.all()) {
        INFO(r.file);
        CHECK_FALSE(r.jurisdiction.empty());
        CHECK_FALSE(r.instrument.empty());
        CHECK_FALSE(r.summary.empty());
        CHECK_FALSE(r.scope.empty());
        REQUIRE_FALSE(r.sources.empty());
        for (const auto& s : r.sources) CHECK(s.rfind("https://", 0) == 0);
        if (r.reach == Regulation::Reach::named_vendors) CHECK_FALSE(r.vendors.empty());
        else CHECK(r.opt_in);
        CHECK(std::filesystem::path(r.file).stem() == r.id);
    }
    for (const char* id : {"us-ndaa-889", "us-fcc-covered-list", "ca-ica-hikvision-2025", "uk-sensitive-sites-2022",
                           "au-gov-2023", "us-tx-prohibited-technologies", "us-la-sb15-2021",
                           "eu-parliament-hikvision-2021"})
        CHECK(by_id(db, id).id == id);
}

TEST_CASE("shipped regulations carry the facts an auditor quotes") {
    const auto db = RegulationDb::load(shipped);
    const auto& ndaa = by_id(db, "us-ndaa-889");
    for (const char* v : {"Hikvision", "Dahua", "Huawei", "ZTE", "Hytera"}) CHECK(contains(ndaa.vendors, v));
    const bool far_noted = std::any_of(ndaa.notes.begin(), ndaa.notes.end(), [](const std::string& n) {
        return n.find("52.204-24") != std::string::npos && n.find("52.204-25") != std::string::npos &&
               n.find("52.204-26") != std::string::npos;
    });
    CHECK(far_noted);

    const auto& fcc = by_id(db, "us-fcc-covered-list");
    CHECK(fcc.scope.find("not bar the use") != std::string::npos);
    CHECK(fcc.forbids_any({"new_authorisation"}));
    CHECK_FALSE(fcc.forbids_any({"use", "premises"}));  // so its findings are advisory
    CHECK(ndaa.forbids_any({"procurement"}));
    CHECK(ndaa.forbids_any({"use"}));  // §889(a)(1)(B): contractors
    for (const auto& r : db.all()) {
        CHECK_MESSAGE((!r.forbids.empty() || r.reach == Regulation::Reach::no_device), r.id << " forbids nothing");
        for (const auto& f : r.forbids) CHECK_MESSAGE(f.source.starts_with("https://"), r.id << ": " << f.source);
    }
    CHECK(fcc.summary.find("22-84") != std::string::npos);
    CHECK(fcc.summary.find("25-71") != std::string::npos);

    const auto& canada = by_id(db, "ca-ica-hikvision-2025");
    CHECK(canada.vendors == std::vector<std::string>{"Hikvision"});
    CHECK(canada.effective == "2025-06-27");
    CHECK(canada.scope.find("must not purchase or use") != std::string::npos);

    const auto& texas = by_id(db, "us-tx-prohibited-technologies");
    CHECK(contains(texas.vendors, "Uniview"));
    CHECK(contains(texas.vendors, "TP-Link"));
    CHECK(contains(texas.unverified_vendors, "TP-Link"));
}

TEST_CASE("regulation vendor names use the lab's canonical spelling") {
    const auto truth = lab_vendors();
    REQUIRE(truth.count("Hikvision") == 1);
    const auto db = RegulationDb::load(shipped);
    for (const auto& r : db.all())
        for (const auto& v : r.vendors)
            for (const auto& t : truth)
                if (lower(t) == lower(v)) {
                    INFO(r.id, " vendor ", v, " vs lab ", t);
                    CHECK(t == v);
                }
}

TEST_CASE("rules that name no vendor are in the catalogue, say what to check, and are opt-in") {
    const auto db = RegulationDb::load(shipped);
    const auto& india = by_id(db, "in-cctv-essential-requirements-2024");
    CHECK(india.reach == Regulation::Reach::every_camera);
    CHECK(india.effective == "2025-04-09");
    CHECK(india.criterion.find("STQC") != std::string::npos);
    CHECK(india.vendors.empty());
    for (const char* id : {"uk-procurement-act-2023", "us-state-bills-2024", "lt-state-institutions-2020"}) {
        const auto& r = by_id(db, id);
        INFO(id);
        CHECK(r.reach == Regulation::Reach::no_device);
        CHECK(r.opt_in);
        CHECK_FALSE(r.criterion.empty());
    }
    CHECK_FALSE(by_id(db, "us-state-bills-2024").verified);
}

TEST_CASE("select: empty means every rule but the opt-in ones, named ids in order, unknown id lists the known ones") {
    const auto db = RegulationDb::load(shipped);
    const auto defaults = db.select({});
    const auto opt_in = std::count_if(db.all().begin(), db.all().end(), [](const Regulation& r) { return r.opt_in; });
    CHECK(opt_in >= 4);
    CHECK(defaults.size() == db.all().size() - static_cast<std::size_t>(opt_in));
    for (const auto& r : defaults) CHECK(r.reach == Regulation::Reach::named_vendors);
    CHECK(db.select({"in-cctv-essential-requirements-2024"}).size() == 1);
    const auto two = db.select({"ca-ica-hikvision-2025", "us-ndaa-889"});
    REQUIRE(two.size() == 2);
    CHECK(two[0].id == "ca-ica-hikvision-2025");
    CHECK(two[1].id == "us-ndaa-889");
    try {
        (void)db.select({"us-ndaa-889", "us-ndaa-898"});
        FAIL("an unknown policy id was accepted");
    } catch (const camaudit::UsageError& e) {
        const std::string message = e.what();
        CHECK(message.find("'us-ndaa-898'") != std::string::npos);
        for (const auto& r : db.all()) CHECK(message.find(r.id) != std::string::npos);
    }
}

TEST_CASE("a bad regulation file is a DataError naming the file and the field") {
    SUBCASE("missing id") {
        auto m = error_with("id", nullptr);
        CHECK(m.find("x-test.json") != std::string::npos);
        CHECK(m.find("'id' is missing") != std::string::npos);
    }
    SUBCASE("missing sources") { CHECK(error_with("sources", nullptr).find("'sources' is missing") != std::string::npos); }
    SUBCASE("empty vendors") { CHECK(error_with("vendors", nlohmann::json::array()).find("'vendors'") != std::string::npos); }
    SUBCASE("vendor not a string") { CHECK(error_with("vendors", {"Dahua", 7}).find("'vendors'") != std::string::npos); }
    SUBCASE("impossible date") { CHECK(error_with("effective", "2025-02-29").find("'effective'") != std::string::npos); }
    SUBCASE("prose date") { CHECK(error_with("effective", "27 June 2025").find("'effective'") != std::string::npos); }
    SUBCASE("verified not a boolean") { CHECK(error_with("verified", "no").find("'verified'") != std::string::npos); }
    SUBCASE("unverified vendor not covered") {
        CHECK(error_with("unverified_vendors", {"Axis"}).find("'unverified_vendors'") != std::string::npos);
    }
    SUBCASE("unknown reach") { CHECK(error_with("reach", "some cameras").find("'reach'") != std::string::npos); }
    SUBCASE("a rule naming no vendor needs a criterion") {
        CHECK(error_with("reach", "every camera").find("'criterion' is missing") != std::string::npos);
    }
    SUBCASE("a rule must say what it forbids, in known words, with a source") {
        CHECK(error_with("forbids", nullptr).find("'forbids' is missing") != std::string::npos);
        CHECK(error_with("forbids", nlohmann::json::array()).find("'forbids' must be a non-empty array") != std::string::npos);
        CHECK(error_with("forbids", nlohmann::json::parse(R"([{"what": "sale", "binds": "x", "source": "y"}])"))
                  .find("names 'sale'") != std::string::npos);
        CHECK(error_with("forbids", nlohmann::json::parse(R"([{"what": "use", "binds": "x"}])"))
                  .find("'source' is missing") != std::string::npos);
    }
    SUBCASE("the old advisory flag is refused with what replaces it") {
        CHECK(error_with("advisory", true).find("replaced by 'forbids'") != std::string::npos);
    }
    SUBCASE("reduced-precision dates are valid") {
        CHECK(error_with("effective", "2021") == "(no error)");
        CHECK(error_with("effective", "2021-08") == "(no error)");
    }
}

TEST_CASE("duplicate ids, broken JSON and a missing folder stop loading") {
    SUBCASE("duplicate id names both files") {
        TempDir dir;
        write_file(dir.path() / "regulations" / "a.json", valid_file);
        write_file(dir.path() / "regulations" / "b.json", valid_file);
        auto m = load_error(dir);
        CHECK(m.find("b.json") != std::string::npos);
        CHECK(m.find("a.json") != std::string::npos);
        CHECK(m.find("duplicates 'x-test'") != std::string::npos);
    }
    SUBCASE("not JSON") {
        TempDir dir;
        write_file(dir.path() / "regulations" / "broken.json", "{\"id\": ");
        CHECK(load_error(dir).find("broken.json: not valid JSON") != std::string::npos);
    }
    SUBCASE("no regulations folder") {
        TempDir dir;
        CHECK(load_error(dir).find("regulations folder not found") != std::string::npos);
    }
}
