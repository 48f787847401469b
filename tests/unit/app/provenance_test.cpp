// Proves the provenance's command line keeps what was typed and hides the secrets: a secret
// option's value in both spellings, and the password of a URL.
#include <app/provenance.hpp>

#include <doctest/doctest.h>

using camaudit::app::redacted_command_line;
using Words = std::vector<std::string>;

TEST_CASE("provenance: a secret option's value is redacted as --opt VALUE and --opt=VALUE") {
    CHECK(redacted_command_line({"camaudit", "scan", "--snmp-community", "s3cret", "192.0.2.1"}) ==
          Words{"camaudit", "scan", "--snmp-community", "<redacted>", "192.0.2.1"});
    CHECK(redacted_command_line({"camaudit", "scan", "--snmp-community=s3cret"}) ==
          Words{"camaudit", "scan", "--snmp-community=<redacted>"});
}

TEST_CASE("provenance: a URL's password is redacted, its user and host kept") {
    CHECK(redacted_command_line({"--syslog", "tcp://ops:pa55@siem.example:514"}) ==
          Words{"--syslog", "tcp://ops:<redacted>@siem.example:514"});
    CHECK(redacted_command_line({"--syslog", "tcp://siem.example:514"}) == Words{"--syslog", "tcp://siem.example:514"});
}

TEST_CASE("provenance: everything else is kept word for word") {
    const Words plain = {"camaudit", "scan", "192.0.2.0/24", "-x", "192.0.2.9", "--config", "site.toml", "--rate=500"};
    CHECK(redacted_command_line(plain) == plain);
}
