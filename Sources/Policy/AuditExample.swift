import NetAddress
import Snapshot

/// A worked example of one rule: a small observed network, a ledger, the rule's settings, and how
/// many findings of the rule it must produce (0 for an example on which the rule stays silent).
///
/// Examples live beside the rule they illustrate (SwiftLint style) and the tests run every one of
/// them through the real audit: profile YAML through the profile loader, ledger CSV through the
/// ledger reader, and `Auditor.audit`. `docs/rules.md` describes the same cases in prose.
public struct AuditExample: Sendable {
    public var name: String
    public var snapshot: Snapshot
    /// The ledger as CSV text (read with `LedgerReader.parse`); nil to audit without a ledger.
    public var ledgerCSV: String?
    /// The rule's `params:` as a YAML flow mapping, e.g. `{grace_days: 0}`; nil for the catalog defaults.
    public var params: String?
    /// Other rules enabled beside the one under test (with their catalog defaults).
    public var alsoEnabled: [String]
    /// Lines under `scope:` (without the citations the loader requires), e.g. `ip_only_matching: true`.
    public var scope: [String]
    /// Exceptions as YAML flow mappings, e.g. `{id: x, rules: [...], match: {mac: ...}, approver: A, expires: 2026-12-31}`.
    public var exceptions: [String]
    public var today: ProfileDate
    /// Findings of the rule under test the audit must report (active or suppressed).
    public var expectedFindings: Int

    public init(_ name: String, snapshot: Snapshot, ledger: String? = nil, params: String? = nil, alsoEnabled: [String] = [],
                scope: [String] = [], exceptions: [String] = [], today: ProfileDate = AuditExample.defaultToday,
                expectedFindings: Int = 1) {
        self.name = name; self.snapshot = snapshot; self.ledgerCSV = ledger; self.params = params
        self.alsoEnabled = alsoEnabled; self.scope = scope; self.exceptions = exceptions; self.today = today
        self.expectedFindings = expectedFindings
    }

    /// The example with another expected count (non-triggering examples expect 0).
    public func expecting(_ count: Int) -> AuditExample {
        var copy = self
        copy.expectedFindings = count
        return copy
    }

    /// A complete profile enabling `ruleID` (and `alsoEnabled`), each justified as an organisational decision.
    public func profileYAML(ruleID: String) -> String {
        var lines = ["metadata:", "  id: example", "  title: \(ruleID) example", "  language: en"]
        lines.append("scope:")
        lines += scope.map { "  " + $0 }
        lines.append("  citations: [{org_decision: true}]")
        lines.append("rules:")
        lines.append("  \(ruleID):")
        if let params { lines.append("    params: \(params)") }
        lines.append("    citations: [{org_decision: true}]")
        for other in alsoEnabled where other != ruleID {
            lines.append("  \(other):")
            lines.append("    citations: [{org_decision: true}]")
        }
        if !exceptions.isEmpty {
            lines.append("exceptions:")
            lines += exceptions.map { "  - " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Building blocks

    /// 2026-01-05, the examples' "today".
    public static let defaultToday = ProfileDate(year: 2026, month: 1, day: 5) ?? .today()
    /// 2026-01-05T09:00:00Z, when the examples' capture starts.
    public static let captureStart = Timestamp(seconds: 1_767_603_600)

    /// A station seen in the capture `seconds` after the start; addresses bound by ARP.
    public static func station(_ mac: String, _ addresses: [String] = [], hostname: String? = nil, vlan: Int? = nil,
                               packet: Int = 1, seconds: Int64 = 0, until: Int64 = 600) -> Device {
        let first = Timestamp(seconds: captureStart.seconds + seconds)
        let last = Timestamp(seconds: captureStart.seconds + until)
        let evidence = Evidence(protocol: "arp", source: 0, packet: packet)
        let macAddress = MACAddress(mac) ?? .zero
        return Device(
            mac: macAddress, vlan: vlan, randomized: macAddress.isLocallyAdministered,
            ipv4: addresses.compactMap { IPv4Address($0) }.map {
                AddressBinding(address: $0, sources: ["arp"], firstSeen: first, lastSeen: last, evidence: evidence)
            },
            hostnames: hostname.map { [Hostname(name: $0, source: "dhcp", firstSeen: first, evidence: evidence)] } ?? [],
            firstSeen: first, lastSeen: last, packets: 10, bytes: 1000, evidence: evidence)
    }

    /// A DHCP server that made offers on the segment.
    public static func dhcpServer(_ mac: String, _ address: String, vlan: Int? = nil, packet: Int = 2) -> DHCPServer {
        let ip = IPv4Address(address)
        return DHCPServer(mac: MACAddress(mac) ?? .zero, vlan: vlan, ip: ip, serverIdentifier: ip, offers: 1, acks: 1,
                          firstSeen: captureStart, lastSeen: captureStart, evidence: Evidence(protocol: "dhcp", source: 0, packet: packet))
    }

    /// An observed network: one capture file, `example.pcap`, ten minutes long.
    public static func network(_ devices: [Device], dhcpServers: [DHCPServer] = [], anomalies: [Anomaly] = []) -> Snapshot {
        Snapshot(generatedAt: captureStart, observedFrom: captureStart, observedUntil: Timestamp(seconds: captureStart.seconds + 600),
                 sources: [Source(kind: .file, name: "example.pcap", linkType: "EN10MB", packets: 100, bytes: 10_000)],
                 devices: devices, dhcpServers: dhcpServers, anomalies: anomalies)
    }

    /// The columns example ledgers use.
    public static let ledgerHeader =
        "asset_id,node_name,mac_addresses,ip_address,site,status,ownership,approval_ref,approval_expiry,purpose,install_date"

    /// One ledger row in `ledgerHeader`'s columns.
    public static func row(_ assetID: String, name: String = "", mac: String = "", ip: String = "", site: String = "",
                           status: String = "in_service", ownership: String = "company", approvalRef: String = "",
                           expiry: String = "", purpose: String = "", installed: String = "") -> String {
        [assetID, name, mac, ip, site, status, ownership, approvalRef, expiry, purpose, installed].joined(separator: ",")
    }

    /// A ledger CSV with `ledgerHeader` and `rows`.
    public static func ledger(_ rows: String...) -> String {
        ([ledgerHeader] + rows).joined(separator: "\n") + "\n"
    }
}
