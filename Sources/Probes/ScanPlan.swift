/// What a scan will do, decided before any packet leaves: rendered by `--dry-run`.
import NetAddress

public struct ScanPlan: Sendable {
    public var interface: String
    public var scope: ScanScope
    public var ports: [Int]
    public var rate: Double
    public var arpRetries: Int
    public var passiveSeconds: Double
    /// TCP SYN scan (raw sockets, CAP_NET_RAW) rather than connect(); banners still by connect to open ports.
    public var synScan = false
    /// IPv6 neighbour sweep: ICMPv6 echo to ff02::1 on the link (`--ipv6`).
    public var ipv6 = false
    /// Scope addresses outside the interface's subnet: pinged (ICMP echo, TCP SYN 443, ACK 80) instead of ARP.
    public var routedCount = 0

    public init(interface: String, scope: ScanScope, ports: [Int], rate: Double, arpRetries: Int = 2, passiveSeconds: Double = 0) {
        self.interface = interface; self.scope = scope; self.ports = ports; self.rate = rate
        self.arpRetries = arpRetries; self.passiveSeconds = passiveSeconds
    }

    /// Upper bound of packets the probes originate: every ARP round to every address, one SYN per port.
    /// Hosts that do not answer ARP are not port-scanned, so the real count is usually far lower.
    public var maxProbePackets: Int {
        (scope.addresses.count - routedCount) * (arpRetries + 1) + routedCount * 3 * (RoutedPing.defaultRetries + 1)
            + scope.addresses.count * ports.count * (synScan ? SynScanOptions().retries + 1 : 1)
            + (ports.contains(161) ? scope.addresses.count * 2 * (SNMPProbeOptions().retries + 1) : 0)
    }

    /// Worst-case duration at the rate limit, in seconds.
    public var maxSeconds: Double { Double(maxProbePackets) / rate + passiveSeconds }

    public func render() -> String {
        let a = scope.addresses
        var out = "scan plan (dry run: nothing is sent)\n"
        out += "  interface:    \(interface)\n"
        out += "  targets:      \(scope.targets.map(\.description).joined(separator: ", "))\n"
        out += "  excluded:     \(scope.exclusions.isEmpty ? "none" : scope.exclusions.map(\.description).joined(separator: ", "))\n"
        out += "  addresses:    \(a.count) (\(a.first.map { "\($0)" } ?? "-") … \(a.last.map { "\($0)" } ?? "-")), max \(scope.maxTargets)\(scope.allowPublic ? ", public allowed" : "")\n"
        out += "  phase 1:      ARP sweep, \(arpRetries + 1) rounds at most (AF_PACKET socket, EtherType 0x0806)\n"
        if routedCount > 0 {
            out += "  routed:       \(routedCount) addresses off this link: ICMP echo, TCP SYN 443, TCP ACK 80 (2 rounds at most), then TCP connect\n"
        }
        if ports.isEmpty {
            out += "  phase 2:      none (no ports)\n"
        } else if synScan {
            out += "  phase 2:      TCP SYN to hosts that answered (raw socket; banners by connect to open ports), ports \(ports.map(String.init).joined(separator: ","))\n"
        } else {
            out += "  phase 2:      TCP connect to hosts that answered, ports \(ports.map(String.init).joined(separator: ","))\n"
        }
        if ports.contains(161) {
            out += "  phase 3:      SNMP GetRequest sysDescr.0 (v2c and v1, community public) to udp/161 of hosts that answered\n"
        }
        if ipv6 {
            out += "  IPv6:         ICMPv6 echo to ff02::1 (link scope, never routed) from each link-local/fc00::/7/2001:2::/48 source, 2 rounds\n"
        }
        out += "  passive:      inventory observer listening throughout, +\(formatSeconds(passiveSeconds)) s after the probes\n"
        out += "  rate limit:   \(formatSeconds(rate)) packets/s (global)\n"
        out += "  upper bound:  \(maxProbePackets) probe packets, \(formatSeconds(maxSeconds)) s\n"
        return out
    }

    func formatSeconds(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(Int((v * 10).rounded())) .inserting(".", fromEnd: 1)
    }
}

extension String {
    func inserting(_ c: Character, fromEnd n: Int) -> String {
        var s = self
        while s.count <= n { s = "0" + s }
        s.insert(c, at: s.index(s.endIndex, offsetBy: -n))
        return s
    }
}
