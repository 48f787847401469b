// `camaudit demo`: the built-in device lab, scanned end to end, in a private namespace.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace camaudit::app {

struct DemoArgs {
    std::string devices;       // lab profiles folder
    std::string fingerprints;
    std::string out;           // optional report file
    std::string format = "json";
    bool quiet = false;
};

CLI::App* add_demo_command(CLI::App& app, DemoArgs& args);
struct Invocation;  // provenance.hpp
int run_demo(const DemoArgs& args, const Invocation& invocation);

}  // namespace camaudit::app
