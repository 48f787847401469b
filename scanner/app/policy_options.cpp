// --profile, --policy and --fail-on: one wording for every command that applies policy.
#include <app/policy_options.hpp>

#include <app/cli_style.hpp>

namespace camaudit::app {

void add_policy_options(CLI::App& command, std::string& profile, std::vector<std::string>& policies,
                        std::string& fail_on) {
    command.add_option("--profile", profile,
                       "Whose rules apply: us-federal-agency, ca-federal, ... (default: all; "
                       "the names: 'camaudit policies')")
        ->type_name("NAME");
    command.add_option("--policy", policies,
                       "Only these regulations, comma list (of the profile's, or of all but the "
                       "opt-in ones; the ids: 'camaudit policies')")
        ->type_name("ID")->delimiter(',');
    command.add_option("--fail-on", fail_on,
                       "Exit 1 on: prohibited, review (also review), unknown (also review and "
                       "unknown) or advisory (also all three)")
        ->type_name("STATUS")->capture_default_str()->check(one_of({"prohibited", "review", "unknown", "advisory"}));
}

}  // namespace camaudit::app
