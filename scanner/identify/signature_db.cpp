// Loads fingerprints/<observation-key>.json into one RE2::Set per key, matches observation
// values against it, and runs every rule's own examples (recog's self-test, as a function).
#include <identify/signature_db.hpp>
#include <identify/vocabulary.hpp>

#include <camaudit/error.hpp>
#include <identify/data_file.hpp>

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <unordered_map>

namespace camaudit::identify {
namespace {

// Longer values are matched on their first bytes only, so a hostile value costs bounded time.
constexpr std::size_t max_match_bytes = 256 * 1024;
constexpr std::int64_t max_regex_memory = 64 << 20;
// Repeated values (one Server header on a thousand hosts of a model) are matched once: the
// results of values up to cache_value_bytes are kept, at most cache_entries of them in all
// (the cache is emptied when full), so it costs at most a few MiB.
constexpr std::size_t cache_value_bytes = 1024;
constexpr std::size_t cache_entries = 4096;
const std::set<std::string> allowed_captures = {"model", "firmware", "serial", "brand"};
const std::set<std::string> skipped_files = {"vendors.json", "http_paths.json", "oui_overrides.json",
                                             "brand_labels.json"};

RE2::Options regex_options() {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(max_regex_memory);
    return options;
}

std::string rule_where(const Signature& rule) { return rule.file + ": rule '" + rule.id + "'"; }

SignatureExample parse_example(const nlohmann::json& item, const std::string& where) {
    SignatureExample example;
    if (item.is_string()) {
        example.value = item.get<std::string>();
        return example;
    }
    if (!item.is_object() || !item.contains("value") || !item["value"].is_string())
        data_error(where, "an example must be a string or {\"value\": …, \"captures\": {…}}");
    example.value = item["value"].get<std::string>();
    if (const auto captures = item.find("captures"); captures != item.end()) {
        if (!captures->is_object()) data_error(where, "example captures must be an object");
        for (const auto& [name, value] : captures->items()) {
            if (!value.is_string()) data_error(where, "capture '" + name + "' must be a string");
            example.captures[name] = value.get<std::string>();
        }
    }
    return example;
}

void parse_examples(const nlohmann::json& item, Signature& rule) {
    const std::string where = rule_where(rule);
    const auto examples = item.find("examples");
    if (examples == item.end() || !examples->is_array() || examples->empty())
        data_error(where, "has no examples (every rule needs at least one)");
    for (const auto& example : *examples) rule.examples.push_back(parse_example(example, where));
    if (const auto counters = item.find("counter_examples"); counters != item.end()) {
        if (!counters->is_array()) data_error(where, "counter_examples must be a list");
        for (const auto& counter : *counters) {
            if (!counter.is_string()) data_error(where, "counter_examples must be strings");
            rule.counter_examples.push_back(counter.get<std::string>());
        }
    }
}

Signature parse_rule(const nlohmann::json& item, const std::string& file, const std::string& key) {
    if (!item.is_object()) data_error(file, "every entry of 'rules' must be an object");
    Signature rule;
    rule.file = file;
    rule.key = key;
    rule.id = optional_string(item, "id", file);
    if (rule.id.empty()) data_error(file, "a rule has no 'id'");
    const std::string where = rule_where(rule);
    rule.pattern = optional_string(item, "pattern", where);
    if (rule.pattern.empty()) data_error(where, "has no 'pattern'");
    rule.vendor = optional_string(item, "vendor", where);
    rule.brand = optional_string(item, "brand", where);
    rule.product = optional_string(item, "product", where);
    rule.device_type = optional_string(item, "device_type", where);
    rule.description = optional_string(item, "description", where);
    const auto weight = item.find("weight");
    if (weight == item.end() || !weight->is_number()) data_error(where, "has no numeric 'weight'");
    rule.weight = weight->get<double>();
    if (rule.weight < 0 || rule.weight > 1) data_error(where, "weight must be within 0..1");
    if (const auto hint = item.find("hint"); hint != item.end()) {
        if (!hint->is_boolean()) data_error(where, "'hint' must be true or false");
        rule.hint = hint->get<bool>();
    }
    parse_examples(item, rule);
    return rule;
}


std::vector<std::filesystem::path> signature_files(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        const auto& path = entry.path();
        if (entry.is_regular_file() && path.extension() == ".json" &&
            !skipped_files.contains(path.filename().string()))
            files.push_back(path);
    }
    if (error) data_error(dir.string(), "cannot list the fingerprints folder: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

// A printable excerpt of at most `cap` bytes around [start, start+length), cut on UTF-8
// character boundaries so the evidence stays valid text.
std::size_t utf8_floor(std::string_view text, std::size_t at) {
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    return std::min(at, text.size());
}

}  // namespace

std::string excerpt_around(std::string_view value, std::size_t start, std::size_t length,
                           std::size_t cap) {
    if (value.size() <= cap) return std::string(value);
    const std::size_t centre = start + std::min(length, cap) / 2;
    std::size_t from = centre > cap / 2 ? centre - cap / 2 : 0;
    from = utf8_floor(value, std::min(from, value.size() - cap));
    const std::size_t to = utf8_floor(value, from + cap);
    return std::string(value.substr(from, to - from));
}

struct SignatureDb::Impl {
    struct ValueHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view value) const { return std::hash<std::string_view>{}(value); }
    };
    using MatchCache = std::unordered_map<std::string, std::vector<SignatureMatch>, ValueHash, std::equal_to<>>;
    struct KeyIndex {
        std::unique_ptr<RE2::Set> set;
        std::vector<std::size_t> rules;  // set index -> rule index
        mutable MatchCache cache;        // value -> its matches (guarded by cache_mutex)
    };
    std::vector<Signature> rules;
    std::vector<std::unique_ptr<RE2>> compiled;  // parallel to rules
    std::map<std::string, KeyIndex> keys;
    mutable std::mutex cache_mutex;  // matching may run on several threads over one database
    mutable std::size_t cached = 0;  // entries over every key's cache

