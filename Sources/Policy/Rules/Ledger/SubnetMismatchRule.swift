import Ledger
import NetAddress
import Snapshot

/// `ledger.subnet_mismatch`: a device on the wrong part of the network. JPMA 000 7.22.1 divides the
/// internal LAN into three private subnets (本社 and two factories); the profile declares them under
/// `scope.sites`, and the ledger's `site` column says where each asset belongs.
///
/// Three cases, each its own finding per (device, address):
/// - `wrong_site`: a ledger asset whose site is a declared site uses an address outside that site's subnets;
/// - `undeclared` (`flag_undeclared_ranges`): any device uses an address in no declared site;
/// - `public` (`require_private_addresses`): any device uses an address outside RFC 1918.
/// Link-local (169.254/16) addresses are not judged: a host uses one before it has any other.
/// Without declared sites only the `public` check can run.
public struct SubnetMismatchRule: AuditRule {
    public static let id = "ledger.subnet_mismatch"
    public static let requiresLedger = false
    public init() {}

    enum Problem: String {
        case wrongSite = "wrong_site"
        case undeclared
        case publicAddress = "public"
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let flagUndeclared = rule.bool("flag_undeclared_ranges") ?? true
        let requirePrivate = rule.bool("require_private_addresses") ?? false
        let sites = context.profile.scope.sites
        var findings: [Finding] = []
        for (index, device) in context.snapshot.devices.enumerated() where device.mac.isUnicastStation {
            let asset = context.matching.match(forDevice: index).flatMap { context.ledger?.assets[$0.assetIndex] }
            let assetSite = asset.flatMap { asset in sites.first { AuditNames.sameText($0.name.value, asset.site) } }
            for address in device.hostIPv4Addresses where !address.isLinkLocal {
                let observedSite = context.profile.scope.site(containing: address)
                if let assetSite, let asset, !assetSite.contains(address) {
                    findings.append(finding(.wrongSite, device, address, asset: asset, expected: assetSite, observed: observedSite, context, rule))
                } else if flagUndeclared, !sites.isEmpty, observedSite == nil {
                    findings.append(finding(.undeclared, device, address, asset: asset, expected: nil, observed: nil, context, rule))
                }
                if requirePrivate, !address.isPrivateUse {
                    findings.append(finding(.publicAddress, device, address, asset: asset, expected: nil, observed: observedSite, context, rule))
                }
            }
        }
        return findings
    }

    private func finding(_ problem: Problem, _ device: Device, _ address: IPv4Address, asset: Asset?, expected: ProfileSite?,
                         observed: ProfileSite?, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let binding = device.binding(for: address)
        var evidence = [context.observed("\(device.mac) used \(address) (\(binding?.sources.joined(separator: ", ") ?? "ip"))",
                                         at: binding?.firstSeen ?? device.firstSeen, evidence: binding?.evidence ?? device.evidence)]
        let declared = context.profile.scope.sites.map { "\($0.name.value) \($0.subnets.map { $0.value.description }.joined(separator: " "))" }
        let en: String, ja: String, fixEN: String, fixJA: String
        switch problem {
        case .wrongSite:
            let expectedName = expected?.name.value ?? ""
            let subnets = expected?.subnets.map { $0.value.description }.joined(separator: ", ") ?? ""
            if let asset { evidence.append(context.recorded("\(asset.label): site \(asset.site)", asset: asset)) }
            if let location = expected?.location { evidence.append(FindingEvidence(fact: "site \(expectedName): \(subnets)", source: location.description)) }
            let whereEN = observed.map { "the subnet of site \($0.name.value)" } ?? "no declared site's subnet"
            let whereJA = observed.map { "拠点「\($0.name.value)」のサブネット" } ?? "どの拠点にも属さないアドレス"
            en = "Device \(device.label), ledger asset \(asset?.label ?? "") of site \(expectedName) (\(subnets)), uses \(address) in \(whereEN)."
            ja = "機器 \(device.label)（台帳の \(asset?.label ?? "")、拠点「\(expectedName)」\(subnets)）が、\(whereJA)である \(address) を使用しています。"
            fixEN = "Move the device to its site's network, or if it has moved, update the ledger's site through the change procedure."
            fixJA = "機器を所属拠点のネットワークに戻すか、移設した場合は変更手続きを経て台帳の拠点を更新してください。"
        case .undeclared:
            en = "Device \(device.label) uses \(address), which is in none of the declared site subnets (\(declared.joined(separator: "; ")))."
            ja = "機器 \(device.label) が、宣言されたどの拠点のサブネット（\(declared.joined(separator: "、"))）にも属さない \(address) を使用しています。"
            fixEN = "Find out which network hands out this range (an unmanaged router or a misconfigured host); remove it, or declare the subnet under scope.sites."
            fixJA = "このアドレス範囲を払い出している機器（管理外のルーター、設定誤りの端末）を特定して取り除くか、正式なサブネットであれば scope.sites に宣言してください。"
        case .publicAddress:
            en = "Device \(device.label) uses \(address), which is not a private (RFC 1918) address, on the internal LAN."
            ja = "機器 \(device.label) が社内 LAN 上でプライベートアドレス（RFC 1918）ではない \(address) を使用しています。"
            fixEN = "Configure the device with an address from its site's private subnet; global addresses belong only on the internet side."
            fixJA = "機器に所属拠点のプライベートアドレスを設定してください。グローバルアドレスはインターネット側でのみ使用します。"
        }
        return rule.finding(
            subject: .device(device, asset: asset, ip: address),
            identity: AuditIdentity.device(device) + ["ip=\(address)", "problem=\(problem.rawValue)"],
            message: LocalizedText(en: en, ja: ja), evidence: evidence, remediation: LocalizedText(en: fixEN, ja: fixJA))
    }
}

extension SubnetMismatchRule {
    static let twoSites = "sites: [{name: 本社, subnets: [192.168.1.0/24]}, {name: 工場A, subnets: [192.168.2.0/24]}]"

    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a head-office PC plugged in at the factory",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.2.50"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", site: "本社")),
                         scope: [twoSites]),
            AuditExample("a station in a range no site declares",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:77", ["10.0.0.5"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", site: "本社")),
                         scope: [twoSites]),
            AuditExample("a global address on the LAN with require_private_addresses",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:78", ["203.0.113.7"])]),
                         params: "{require_private_addresses: true}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("every device in its own site's subnet",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"]),
                                                         AuditExample.station("00:1b:21:00:00:02", ["192.168.2.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", site: "本社"),
                                                     AuditExample.row("FA-001", mac: "00:1b:21:00:00:02", site: "工場Ａ")),
                         scope: [twoSites]).expecting(0),
            AuditExample("undeclared ranges tolerated when flag_undeclared_ranges is off",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:77", ["10.0.0.5"])]),
                         params: "{flag_undeclared_ranges: false}", scope: [twoSites]).expecting(0),
            AuditExample("a link-local address before DHCP answered",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["169.254.3.4"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", site: "本社")),
                         params: "{require_private_addresses: true}", scope: [twoSites]).expecting(0),
            AuditExample("no sites declared and private addresses only",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["172.16.5.4"])]),
                         params: "{require_private_addresses: true}").expecting(0),
        ]
    }
}
