// A Resolver for tests: answers from a fixed table and counts the questions, so scope tests
// need no DNS.
#pragma once
#include <boost/asio/ip/address.hpp>
#include <map>
#include <memory>
#include <string>
#include <targets/target_set.hpp>
#include <vector>

namespace camaudit::targets::test {

struct FakeResolver {
    std::map<std::string, std::vector<std::string>> table;  // name -> addresses
    std::shared_ptr<std::map<std::string, int>> calls = std::make_shared<std::map<std::string, int>>();

    Resolver resolver() const {
        return [table = table, calls = calls](const std::string& host, std::string& error) {
            ++(*calls)[host];
            std::vector<boost::asio::ip::address> out;
            auto found = table.find(host);
            if (found == table.end()) {
                error = "Host not found (authoritative)";
                return out;
            }
            for (const auto& text : found->second) out.push_back(boost::asio::ip::make_address(text));
            return out;
        };
    }
};

}  // namespace camaudit::targets::test
