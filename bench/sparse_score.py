#!/usr/bin/env python3
# Scores the runs of bench/sparse_audit.sh against the sparse lab's truth (the placement that
# `camaudit-lab --segment --sparse ... --list` prints): a camaudit report or an nmap XML file
# (possibly cut short: only its finished <host> elements count), and prints the table.
# Usage: sparse_score.py camaudit|nmap PLACEMENT.json RESULT [--ignore ADDRESS]...  (one JSON line)
#        sparse_score.py table RUNS.ndjson   (the runs, each a score plus variant, wall_s, rss_kib, limit_s)
import json
import re
import sys
import xml.etree.ElementTree as ET


def scored_devices(placement):
    """The placed devices a scan must find: forged and hostile profiles are not devices to name."""
    return [d for d in placement if not d["truth"].get("forged") and not d["truth"].get("hostile")]


def named_vendor(truth):
    return "" if truth.get("vendor") in (None, "", "none") else truth["vendor"]


def camaudit_hosts(path):
    """address -> (vendor, compliance status), complete flag."""
    report = json.load(open(path))
    hosts = {d["ip"]: (d.get("vendor", ""), d.get("compliance", {}).get("status", "")) for d in report["devices"]}
    return hosts, bool(report.get("scan", {}).get("complete"))


def nmap_host_text(host):
    """Everything nmap says about a host that could name its maker: the MAC's vendor and each
    service's product, version, extra info, device and OS type, host name."""
    parts = [a.get("vendor", "") for a in host.findall("address")]
    for service in host.iter("service"):
        parts += [service.get(k, "") for k in ("product", "version", "extrainfo", "devicetype", "ostype", "hostname")]
    return " ".join(parts)


def nmap_hosts(path):
    """address -> text, complete flag. A file cut by a time limit ends mid-element: finished
    hosts are kept, and the run counts as incomplete."""
    hosts, complete = {}, False
    try:
        for _, element in ET.iterparse(path, events=("end",)):
            if element.tag == "host":
                if element.find("status") is not None and element.find("status").get("state") == "up":
                    ipv4 = [a.get("addr") for a in element.findall("address") if a.get("addrtype") == "ipv4"]
                    if ipv4:
                        hosts[ipv4[0]] = nmap_host_text(element)
                element.clear()
            elif element.tag == "runstats":
                complete = True
    except (ET.ParseError, FileNotFoundError):
        pass
    return hosts, complete


def squeeze(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


def score(tool, placement, result, ignored):
    devices = scored_devices(placement)
    if tool == "camaudit":
        hosts, complete = camaudit_hosts(result)
        vendor_right = lambda d, h: h[0] == named_vendor(d["truth"])
        banned_flagged = lambda d, h: h[1] == "prohibited"
    else:
        hosts, complete = nmap_hosts(result)
        # nmap has no vendor field: right when the true vendor's name appears in what it says
        # (the MAC registry's name, a service banner); it has no policy, so a banned device
        # counts as caught when nmap names its vendor.
        vendor_right = lambda d, h: squeeze(named_vendor(d["truth"])) in squeeze(h)
        banned_flagged = vendor_right
    found = [d for d in devices if d["address"] in hosts]
    named = [d for d in devices if named_vendor(d["truth"])]
    banned = [d for d in devices if d["truth"].get("banned") is True]
    placed = {d["address"] for d in placement}
    extra = [a for a in hosts if a not in placed and a not in ignored]
    return {
        "tool": tool,
        "complete": complete,
        "devices": len(devices),
        "found": len(found),
        "named": len(named),
        "vendor_right": sum(1 for d in named if d["address"] in hosts and vendor_right(d, hosts[d["address"]])),
        "banned": len(banned),
        "banned_caught": sum(1 for d in banned if d["address"] in hosts and banned_flagged(d, hosts[d["address"]])),
        "extra_hosts": len(extra),
        "identification": {d["address"]: hosts.get(d["address"]) for d in devices},
    }


def pct(part, whole):
    return f"{100.0 * part / whole:.0f}% ({part}/{whole})" if whole else "n/a"


def ratio(nmap, camaudit):
    """nmap's wall time over camaudit's; a run cut by the limit makes it a bound."""
    if not nmap or not camaudit:
        return "n/a"
    if not camaudit["complete"] and not nmap["complete"]:
        return "n/a (both cut)"
    value = f"{nmap['wall_s'] / camaudit['wall_s']:.2f}"
    if not camaudit["complete"]:
        return f"<= {value} (camaudit cut)"
    return f">= {value} (nmap cut)" if not nmap["complete"] else value


def differences(a, b):
    """Devices identified differently (vendor or status) by two camaudit runs."""
    return [address for address in a["identification"] if a["identification"][address] != b["identification"].get(address)]


def table(path):
    runs = [json.loads(line) for line in open(path) if line.strip()]
    print("| variant | tool | wall s | complete | devices found | vendor right | banned recall | extra hosts | peak RSS MiB |")
    print("| --- | --- | ---: | --- | --- | --- | --- | ---: | ---: |")
    for r in runs:
        # A run that stopped before the limit without finishing failed (its stderr says why).
        was_cut = r.get("limit_s") and r["wall_s"] >= r["limit_s"] - 1
        cut = "" if r["complete"] else f" (cut at {r['limit_s']} s)" if was_cut else " (failed)"
        print(f"| {r['variant']} | {r['tool']} | {r['wall_s']:.1f} | {'yes' if r['complete'] else 'no'}{cut} | "
              f"{pct(r['found'], r['devices'])} | {pct(r['vendor_right'], r['named'])} | "
              f"{pct(r['banned_caught'], r['banned'])} | {r['extra_hosts']} | {r['rss_kib'] / 1024:.1f} |")
    print()
    for variant in dict.fromkeys(r["variant"] for r in runs):
        by_tool = {r["tool"]: r for r in runs if r["variant"] == variant}
        camaudit = by_tool.get("camaudit")
        nmap = next((r for t, r in by_tool.items() if t.startswith("nmap")), None)
        print(f"{variant}: wall time nmap/camaudit = {ratio(nmap, camaudit)}")
        connect = by_tool.get("camaudit --connect")
        if connect:
            print(f"{variant}: wall time nmap/camaudit --connect = {ratio(nmap, connect)}; "
                  f"camaudit --connect/camaudit = {ratio(connect, camaudit)}")
        fast = next((r for t, r in by_tool.items() if t.startswith("camaudit --rate")), None)
        if camaudit and fast:
            diff = differences(camaudit, fast)
            same = "the same" if not diff else f"different on {len(diff)}: {', '.join(diff[:8])}"
            print(f"{variant}: identification at {fast['tool'][9:]} against the default rate: {same}"
                  f" (of {len(camaudit['identification'])} devices)")


def main(argv):
    if argv[1] == "table":
        return table(argv[2])
    tool, placement_path, result = argv[1], argv[2], argv[3]
    ignored = {argv[i + 1] for i in range(4, len(argv) - 1) if argv[i] == "--ignore"}
    print(json.dumps(score(tool, json.load(open(placement_path)), result, ignored)))


if __name__ == "__main__":
    main(sys.argv)
