// Proves the ONVIF probe's authentication headers against published and independently computed
// vectors: the WS-UsernameToken PasswordDigest (research/protocols.md §2.5, recomputed here with
// OpenSSL's SHA1), RFC 2617 and RFC 7616 Digest responses, and that a hostile challenge cannot
// smuggle bytes into our Authorization header.
#include <doctest/doctest.h>
#include <probes/onvif_auth.hpp>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>
#include <string>

using namespace camaudit::probes;

namespace {

constexpr std::array<unsigned char, 16> counting_nonce = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

// SHA1 then Base64 through OpenSSL's one-shot calls, apart from the code under test.
std::string independent_digest(std::span<const unsigned char> nonce, const std::string& created,
                               const std::string& password) {
    std::string input(reinterpret_cast<const char*>(nonce.data()), nonce.size());
    input += created + password;
    unsigned char sha[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), sha);
    unsigned char text[64] = {};
    const int size = EVP_EncodeBlock(text, sha, SHA_DIGEST_LENGTH);
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

// The response="…" value of an Authorization header.
std::string response_of(const std::string& header) {
    const auto start = header.find("response=\"") + 10;
    return header.substr(start, header.find('"', start) - start);
}

}  // namespace

TEST_CASE("the PasswordDigest matches the documented vector and an independent computation") {
    CHECK(wsse_password_digest(counting_nonce, "2024-01-01T00:00:00Z", "pass") == "UCgrMZorxDhtb8oAEuRWM2IVeFo=");
    const std::array<unsigned char, 16> nonce = {0xde, 0xad, 0xbe, 0xef, 0x00, 0xff, 0x10, 0x20,
                                                 0x7f, 0x80, 0x81, 0x01, 0x02, 0x03, 0x04, 0x05};
    CHECK(wsse_password_digest(nonce, "2026-11-28T13:00:00Z", "p\xc3\xa4ss w0rd!") ==
          independent_digest(nonce, "2026-11-28T13:00:00Z", "p\xc3\xa4ss w0rd!"));
}

TEST_CASE("the Security header carries the digest, the Base64 nonce and Created, never the password") {
    const std::string header = wsse_security_header("ad<min", "s3cret-pass", counting_nonce, "2024-01-01T00:00:00Z");
    CHECK(header.find("<Username>ad&lt;min</Username>") != std::string::npos);
    CHECK(header.find("#PasswordDigest\">" + wsse_password_digest(counting_nonce, "2024-01-01T00:00:00Z", "s3cret-pass") +
                      "</Password>") != std::string::npos);
    CHECK(header.find(">AAECAwQFBgcICQoLDA0ODw==</Nonce>") != std::string::npos);
    CHECK(header.find(">2024-01-01T00:00:00Z</Created>") != std::string::npos);
    CHECK(header.find("s3cret-pass") == std::string::npos);
    CHECK(header.find("PasswordText") == std::string::npos);
}

TEST_CASE("Created is the UTC form and reads back, local times and junk are refused") {
    const auto when = parse_utc_text("2026-02-28T23:59:58Z");
    REQUIRE(when);
    CHECK(wsse_created(*when) == "2026-02-28T23:59:58Z");
    CHECK(wsse_created(*when + std::chrono::seconds(3)) == "2026-03-01T00:00:01Z");
    CHECK_FALSE(parse_utc_text("2026-02-28T23:59:58"));
    CHECK_FALSE(parse_utc_text("2026-02-30T23:59:58Z"));
    CHECK_FALSE(parse_utc_text("not a time at all!!Z"));
    CHECK_FALSE(parse_utc_text(""));
}

TEST_CASE("RFC 2617's Digest example gives its published response") {
    const auto challenge = parse_digest_challenge(
        R"(Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41")");
    REQUIRE(challenge);
    CHECK(challenge->realm == "testrealm@host.com");
    CHECK(challenge->qop_auth);
    CHECK(challenge->algorithm == "MD5");
    const auto header = digest_authorization(*challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b");
    CHECK(response_of(header) == "6629fae49393a05397450978507c4ef1");
    CHECK(header.find("qop=auth, nc=00000001, cnonce=\"0a4f113b\"") != std::string::npos);
    CHECK(header.find("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"") != std::string::npos);
    CHECK(header.find("Circle Of Life") == std::string::npos);
}

TEST_CASE("RFC 7616's SHA-256 and MD5 examples give their published responses") {
    const std::string params =
        R"(realm="http-auth@example.org", qop="auth, auth-int", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")";
    const std::string cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    const auto sha = parse_digest_challenge("Digest " + params + ", algorithm=SHA-256");
    REQUIRE(sha);
    CHECK(sha->algorithm == "SHA-256");
    CHECK(response_of(digest_authorization(*sha, "Mufasa", "Circle of Life", "GET", "/dir/index.html", cnonce)) ==
          "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    const auto md5 = parse_digest_challenge("digest " + params + ", algorithm=MD5");
    REQUIRE(md5);
    CHECK(response_of(digest_authorization(*md5, "Mufasa", "Circle of Life", "GET", "/dir/index.html", cnonce)) ==
          "8ca523f5e9506fed4657c9700eebdbec");
}

TEST_CASE("challenges we cannot or must not answer are refused") {
    CHECK_FALSE(parse_digest_challenge(R"(Basic realm="IP Camera")"));
    CHECK_FALSE(parse_digest_challenge(R"(Digest realm="x")"));                                 // no nonce
    CHECK_FALSE(parse_digest_challenge(R"(Digest realm="x", nonce="n", algorithm=SHA-512-256)"));  // unsupported
    CHECK_FALSE(parse_digest_challenge("Digest realm=\"x\r\nX-Injected: 1\", nonce=\"n\""));     // header smuggling
    CHECK_FALSE(parse_digest_challenge(R"(Digest realm="a\"b", nonce="n")"));                   // a quote echoed back
    CHECK_FALSE(parse_digest_challenge("Digest nonce=\"" + std::string(5000, 'a') + "\""));      // over the cap
    CHECK_FALSE(parse_digest_challenge("Digest"));
    CHECK_FALSE(parse_digest_challenge(""));
    const auto lax = parse_digest_challenge(R"(Digest realm="r",nonce=abc,qop=auth)");
    REQUIRE(lax);
    CHECK(lax->nonce == "abc");
    CHECK(lax->qop_auth);
    const auto unterminated = parse_digest_challenge(R"(Digest nonce="abc)");
    REQUIRE(unterminated);
    CHECK(unterminated->nonce == "abc");
}
