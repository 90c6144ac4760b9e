import Ledger
import NetAddress
import Snapshot

/// `ledger.device_not_seen`: a row the ledger says is in service that the capture never saw.
/// Either the ledger is stale (the device was removed without the 撤去 procedure of JPMA 000 7.24)
/// or the device is off the network; both need a person to look.
///
/// Only rows the audit could have recognised are judged: a row with a MAC, or with a static address
/// when `scope.ip_only_matching` is set. And only rows inside what was observed: a row's static
/// address must lie in an observed network (the subnets of every declared site in which some device
/// was seen; without declared sites, the /24 around each observed address), and a row with only a
/// MAC must belong to an observed site (or, without declared sites, to the one LAN observed). A row
/// whose static address is in use by another MAC is `ledger.mac_mismatch`'s case, not this one.
///
/// `grace_days`: a single capture cannot tell how long a device has been away, so the grace is
/// applied to the ledger's own dates: a row installed fewer than `grace_days` days ago is not yet
/// expected on the network.
public struct DeviceNotSeenRule: AuditRule {
    public static let id = "ledger.device_not_seen"
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let ledger = context.ledger, !context.snapshot.devices.isEmpty else { return [] }
        let graceDays = rule.int("grace_days") ?? 30
        let scope = ObservedScope(context)
        let seenMACs = Set(context.snapshot.devices.map(\.mac))
        let ipOnly = context.profile.scope.ipOnlyMatching

        var findings: [Finding] = []
        for (index, asset) in ledger.assets.enumerated() where asset.status == .inService {
            guard !asset.macAddresses.isEmpty || (ipOnly && asset.ipAddress != nil) else { continue }
            guard scope.contains(asset) else { continue }
            if asset.macAddresses.contains(where: seenMACs.contains) { continue }
            if !context.matching.devices(matchedTo: index).isEmpty { continue }
            if let ip = asset.ipAddress, !context.matching.devices(using: ip).isEmpty { continue }
            if let installed = asset.installDate.flatMap({ ProfileDate($0) }), installed.days(until: context.today) < graceDays {
                continue
            }
            findings.append(finding(asset, context, rule))
        }
        return findings
    }

    private func finding(_ asset: Asset, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        var recorded = "\(asset.label): status in service"
        if !asset.macAddresses.isEmpty { recorded += ", MAC \(asset.macAddresses.map(\.description).joined(separator: "; "))" }
        if let ip = asset.ipAddress { recorded += ", IP \(ip)" }
        if !asset.site.isEmpty { recorded += ", site \(asset.site)" }
        let window = context.observationWindow.map { " (observed \($0))" } ?? ""
        let evidence = [
            context.recorded(recorded, asset: asset),
            FindingEvidence(fact: "none of its addresses appears in \(context.sourceNames)\(window)",
                            observedAt: context.snapshot.observedUntil, source: context.snapshot.sources.first?.name),
        ]
        let windowJA = context.observationWindow.map { "（観測期間 \($0)）" } ?? ""
        return rule.finding(
            subject: .asset(asset), identity: AuditIdentity.asset(asset),
            message: LocalizedText(
                en: "Ledger asset \(asset.label) is recorded as in service but was not seen on the network\(window).",
                ja: "台帳で稼働中とされている \(asset.label) が、ネットワーク上で観測されませんでした\(windowJA)。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Check where the device is. If it was removed, complete the removal procedure and mark the row retired; "
                    + "if it is in use, find out why it is not on the network (powered off, moved to another site, MAC changed).",
                ja: "機器の所在を確認してください。撤去済みであれば撤去手続きを行い台帳の状態を「撤去」にしてください。"
                    + "使用中であれば、ネットワーク上に見えない理由（電源断、他拠点への移動、MAC アドレスの変更）を確認してください。"))
    }
}

/// The part of the network a snapshot actually observed, so that a capture of one site does not
/// report every asset of the others as missing.
struct ObservedScope {
    private let sawDevices: Bool
    private let declaredSites: [ProfileSite]
    private let observedSiteKeys: Set<String>
    private let networks: [IPv4Network]

