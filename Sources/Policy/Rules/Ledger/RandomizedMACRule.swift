import Ledger
import Snapshot

/// `ledger.randomized_mac`: a station with a randomised (locally administered) MAC that no ledger
/// row lists. Phones and laptops use such private Wi-Fi addresses by default, which defeats the MAC
/// authentication the policies rely on (JPMA 000 5.1.3; SME 001 Ch5 §9.4). The station may be a
/// registered device or an outsider: the finding says it is unverified rather than calling it an
/// intruder. With `match_by_hostname`, a station whose DHCP host name is a ledger row's node name
/// is taken to be that row and not reported.
public struct RandomizedMACRule: AuditRule {
    public static let id = "ledger.randomized_mac"
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let ledger = context.ledger else { return [] }
        let byHostname = rule.bool("match_by_hostname") ?? false
        var findings: [Finding] = []
        for (index, device) in context.snapshot.devices.enumerated()
        where device.mac.isUnicastStation && device.isRandomized && context.matching.match(forDevice: index) == nil {
            if byHostname, RandomizedMACRule.assetNamed(by: device, in: ledger) != nil { continue }
            findings.append(finding(device, context, rule))
        }
        return findings
    }

    /// The in-use ledger row whose node name the station announced over DHCP, if any.
    static func assetNamed(by device: Device, in ledger: Ledger) -> Asset? {
        let names = Set(device.hostnames.filter { $0.source == "dhcp" || $0.source == "dhcpv6" }.map { AuditNames.key($0.name) })
        guard !names.isEmpty else { return nil }
        return ledger.assets.first { $0.status.isActive && !$0.nodeName.isEmpty && names.contains(AuditNames.key($0.nodeName)) }
    }

    private func finding(_ device: Device, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        var evidence = [context.observed("station \(device.mac) (locally administered bit set) first seen, \(device.addressList)",
                                         at: device.firstSeen, evidence: device.evidence)]
        for name in device.hostnames.prefix(3) {
            evidence.append(context.observed("announced host name \"\(name.name)\" (\(name.source))", at: name.firstSeen, evidence: name.evidence))
        }
        return rule.finding(
            subject: .device(device), identity: AuditIdentity.device(device),
            message: LocalizedText(
                en: "Device \(device.label) uses a randomised MAC address that no ledger row lists. It cannot be identified by MAC: "
                    + "it may be a registered device using a private address, or an unregistered one (unverified).",
                ja: "機器 \(device.label) はランダム化された MAC アドレスを使用しており、台帳のどの行にも記載がありません。"
                    + "MAC アドレスでは識別できないため、登録済み機器がプライベートアドレスを使っているのか、未登録の機器なのかは未確認です。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Identify the owner. For a registered device, turn off the private (random) Wi-Fi address for the company SSID "
                    + "and record its fixed MAC in the ledger; otherwise disconnect it.",
                ja: "所有者を確認してください。登録済みの機器であれば、社内 SSID に対するプライベート（ランダム）アドレスを無効にし、"
                    + "固定の MAC アドレスを台帳に記録してください。そうでなければネットワークから切り離してください。"))
    }
}

extension RandomizedMACRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a phone's private Wi-Fi address",
                         snapshot: AuditExample.network([AuditExample.station("da:a1:19:00:00:01", ["192.168.1.40"], hostname: "iPhone")]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", name: "pc1", mac: "00:1b:21:00:00:01"))),
            AuditExample("the host name matches no row, so match_by_hostname does not help",
                         snapshot: AuditExample.network([AuditExample.station("92:11:22:33:44:55", ["192.168.1.41"], hostname: "guest-phone")]),
                         ledger: AuditExample.ledger(AuditExample.row("SP-001", name: "sato-iphone", mac: "00:1b:21:00:00:09")),
                         params: "{match_by_hostname: true}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("a globally unique MAC is ledger.unregistered_device's business",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:99", ["192.168.1.99"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01"))).expecting(0),
            AuditExample("a fixed private address recorded in the ledger",
                         snapshot: AuditExample.network([AuditExample.station("da:a1:19:00:00:01", ["192.168.1.40"])]),
                         ledger: AuditExample.ledger(AuditExample.row("SP-001", name: "sato-iphone", mac: "da:a1:19:00:00:01"))).expecting(0),
            AuditExample("recognised by its DHCP host name with match_by_hostname",
                         snapshot: AuditExample.network([AuditExample.station("92:11:22:33:44:55", ["192.168.1.41"], hostname: "Sato-iPhone")]),
                         ledger: AuditExample.ledger(AuditExample.row("SP-001", name: "sato-iphone", mac: "00:1b:21:00:00:09")),
                         params: "{match_by_hostname: true}").expecting(0),
        ]
    }
}
