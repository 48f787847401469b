// Tests the tester: broken signature folders (bad JSON, bad RE2, missing examples, unknown key,
// duplicate id, wrong capture, unknown vendor) are refused with a DataError that names the
// file and the rule, and a wrong example is reported by verify_examples.
#include <doctest/doctest.h>

#include <camaudit/error.hpp>
#include <identify/identify.hpp>
#include <identify/signature_db.hpp>

#include <fstream>
#include <string>
#include <unistd.h>

namespace {

// A throw-away fingerprints folder with a one-key vocabulary and the given signature file.
class Folder {
public:
    Folder() {
        dir_ = std::filesystem::temp_directory_path() /
               ("camaudit-broken-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
        std::filesystem::create_directories(dir_ / "vocabulary" / "keys");
        write("vocabulary/keys/http.json",
              R"({"keys":[{"key":"http.header.server","probe":"http","meaning":"Server"}]})");
        write("vendors.json", R"({"vendors":[{"name":"Hikvision"}]})");
    }
    ~Folder() { std::filesystem::remove_all(dir_); }
    void write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name) << text;
    }
    const std::filesystem::path& dir() const { return dir_; }

private:
    static inline int counter_ = 0;
    std::filesystem::path dir_;
};

std::string load_error(const Folder& folder) {
    try {
        camaudit::identify::load_knowledge(folder.dir());
    } catch (const camaudit::DataError& error) {
        return error.what();
    }
    return "(loaded without error)";
}

std::string rule(const std::string& id, const std::string& pattern, const std::string& extra) {
    return R"({"id":")" + id + R"(","pattern":")" + pattern + R"(","weight":0.5)" + extra + "}";
}

std::string file_of(const std::string& rules) { return R"({"key":"http.header.server","rules":[)" + rules + "]}"; }

const std::string examples = R"(,"examples":["App-webs/"])";

}  // namespace

TEST_CASE("a file that is not JSON is refused, naming the file") {
    Folder folder;
    folder.write("http.header.server.json", R"({"rules":[ {"id": )");
    const auto message = load_error(folder);
    CHECK(message.find("http.header.server.json") != std::string::npos);
    CHECK(message.find("not valid JSON") != std::string::npos);
}

TEST_CASE("a pattern RE2 rejects is refused, naming file and rule") {
    Folder folder;
    folder.write("http.header.server.json", file_of(rule("bad.regex", "App-(webs", examples)));
    const auto message = load_error(folder);
    CHECK(message.find("http.header.server.json") != std::string::npos);
    CHECK(message.find("bad.regex") != std::string::npos);
    CHECK(message.find("RE2") != std::string::npos);
}

TEST_CASE("a rule without examples is refused, naming file and rule") {
    Folder folder;
    folder.write("http.header.server.json", file_of(rule("no.examples", "^App-webs/", "")));
    const auto message = load_error(folder);
    CHECK(message.find("no.examples") != std::string::npos);
    CHECK(message.find("no examples") != std::string::npos);
}

TEST_CASE("a file whose key is not in the vocabulary is refused") {
    Folder folder;
    folder.write("http.header.banner.json", file_of(rule("a.b", "x", examples)));
    const auto message = load_error(folder);
    CHECK(message.find("http.header.banner.json") != std::string::npos);
    CHECK(message.find("not in the vocabulary") != std::string::npos);
}

TEST_CASE("two rules with one id are refused") {
    Folder folder;
    folder.write("http.header.server.json",
                 file_of(rule("same.id", "^App", examples) + "," + rule("same.id", "webs", examples)));
    const auto message = load_error(folder);
    CHECK(message.find("same.id") != std::string::npos);
    CHECK(message.find("duplicate") != std::string::npos);
}

TEST_CASE("a capture name outside model/firmware/serial/brand is refused") {
    Folder folder;
    folder.write("http.header.server.json", file_of(rule("odd.capture", "^(?P<colour>App)", examples)));
    CHECK(load_error(folder).find("colour") != std::string::npos);
}

TEST_CASE("a rule naming a vendor missing from vendors.json is refused") {
    Folder folder;
    folder.write("http.header.server.json",
                 file_of(rule("made.up", "^App", examples + R"(,"vendor":"Hikvisoin")")));
    const auto message = load_error(folder);
    CHECK(message.find("made.up") != std::string::npos);
    CHECK(message.find("Hikvisoin") != std::string::npos);
}

TEST_CASE("verify_examples reports an example that does not match and a wrong capture") {
    Folder folder;
    folder.write("http.header.server.json",
                 file_of(rule("never.matches", "^DNVRS", examples) + "," +
                         rule("wrong.capture", "^App-(?P<firmware>webs)/",
                              R"(,"examples":[{"value":"App-webs/","captures":{"firmware":"5.5"}}],"counter_examples":["App-webs/"])")));
    const auto db = camaudit::identify::SignatureDb::load(folder.dir());
    const auto failures = camaudit::identify::verify_examples(db);
    REQUIRE(failures.size() == 3);
    CHECK(failures[0].rule == "never.matches");
    CHECK(failures[0].message.find("does not match") != std::string::npos);
    CHECK(failures[1].rule == "wrong.capture");
    CHECK(failures[1].message.find("firmware") != std::string::npos);
    CHECK(failures[2].message.find("counter-example") != std::string::npos);
    CHECK(failures[0].file.find("http.header.server.json") != std::string::npos);
}