    init(_ context: AuditContext) {
        let addresses = context.snapshot.devices.filter { $0.mac.isUnicastStation }.flatMap(\.hostIPv4Addresses).filter { !$0.isLinkLocal }
        sawDevices = context.snapshot.devices.contains { $0.mac.isUnicastStation }
        declaredSites = context.profile.scope.sites
        if declaredSites.isEmpty {
            var seen = Set<UInt32>()
            networks = addresses.compactMap { address in
                let base = address.rawValue & 0xFFFF_FF00
                guard seen.insert(base).inserted else { return nil }
                return IPv4Network(network: IPv4Address(rawValue: base), prefixLength: 24)
            }
            observedSiteKeys = []
        } else {
            let observed = declaredSites.filter { site in addresses.contains(where: site.contains) }
            networks = observed.flatMap { $0.subnets.map(\.value) }
            observedSiteKeys = Set(observed.map { AuditNames.textKey($0.name.value) })
        }
    }

    func contains(_ asset: Asset) -> Bool {
        if let ip = asset.ipAddress { return networks.contains { $0.contains(ip) } }
        let siteKey = AuditNames.textKey(asset.site)
        if !siteKey.isEmpty, declaredSites.contains(where: { AuditNames.textKey($0.name.value) == siteKey }) {
            return observedSiteKeys.contains(siteKey)
        }
        return sawDevices
    }
}

extension DeviceNotSeenRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("an in-service desktop whose MAC never appears",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", ip: "192.168.1.10"),
                                                     AuditExample.row("PC-007", name: "soumu-pc05", mac: "00:1b:21:00:00:07", ip: "192.168.1.70"))),
            AuditExample("a DHCP laptop of the observed site",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", site: "本社"),
                                                     AuditExample.row("PC-008", mac: "00:1b:21:00:00:08", site: "本社")),
                         scope: ["sites: [{name: 本社, subnets: [192.168.1.0/24]}, {name: 工場, subnets: [192.168.2.0/24]}]"]),
            AuditExample("installed long enough ago to be past the grace period",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-009", mac: "00:1b:21:00:00:09", ip: "192.168.1.90",
                                                                      installed: "2025-11-01")),
                         params: "{grace_days: 30}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("every in-service row is seen",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", ip: "192.168.1.10"))).expecting(0),
            AuditExample("retired and spare rows are not expected on the network",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01"),
                                                     AuditExample.row("PC-002", mac: "00:1b:21:00:00:02", status: "retired"),
                                                     AuditExample.row("PC-003", mac: "00:1b:21:00:00:03", status: "予備"))).expecting(0),
            AuditExample("a row of a site the capture did not cover",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", site: "本社"),
                                                     AuditExample.row("FA-001", mac: "00:1b:21:00:00:21", ip: "192.168.2.21", site: "工場"),
                                                     AuditExample.row("FA-002", mac: "00:1b:21:00:00:22", site: "工場")),
                         scope: ["sites: [{name: 本社, subnets: [192.168.1.0/24]}, {name: 工場, subnets: [192.168.2.0/24]}]"]).expecting(0),
            AuditExample("an address outside the observed /24 when no sites are declared",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01"),
                                                     AuditExample.row("FA-001", mac: "00:1b:21:00:00:21", ip: "10.20.0.21"))).expecting(0),
            AuditExample("installed within the grace period",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-009", mac: "00:1b:21:00:00:09", ip: "192.168.1.90",
                                                                      installed: "2025-12-20")),
                         params: "{grace_days: 30}").expecting(0),
            AuditExample("its recorded address answered from another MAC: ledger.mac_mismatch's case",
                         snapshot: AuditExample.network([AuditExample.station("00:00:85:00:00:31", ["192.168.1.31"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PR-002", mac: "00:80:77:00:00:31", ip: "192.168.1.31"))).expecting(0),
            AuditExample("a row with only an address cannot be recognised without ip_only_matching",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01"),
                                                     AuditExample.row("PR-001", ip: "192.168.1.5"))).expecting(0),
        ]
    }
}
