// SHA-256 through OpenSSL's EVP digest interface, streamed in blocks so a large registry file
// is never held whole.
#include <app/content_digest.hpp>

#include <camaudit/error.hpp>

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <openssl/evp.h>

namespace camaudit::app {
namespace {
namespace fs = std::filesystem;

class Sha256 {
public:
    Sha256() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
        if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) throw RunError("SHA-256 is unavailable");
    }
    void add(const void* data, std::size_t size) { EVP_DigestUpdate(ctx_.get(), data, size); }
    void add(std::string_view text) { add(text.data(), text.size()); }
    void add_file(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw RunError(fmt::format("cannot read {} to hash it", path.string()));
        std::array<char, 65536> block{};
        while (in.read(block.data(), block.size()) || in.gcount() > 0)
            add(block.data(), static_cast<std::size_t>(in.gcount()));
        if (in.bad()) throw RunError(fmt::format("cannot read {} to hash it", path.string()));
    }
    std::string hex() {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int size = 0;
        EVP_DigestFinal_ex(ctx_.get(), digest.data(), &size);
        std::string out;
        for (unsigned int i = 0; i < size; ++i) out += fmt::format("{:02x}", digest[i]);
        return out;
    }

private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

}  // namespace

std::string file_sha256(const fs::path& path) {
    Sha256 sha;
    sha.add_file(path);
    return sha.hex();
}

FolderDigest digest_files(const fs::path& root, std::vector<std::string> relative) {
    std::sort(relative.begin(), relative.end());
    Sha256 sha;
    for (const auto& name : relative) {
        std::error_code error;
        const auto size = fs::file_size(root / name, error);
        if (error) throw RunError(fmt::format("cannot read {} to hash it: {}", (root / name).string(), error.message()));
        sha.add(name);
        sha.add("\0", 1);
        sha.add(std::to_string(size));
        sha.add("\0", 1);
        sha.add_file(root / name);
    }
    return {sha.hex(), relative.size()};
}

std::vector<std::string> files_under(const fs::path& root, const std::vector<std::string>& skip) {
    std::vector<std::string> names;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(root, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
        const auto relative = fs::relative(it->path(), root).generic_string();
        if (it->is_directory() && std::find(skip.begin(), skip.end(), relative) != skip.end()) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file()) names.push_back(relative);
    }
    return names;
}

}  // namespace camaudit::app
