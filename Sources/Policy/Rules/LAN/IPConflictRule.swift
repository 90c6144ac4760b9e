import NetAddress
import Snapshot

/// `lan.ip_conflict`: several MACs claimed one IPv4 address at the same time: a misconfigured
/// static address, a duplicate of a ledger address, or ARP spoofing (a man in the middle).
///
/// The inventory records every address claimed by more than one MAC as an `ip_conflict` anomaly.
/// Claims far apart in time are a hand-over, not a conflict (a replaced printer keeping its
/// address, a DHCP lease given to another client after expiry), so each MAC's claim interval is
/// taken from its address binding and the anomaly counts only when two intervals overlap or lie
/// less than `window_seconds` apart. When the bindings are missing (an inventory written by another
/// tool), the anomaly is trusted as it stands.
public struct IPConflictRule: AuditRule {
    public static let id = "lan.ip_conflict"
    public static let requiresLedger = false
    public init() {}

    struct Claim {
        var mac: MACAddress
        var first: Timestamp
        var last: Timestamp
        var evidence: Evidence?
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let window = Int64(rule.int("window_seconds") ?? 300) * 1_000_000_000
        var findings: [Finding] = []
        var reported = Set<String>()
        for anomaly in context.snapshot.anomalies where anomaly.kind == .ipConflict {
            guard let text = anomaly.ip, let address = IPv4Address(text), address.isHostAddress else { continue }
            let macs = Array(Set(anomaly.macs.filter(\.isUnicastStation))).sorted()
            guard macs.count >= 2 else { continue }
            let claims = macs.compactMap { claim(of: address, by: $0, vlan: anomaly.vlan, in: context.snapshot) }
            if claims.count == macs.count, !Self.overlap(claims, window: window) { continue }
            let key = "\(address)|\(anomaly.vlan.map(String.init) ?? "-")|\(macs.map(\.description).joined(separator: ","))"
            guard reported.insert(key).inserted else { continue }
            findings.append(finding(anomaly, address, macs, claims, context, rule))
        }
        return findings
    }

    private func claim(of address: IPv4Address, by mac: MACAddress, vlan: Int?, in snapshot: Snapshot) -> Claim? {
        let devices = snapshot.devices.filter { $0.mac == mac && (vlan == nil || $0.vlan == vlan) }
        let bindings = devices.compactMap { $0.binding(for: address) }
        guard let first = bindings.map(\.firstSeen).min(), let last = bindings.map(\.lastSeen).max() else { return nil }
        return Claim(mac: mac, first: first, last: last, evidence: bindings.first?.evidence)
    }

    /// True when two claims overlap or are less than `window` nanoseconds apart.
    static func overlap(_ claims: [Claim], window: Int64) -> Bool {
        let sorted = claims.sorted { $0.first < $1.first }
        var latestEnd = sorted.first?.last ?? Timestamp(nanoseconds: 0)
        for claim in sorted.dropFirst() {
            if claim.first.nanoseconds - latestEnd.nanoseconds < window { return true }
            latestEnd = max(latestEnd, claim.last)
        }
        return false
    }

    private func finding(_ anomaly: Anomaly, _ address: IPv4Address, _ macs: [MACAddress], _ claims: [Claim],
                         _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        var evidence = [context.observed(anomaly.message, at: anomaly.firstSeen, evidence: anomaly.evidence)]
        for claim in claims {
            evidence.append(context.observed("\(claim.mac) claimed \(address) from \(claim.first) to \(claim.last)",
                                             at: claim.first, evidence: claim.evidence))
        }
        let owners = macs.map { mac -> String in
            guard let index = context.matching.asset(listing: mac), let asset = context.ledger?.assets[index] else { return mac.description }
            return "\(mac) (\(asset.label))"
        }
        let recorded = context.matching.assets(at: address).compactMap { context.ledger?.assets[$0] }.filter(\.status.isActive).first
        var en = "IPv4 address \(address) was claimed by \(macs.count) MAC addresses at the same time: \(owners.joined(separator: ", "))."
        var ja = "IPv4 アドレス \(address) を \(macs.count) 台の機器（\(owners.joined(separator: "、"))）が同時に使用しています。"
        if let recorded {
            en += " The ledger assigns it to \(recorded.label)."
            ja += "台帳ではこのアドレスは \(recorded.label) に割り当てられています。"
            evidence.append(context.recorded("\(recorded.label): ip_address \(address)", asset: recorded))
        }
        return rule.finding(
            subject: Subject(kind: .network, ip: address.description, vlan: anomaly.vlan, assetID: recorded.flatMap { $0.assetID.isEmpty ? nil : $0.assetID }),
            identity: ["ip=\(address)", "vlan=\(anomaly.vlan.map(String.init) ?? "-")", "macs=\(macs.map(\.description).joined(separator: ","))"],
            message: LocalizedText(en: en, ja: ja), evidence: evidence,
            remediation: LocalizedText(
                en: "Find which device should hold the address (the ledger, the DHCP reservations) and reconfigure the other; "
                    + "if no one configured it, treat the duplicate as possible ARP spoofing and isolate that station.",
                ja: "台帳や DHCP の予約からこのアドレスを使うべき機器を確認し、もう一方の設定を修正してください。"
                    + "誰も設定していない場合は ARP スプーフィングの可能性があるため、当該機器を隔離してください。"))
    }
}

extension IPConflictRule {
    static func conflict(_ ip: String, _ macs: [String]) -> Anomaly {
        Anomaly(kind: .ipConflict, vlan: nil, ip: ip, macs: macs.compactMap { MACAddress($0) }, message: "\(ip) claimed by \(macs.joined(separator: " and "))",
                firstSeen: AuditExample.captureStart, evidence: Evidence(protocol: "arp", source: 0, packet: 7))
    }

    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("two stations answer ARP for .50 in the same minutes",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.50"]),
                                                         AuditExample.station("00:1b:21:00:00:02", ["192.168.1.50"], seconds: 120)],
                                                        anomalies: [conflict("192.168.1.50", ["00:1b:21:00:00:01", "00:1b:21:00:00:02"])])),
            AuditExample("an anomaly from an inventory without bindings is trusted",
                         snapshot: AuditExample.network([], anomalies: [conflict("192.168.1.60", ["00:1b:21:00:00:03", "00:1b:21:00:00:04"])])),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("a hand-over long after the old claim ended",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.50"], seconds: 0, until: 60),
                                                         AuditExample.station("00:1b:21:00:00:02", ["192.168.1.50"], seconds: 3000, until: 3600)],
                                                        anomalies: [conflict("192.168.1.50", ["00:1b:21:00:00:01", "00:1b:21:00:00:02"])]),
                         params: "{window_seconds: 300}").expecting(0),
            AuditExample("no conflict anomaly",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.50"])])).expecting(0),
            AuditExample("a conflict on the unspecified address is no conflict",
                         snapshot: AuditExample.network([], anomalies: [conflict("0.0.0.0", ["00:1b:21:00:00:03", "00:1b:21:00:00:04"])])).expecting(0),
        ]
    }
}
