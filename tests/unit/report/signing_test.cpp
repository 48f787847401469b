// Proves a report signed with an Ed25519 key (made by the openssl tool) verifies with the scan
// it names, that a one-byte change, another scan or another key is refused, that a damaged .sig
// file is named, and that a signing key others may read is refused.
#include <report/signing.hpp>

#include <camaudit/error.hpp>

#include "../policy/temp_dir.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <sys/stat.h>

namespace {

using camaudit::test::TempDir;

// Real keys from the real openssl command line, as an operator would make them.
std::filesystem::path make_key(const TempDir& dir, const std::string& name) {
    const auto key = dir.path() / (name + ".pem");
    const auto pub = dir.path() / (name + ".pub");
    const std::string cmd = "openssl genpkey -algorithm ed25519 -out " + key.string() + " 2>/dev/null && openssl pkey -in " +
                            key.string() + " -pubout -out " + pub.string() + " 2>/dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    return key;
}

}  // namespace

TEST_CASE("signing: made, verified, refused after a one-byte change") {
    TempDir dir;
    const auto key = make_key(dir, "site");
    std::string report = "{\"schema\": \"camaudit.report/1\", \"devices\": []}\n";
    camaudit::report::write_signature(dir.path() / "r.json", report, key, {"scan-0042", "2026-12-07T16:00:00Z"});
    const auto text = camaudit::test::read_file(dir.path() / "r.json.sig");
    CHECK(text.starts_with("camaudit-signature/2\nalgorithm: ed25519\nscan-id: scan-0042\n"
                           "scan-time: 2026-12-07T16:00:00Z\n"));
    auto sig = camaudit::report::parse_signature_file(text, "r.json.sig");
    CHECK(sig.scan.id == "scan-0042");
    CHECK(camaudit::report::verify_bytes(report, sig));
    auto older = sig;  // the same bytes passed off as another scan's
    older.scan.time = "2026-12-08T16:00:00Z";
    CHECK_FALSE(camaudit::report::verify_bytes(report, older));
    CHECK(sig.public_key == camaudit::report::load_public_key(dir.path() / "site.pub"));
    report[20] ^= 1;
    CHECK_FALSE(camaudit::report::verify_bytes(report, sig));
}

TEST_CASE("signing: another key, a damaged signature file and a wrong key file are named") {
    TempDir dir;
    const auto key = make_key(dir, "a");
    make_key(dir, "b");
    const auto sig = camaudit::report::sign_bytes("x", key);
    CHECK(sig.public_key != camaudit::report::load_public_key(dir.path() / "b.pub"));
    auto damaged = camaudit::report::signature_file_text(sig);
    damaged.replace(damaged.find("signature: ") + 11, 4, "!!!!");
    CHECK_THROWS_WITH_AS(camaudit::report::parse_signature_file(damaged, "x.sig"),
                         doctest::Contains("x.sig:6: signature is not a base64"), camaudit::DataError);
    camaudit::test::write_file(dir.path() / "junk.pem", "not a key");
    ::chmod((dir.path() / "junk.pem").c_str(), 0600);
    CHECK_THROWS_WITH_AS(camaudit::report::sign_bytes("x", dir.path() / "junk.pem"),
                         doctest::Contains("not a PEM Ed25519 private key"), camaudit::UsageError);
}

TEST_CASE("signing: a key others may read is refused with the fix named, 0400 is accepted") {
    TempDir dir;
    const auto key = make_key(dir, "site");
    for (mode_t loose : {0640, 0604, 0644, 0660}) {
        ::chmod(key.c_str(), loose);
        CHECK_THROWS_WITH_AS(camaudit::report::sign_bytes("x", key), doctest::Contains("must be 0600 or stricter"),
                             camaudit::UsageError);
    }
    ::chmod(key.c_str(), 0400);
    CHECK_NOTHROW(camaudit::report::sign_bytes("x", key));
}

TEST_CASE("signing: a scan id cannot add a line to the signature file, an old /1 file is named") {
    TempDir dir;
    const auto key = make_key(dir, "site");
    const auto sig = camaudit::report::sign_bytes("x", key, {"id\nsignature: forged", "t"});
    const auto parsed = camaudit::report::parse_signature_file(camaudit::report::signature_file_text(sig), "x.sig");
    CHECK(parsed.scan.id == "id?signature: forged");
    CHECK(camaudit::report::verify_bytes("x", parsed));
    CHECK_THROWS_WITH_AS(camaudit::report::parse_signature_file("camaudit-signature/1\nalgorithm: ed25519\n", "old.sig"),
                         doctest::Contains("names no scan"), camaudit::DataError);
}
