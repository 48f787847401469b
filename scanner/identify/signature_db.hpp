// The signature database: every fingerprints/<observation-key>.json rule, compiled into one
// RE2::Set per observation key so matching cost does not grow with the number of rules.
#pragma once
#include <camaudit/observation.hpp>
#include <camaudit/signature.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::identify {

struct SignatureMatch {
    const Signature* rule = nullptr;
    std::map<std::string, std::string> captures;  // model, firmware, serial, brand
    std::size_t start = 0;   // where the whole match begins in the value (for excerpts)
    std::size_t length = 0;  // and how long it is
};

// At most `cap` bytes of `value` centred on [start, start+length), cut on UTF-8 boundaries:
// the excerpt of a long value that evidence shows.
std::string excerpt_around(std::string_view value, std::size_t start, std::size_t length,
                           std::size_t cap);

class SignatureDb {
public:
    // Loads every *.json signature file under `dir` (not vocabulary/, regulations/,
    // vendors.json). Throws DataError naming file, rule id and reason for a file that does
    // not parse, a pattern RE2 rejects, a key not in the vocabulary, or a rule without examples.
    // `vocabulary_dir` (default: `dir`) holds vocabulary/keys/: a site folder uses the installed one.
    static SignatureDb load(const std::filesystem::path& dir, const std::filesystem::path& vocabulary_dir = {});

    SignatureDb(SignatureDb&&) noexcept;
    SignatureDb& operator=(SignatureDb&&) noexcept;
    ~SignatureDb();

    std::size_t rule_count() const;
    const std::vector<Signature>& rules() const;

    // Every rule of `key` whose pattern matches `value`, with its captures.
    std::vector<SignatureMatch> match(const std::string& key, const std::string& value) const;

private:
    SignatureDb();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// One failed example or counter-example, as `camaudit fingerprints test` prints it.
struct ExampleFailure {
    std::string file;
    std::string rule;
    std::string message;
};

// Runs every example (must match, with its captures) and counter-example (must not match).
std::vector<ExampleFailure> verify_examples(const SignatureDb& db);

}  // namespace camaudit::identify
