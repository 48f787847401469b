// The report's provenance block (issue 12): the command line with secrets redacted, the
// environment, the config and its hash, the host and the addresses sent from, the build, and
// the hash of every body of data the run loaded. Gathered once per run, before the report is
// written.
#pragma once
#include <app/pipeline.hpp>
#include <camaudit/report.hpp>

#include <boost/asio/ip/address.hpp>
#include <map>
#include <string>
#include <vector>

namespace camaudit::app {

// The command line and the environment as the process got them, taken before anything reads
// or wipes a secret (credentials.cpp clears CAMAUDIT_ONVIF_PASSWORD).
struct Invocation {
    std::vector<std::string> argv;
    std::map<std::string, std::string> environment;  // recorded_environment()
};
Invocation invocation_of(int argc, char** argv);

// `argv` with the value of every secret option (--snmp-community V or --snmp-community=V, the
// config's secret keys as flags) and the password of any URL (scheme://user:pass@host)
// replaced by "<redacted>".
std::vector<std::string> redacted_command_line(const std::vector<std::string>& argv);

// The git commit the build was configured from, or "unknown" (build_commit.cpp).
const char* build_commit();

// The data block: the signature folder (regulations/ left out), each site signature folder,
// the regulations, and the OUI registry with its entry count and date, each hashed once.
std::vector<DataSource> data_sources(const LoadedData& data);

// What a run adds to its invocation and data: the config file given (may be empty), the
// interfaces its options named, and a few of the addresses it sends to.
struct RunContext {
    std::string config;
    std::vector<std::string> interfaces;
    std::vector<boost::asio::ip::address> destinations;  // one per target interval; capped
};

// The provenance of a run over `data`. Throws RunError when the config or a data file
// cannot be read to hash it.
Provenance make_provenance(const Invocation& invocation, const RunContext& context, const LoadedData& data);

}  // namespace camaudit::app
