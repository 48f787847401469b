// SipHash through OpenSSL 3's EVP_MAC: fetched once, its context re-keyed per probe (cheap
// for SipHash), an 8-byte output split into the sequence number and the source port.
#include <engine/probe_key.hpp>

#include <camaudit/error.hpp>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

namespace camaudit::engine {

struct ProbeKey::Context {
    EVP_MAC* mac = nullptr;
    EVP_MAC_CTX* context = nullptr;
    ~Context() {
        EVP_MAC_CTX_free(context);
        EVP_MAC_free(mac);
    }
};

ProbeSecret random_probe_secret() {
    ProbeSecret secret{};
    if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1)
        throw RunError("SYN sweep: OpenSSL could not produce a random key");
    return secret;
}

ProbeKey::ProbeKey(const ProbeSecret& secret) : secret_(secret), context_(std::make_unique<Context>()) {
    context_->mac = EVP_MAC_fetch(nullptr, "SIPHASH", nullptr);
    if (context_->mac != nullptr) context_->context = EVP_MAC_CTX_new(context_->mac);
    if (context_->context == nullptr) throw RunError("SYN sweep: OpenSSL has no SipHash");
}

ProbeKey::~ProbeKey() = default;

ProbeTag ProbeKey::tag(std::uint32_t source, std::uint32_t destination, std::uint16_t destination_port) {
    const std::uint8_t message[10] = {
        static_cast<std::uint8_t>(source >> 24), static_cast<std::uint8_t>(source >> 16),
        static_cast<std::uint8_t>(source >> 8), static_cast<std::uint8_t>(source),
        static_cast<std::uint8_t>(destination >> 24), static_cast<std::uint8_t>(destination >> 16),
        static_cast<std::uint8_t>(destination >> 8), static_cast<std::uint8_t>(destination),
        static_cast<std::uint8_t>(destination_port >> 8), static_cast<std::uint8_t>(destination_port)};
    std::size_t size = 8;
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size), OSSL_PARAM_construct_end()};
    std::uint8_t out[8] = {};
    std::size_t written = 0;
    if (EVP_MAC_init(context_->context, secret_.data(), secret_.size(), params) != 1 ||
        EVP_MAC_update(context_->context, message, sizeof message) != 1 ||
        EVP_MAC_final(context_->context, out, &written, sizeof out) != 1 || written != sizeof out)
        throw RunError("SYN sweep: SipHash failed");
    std::uint64_t hash = 0;
    for (const auto byte : out) hash = hash << 8 | byte;
    return {hash, static_cast<std::uint16_t>(probe_port_first + (hash >> 32) % probe_port_count),
            static_cast<std::uint32_t>(hash)};
}

}  // namespace camaudit::engine
