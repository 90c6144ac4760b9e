import Ledger
import NetAddress
import Snapshot

/// `ledger.ip_mismatch`: a device the ledger knows by its MAC uses an address other than the one
/// the ledger records for it (JPMA 000 7.3 makes the IP address part of the equipment record).
/// Rows without a static address (empty or `dhcp`) have nothing to compare and are skipped, as are
/// rows matched by address alone (they use the recorded address by definition) and retired rows.
/// A device that used several addresses passes when the recorded one is among them, counting every
/// VLAN it was seen on (a router's subinterfaces are one ledger row with one recorded address).
public struct IPMismatchRule: AuditRule {
    public static let id = "ledger.ip_mismatch"
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let ledger = context.ledger else { return [] }
        var findings: [Finding] = []
        var judged = Set<Int>()
        for (index, _) in context.snapshot.devices.enumerated() {
            guard let match = context.matching.match(forDevice: index), match.method == .mac,
                  judged.insert(match.assetIndex).inserted else { continue }
            let asset = ledger.assets[match.assetIndex]
            // `only_static: false` cannot widen anything: a DHCP row records no address to compare.
            guard asset.status.isActive, let recorded = asset.ipAddress else { continue }
            // One asset may appear on several VLANs (a router's subinterfaces): its addresses are all its own.
            let devices = context.matching.devices(matchedTo: match.assetIndex).map { context.snapshot.devices[$0] }
            var used: [IPv4Address] = []
            for device in devices { for address in device.hostIPv4Addresses where !used.contains(address) { used.append(address) } }
            guard !used.isEmpty, !used.contains(recorded),
                  let device = devices.first(where: { !$0.hostIPv4Addresses.isEmpty }) else { continue }
            findings.append(finding(device, asset, recorded: recorded, used: used, context, rule))
        }
        return findings
    }

    private func finding(_ device: Device, _ asset: Asset, recorded: IPv4Address, used: [IPv4Address],
                         _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let usedText = used.map(\.description).joined(separator: ", ")
        var evidence: [FindingEvidence] = [context.recorded("\(asset.label): ip_address \(recorded), MAC \(device.mac)", asset: asset)]
        for address in used.prefix(4) {
            let binding = context.snapshot.devices.lazy.filter { $0.mac == device.mac }.compactMap { $0.binding(for: address) }.first
            evidence.append(context.observed("\(device.mac) used \(address) (\(binding?.sources.joined(separator: ", ") ?? "ip"))",
                                             at: binding?.firstSeen ?? device.firstSeen, evidence: binding?.evidence ?? device.evidence))
        }
        return rule.finding(
            subject: .device(device, asset: asset, ip: used.first { !$0.isLinkLocal } ?? used.first),
            identity: AuditIdentity.asset(asset) + ["mac=\(device.mac)"],
            message: LocalizedText(
                en: "Ledger asset \(asset.label) (MAC \(device.mac)) is recorded at \(recorded) but used \(usedText).",
                ja: "台帳の \(asset.label)（MAC \(device.mac)）の IP アドレスは \(recorded) と記録されていますが、実際には \(usedText) を使用していました。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Either correct the device's address configuration (or its DHCP reservation) or update the ledger's IP address "
                    + "through the change procedure, so that the record matches the network.",
                ja: "機器の IP アドレス設定（又は DHCP の予約）を修正するか、変更手続きを経て台帳の IP アドレスを更新し、記録と実態を一致させてください。"))
    }
}

extension IPMismatchRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("the NAS is recorded at .21 but uses .20",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:20", ["192.168.1.20"])]),
                         ledger: AuditExample.ledger(AuditExample.row("SV-001", name: "nas01", mac: "00:1b:21:00:00:20", ip: "192.168.1.21"))),
            AuditExample("the recorded address is missing from a device seen on two others",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:20", ["192.168.1.22", "192.168.1.23"])]),
                         ledger: AuditExample.ledger(AuditExample.row("SV-001", mac: "00:1b:21:00:00:20", ip: "192.168.1.21"))),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("the device uses its recorded address",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:20", ["192.168.1.21"])]),
                         ledger: AuditExample.ledger(AuditExample.row("SV-001", mac: "00:1b:21:00:00:20", ip: "192.168.1.21"))).expecting(0),
            AuditExample("the recorded address is one of several in use",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:20", ["169.254.10.1", "192.168.1.21"])]),
                         ledger: AuditExample.ledger(AuditExample.row("SV-001", mac: "00:1b:21:00:00:20", ip: "192.168.1.21"))).expecting(0),
            AuditExample("a DHCP row records no address to compare",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:30", ["192.168.1.130"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:30", ip: "dhcp"))).expecting(0),
            AuditExample("a router recorded at its LAN address, also seen on VLAN 20 with another",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.20.1"], vlan: 20),
                                                         AuditExample.station("00:1b:21:00:00:01", ["192.168.1.1"])]),
                         ledger: AuditExample.ledger(AuditExample.row("NW-001", mac: "00:1b:21:00:00:01", ip: "192.168.1.1"))).expecting(0),
            AuditExample("a device seen without any IPv4 address",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:20")]),
                         ledger: AuditExample.ledger(AuditExample.row("SV-001", mac: "00:1b:21:00:00:20", ip: "192.168.1.21"))).expecting(0),
        ]
    }
}
