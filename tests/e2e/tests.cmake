# End-to-end tests: the real binaries, run as a user would, against the device lab.
camaudit_add_test(NAME test_e2e
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/lab_scan_test.cpp ${CMAKE_CURRENT_LIST_DIR}/cli_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/relabel_scan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/scope_cli_test.cpp ${CMAKE_CURRENT_LIST_DIR}/waivers_check_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/hostile_scan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/interrupt_config_test.cpp ${CMAKE_CURRENT_LIST_DIR}/reports_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/onvif_scan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/onvif_auth_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/udp_scan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/fingerprints_cli_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/full_disk_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/rtsp_tls_scan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/diff_test.cpp ${CMAKE_CURRENT_LIST_DIR}/sdk_port_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/progress_test.cpp ${CMAKE_CURRENT_LIST_DIR}/hostile_output_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/profile_scan_test.cpp
  LINK nlohmann_json::nlohmann_json
  RUNS camaudit camaudit-lab)
target_compile_definitions(test_e2e PRIVATE CAMAUDIT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# The report's provenance block and the CAMAUDIT_* variables' checks: the binary on loopback.
camaudit_add_test(NAME test_e2e_provenance SOURCES ${CMAKE_CURRENT_LIST_DIR}/provenance_test.cpp
  LINK nlohmann_json::nlohmann_json
  RUNS camaudit)
target_compile_definitions(test_e2e_provenance PRIVATE CAMAUDIT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# Hostile-network tests (docs/security.md): the scope proven by capturing every packet in the
# lab's namespace, hostile answers (XML, redirects) and the hostile lab at scale.
camaudit_add_test(NAME test_e2e_hostile
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/scope_capture_test.cpp ${CMAKE_CURRENT_LIST_DIR}/hostile_answers_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/hostile_scale_test.cpp ${CMAKE_CURRENT_LIST_DIR}/hostile_limits_test.cpp
  LINK nlohmann_json::nlohmann_json camaudit_lab PkgConfig::PCAP
  RUNS camaudit camaudit-lab)
target_compile_definitions(test_e2e_hostile PRIVATE CAMAUDIT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# Issue 14, attack 1: DHIP and SSDP answers forged with an innocent lab host's address.
camaudit_add_test(NAME test_e2e_forged_udp SOURCES ${CMAKE_CURRENT_LIST_DIR}/forged_udp_test.cpp
  LINK nlohmann_json::nlohmann_json
  RUNS camaudit camaudit-lab)
target_compile_definitions(test_e2e_forged_udp PRIVATE CAMAUDIT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# The passive decoders end to end: a generated capture read by `camaudit passive --read`.
camaudit_add_test(NAME test_e2e_passive_decoders
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/passive_decoders_e2e_test.cpp
  LINK camaudit_pcap_writer camaudit_parse nlohmann_json::nlohmann_json
  RUNS camaudit)
# Layer 2 on a namespaced Ethernet segment (ARP sweep, multicast discover, privileges); root.
camaudit_add_test(NAME test_l2_segment SOURCES ${CMAKE_CURRENT_LIST_DIR}/l2_segment_test.cpp
  LINK camaudit_lab nlohmann_json::nlohmann_json
  RUNS camaudit)
# Hostile hosts on the namespaced segment against `discover` (issue 14's attacks); root.
camaudit_add_test(NAME test_hostile_discovery SOURCES ${CMAKE_CURRENT_LIST_DIR}/hostile_discovery_test.cpp
  LINK camaudit_lab nlohmann_json::nlohmann_json
  RUNS camaudit)
# `camaudit passive` end to end: generated captures read with --read; a live capture in a
# private network namespace (root only).
camaudit_add_test(NAME test_e2e_passive
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/passive_read_test.cpp
  LINK camaudit_pcap_writer nlohmann_json::nlohmann_json
  RUNS camaudit)

# SSDP/UPnP, SNMP and mDNS probes against the device lab (default and hostile profiles).
camaudit_add_test(NAME test_e2e_discovery2
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/discovery_protocols_test.cpp
  LINK nlohmann_json::nlohmann_json
  RUNS camaudit camaudit-lab)
target_compile_definitions(test_e2e_discovery2 PRIVATE CAMAUDIT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# The whole lab on the namespaced segment (TCP and UDP services, vendor MACs) scanned with
# `scan --arp`: issue 3's vendors and decoys named, banned recall 100%; root.
camaudit_add_test(NAME test_segment_lab SOURCES ${CMAKE_CURRENT_LIST_DIR}/segment_lab_test.cpp
  LINK camaudit_lab nlohmann_json::nlohmann_json
  RUNS camaudit camaudit-lab)
# `scan --passive-while-scanning` on the namespaced segment: silent devices named from what
# they send during the scan; SIGINT during the ARP sweep and the scan; root.
camaudit_add_test(NAME test_l2_listen SOURCES ${CMAKE_CURRENT_LIST_DIR}/l2_listen_test.cpp
  LINK camaudit_lab nlohmann_json::nlohmann_json
  RUNS camaudit)
# Host discovery on a silent network: a namespaced /24 where two addresses hold listeners and
# ARP for the rest goes unanswered; root.
# The kernel's neighbour table is one for every namespace (gc_thresh3, 1024 entries by
# default): tests that probe many unassigned on-link addresses take turns, or one's incomplete
# entries make the other's sends fail (ENOBUFS) and its scan come out incomplete.
camaudit_add_test(NAME test_e2e_silent SOURCES ${CMAKE_CURRENT_LIST_DIR}/silent_network_test.cpp
  LINK nlohmann_json::nlohmann_json
  RUNS camaudit
  PROPERTIES RESOURCE_LOCK neighbour_table)
# Adaptive timing: a host behind a 200 ms delay line (TAP devices, for kernels without netem),
# the floor on a direct veth, ports dropped by nft; root (exits 77, SKIPPED, without it).
camaudit_add_skipping_driver(NAME test_e2e_adaptive_timing TITLE "adaptive timing: learned timeouts on a slow and a direct link, dropped ports unretried" TIMEOUT 300
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/adaptive_timing_test.cpp ${CMAKE_CURRENT_LIST_DIR}/delay_line.cpp
  LINK nlohmann_json::nlohmann_json)
# `scan --dry-run` in a namespace whose nftables counter proves it sends nothing, and its counts
# (root; exits 77, SKIPPED, without root or nft).
camaudit_add_skipping_driver(NAME test_e2e_dry_run TITLE "dry run: nothing sent, the plan's counts right, a bad target exit 2" TIMEOUT 120
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/dry_run_test.cpp)
# The privilege drop of every subcommand, read from /proc while each runs (uid, capabilities,
# no_new_privs, packet sockets) on the namespaced segment; root (exits 77, SKIPPED, otherwise).
camaudit_add_skipping_driver(NAME test_e2e_least_privilege TITLE "least privilege: every subcommand runs unprivileged, no capability, no_new_privs" TIMEOUT 300
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/least_privilege_test.cpp
  LINK camaudit_lab)
# Follow-up requests stay read-only (issue 19): LOCATIONs to a CGI or another host's port and a
# CR LF redirect, against the test's own recording listeners in a private network namespace.
camaudit_add_skipping_driver(NAME test_e2e_readonly_followups TITLE "read-only follow-ups: LOCATION only from its sender's description, no CR LF on the wire" TIMEOUT 300
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/readonly_followups_test.cpp
  LINK camaudit_lab nlohmann_json::nlohmann_json)
# Issue 14: the same fact heard actively and passively (`scan --passive-while-scanning` on the
# namespaced segment) counts once; root (exits 77, SKIPPED, without it).
camaudit_add_skipping_driver(NAME test_e2e_listen_once TITLE "listen once: the same fact heard actively and passively counts once" TIMEOUT 300
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/listen_once_test.cpp
  LINK camaudit_lab nlohmann_json::nlohmann_json)