    void add(Signature rule);
    void compile_sets();
    void match_one(std::size_t index, std::string_view value, std::vector<SignatureMatch>& out) const;
    std::vector<SignatureMatch> match_uncached(const KeyIndex& index, std::string_view text) const;
    bool cached_matches(const KeyIndex& index, std::string_view text, std::vector<SignatureMatch>& out) const;
    void remember(const KeyIndex& index, std::string_view text, const std::vector<SignatureMatch>& matches) const;
};

void SignatureDb::Impl::add(Signature rule) {
    auto regex = std::make_unique<RE2>(rule.pattern, regex_options());
    if (!regex->ok())
        data_error(rule_where(rule), "pattern rejected by RE2: " + regex->error());
    for (const auto& [name, index] : regex->NamedCapturingGroups())
        if (!allowed_captures.contains(name))
            data_error(rule_where(rule), "named capture '" + name +
                                             "' is not one of model, firmware, serial, brand");
    auto& index = keys[rule.key];
    if (!index.set) index.set = std::make_unique<RE2::Set>(regex_options(), RE2::UNANCHORED);
    std::string error;
    if (index.set->Add(rule.pattern, &error) < 0)
        data_error(rule_where(rule), "pattern rejected by RE2::Set: " + error);
    index.rules.push_back(rules.size());
    rules.push_back(std::move(rule));
    compiled.push_back(std::move(regex));
}

void SignatureDb::Impl::compile_sets() {
    for (auto& [key, index] : keys)
        if (!index.set->Compile())
            data_error(key + ".json", "the rules of this key do not compile together (RE2 memory)");
}

void SignatureDb::Impl::match_one(std::size_t index, std::string_view value,
                                  std::vector<SignatureMatch>& out) const {
    const RE2& regex = *compiled[index];
    std::vector<re2::StringPiece> groups(static_cast<std::size_t>(regex.NumberOfCapturingGroups()) + 1);
    if (!regex.Match(value, 0, value.size(), RE2::UNANCHORED, groups.data(),
                     static_cast<int>(groups.size())))
        return;
    SignatureMatch match{&rules[index], {}};
    for (const auto& [name, group] : regex.NamedCapturingGroups())
        if (const auto piece = groups[static_cast<std::size_t>(group)]; !piece.empty())
            match.captures[name] = std::string(piece.data(), piece.size());
    match.start = static_cast<std::size_t>(groups[0].data() - value.data());
    match.length = groups[0].size();
    out.push_back(std::move(match));
}

SignatureDb::SignatureDb() : impl_(std::make_unique<Impl>()) {}
SignatureDb::SignatureDb(SignatureDb&&) noexcept = default;
SignatureDb& SignatureDb::operator=(SignatureDb&&) noexcept = default;
SignatureDb::~SignatureDb() = default;

SignatureDb SignatureDb::load(const std::filesystem::path& dir, const std::filesystem::path& vocabulary_dir) {
    const auto vocabulary = vocabulary_keys(vocabulary_dir.empty() ? dir : vocabulary_dir);
    SignatureDb db;
    std::set<std::string> ids;
    for (const auto& path : signature_files(dir)) {
        const std::string file = path.string();
        const std::string key = path.stem().string();
        if (!vocabulary.contains(key))
            data_error(file, "key '" + key + "' is not in the vocabulary (fingerprints/vocabulary/keys/)");
        const auto data = read_json_file(path);
        if (!data.is_object() || !data.contains("rules") || !data["rules"].is_array())
            data_error(file, "must be an object with a 'rules' list");
        if (const auto named = optional_string(data, "key", file); !named.empty() && named != key)
            data_error(file, "names key '" + named + "' but the file is named after '" + key + "'");
        for (const auto& item : data["rules"]) {
            Signature rule = parse_rule(item, file, key);
            if (!ids.insert(rule.id).second) data_error(rule_where(rule), "duplicate rule id");
            db.impl_->add(std::move(rule));
        }
    }
    db.impl_->compile_sets();
    return db;
}

std::size_t SignatureDb::rule_count() const { return impl_->rules.size(); }
const std::vector<Signature>& SignatureDb::rules() const { return impl_->rules; }

std::vector<SignatureMatch> SignatureDb::Impl::match_uncached(const KeyIndex& index, std::string_view text) const {
    std::vector<SignatureMatch> out;
    std::vector<int> hits;
    RE2::Set::ErrorInfo error{};
    if (!index.set->Match(text, &hits, &error) && error.kind != RE2::Set::kNoError) {
        // The DFA ran out of memory on this value: fall back to each rule on its own.
        hits.resize(index.rules.size());
        for (std::size_t i = 0; i < hits.size(); ++i) hits[i] = static_cast<int>(i);
    }
    std::sort(hits.begin(), hits.end());
    // Only the rules the set hit run again, on their own, to read captures.
    for (const int hit : hits) match_one(index.rules[static_cast<std::size_t>(hit)], text, out);
    return out;
}

bool SignatureDb::Impl::cached_matches(const KeyIndex& index, std::string_view text,
                                       std::vector<SignatureMatch>& out) const {
    const std::lock_guard lock(cache_mutex);
    const auto found = index.cache.find(text);
    if (found == index.cache.end()) return false;
    out = found->second;
    return true;
}

void SignatureDb::Impl::remember(const KeyIndex& index, std::string_view text,
                                 const std::vector<SignatureMatch>& matches) const {
    const std::lock_guard lock(cache_mutex);
    if (cached >= cache_entries) {
        for (auto& [key, other] : keys) other.cache.clear();
        cached = 0;
    }
    if (index.cache.emplace(std::string(text), matches).second) ++cached;
}

std::vector<SignatureMatch> SignatureDb::match(const std::string& key, const std::string& value) const {
    std::vector<SignatureMatch> out;
    const auto it = impl_->keys.find(key);
    if (it == impl_->keys.end()) return out;
    const std::string_view text = std::string_view(value).substr(0, max_match_bytes);
    const bool cacheable = text.size() <= cache_value_bytes;
    if (cacheable && impl_->cached_matches(it->second, text, out)) return out;
    out = impl_->match_uncached(it->second, text);
    if (cacheable) impl_->remember(it->second, text, out);
    return out;
}

namespace {

std::string check_example(const SignatureDb& db, const Signature& rule, const SignatureExample& example) {
    for (const auto& match : db.match(rule.key, example.value)) {
        if (match.rule != &rule) continue;
        for (const auto& [name, expected] : example.captures) {
            const auto got = match.captures.find(name);
            const std::string actual = got == match.captures.end() ? "(nothing)" : got->second;
            if (actual != expected)
                return "example \"" + example.value + "\": capture " + name + " gave \"" + actual +
                       "\", expected \"" + expected + "\"";
        }
        return {};
    }
    return "example \"" + example.value + "\" does not match";
}

}  // namespace

std::vector<ExampleFailure> verify_examples(const SignatureDb& db) {
    std::vector<ExampleFailure> failures;
    for (const auto& rule : db.rules()) {
        for (const auto& example : rule.examples)
            if (auto message = check_example(db, rule, example); !message.empty())
                failures.push_back({rule.file, rule.id, std::move(message)});
        for (const auto& counter : rule.counter_examples)
            for (const auto& match : db.match(rule.key, counter))
                if (match.rule == &rule)
                    failures.push_back({rule.file, rule.id,
                                        "counter-example \"" + counter + "\" matches"});
    }
    return failures;
}

}  // namespace camaudit::identify
