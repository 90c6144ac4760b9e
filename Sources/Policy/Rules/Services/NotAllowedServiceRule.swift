import Ledger
import Snapshot

/// `services.not_allowed`: a registered host offers a service its ledger row does not allow
/// (JPMA 7.6 必要最低限のサービスのみ, 7.9 不要な機能及びサービスを取除く; operations baseline
/// 第11条3 不要な通信ポートは閉鎖する).
///
/// A host's allowlist is its ledger row's `allowed_services` (when `use_ledger_allowed_services`,
/// the default) plus the profile's `allowed_ports`, tolerated on every host. Devices are matched to
/// rows as the ledger rules match them (`AuditMatching`); a device without a row is
/// `ledger.unregistered_device`'s finding and is skipped here, as is a row no longer in service
/// (`ledger.retired_device_seen`). Ports `services.forbidden_port` forbids are left to it while it is enabled.
public struct NotAllowedServiceRule: AuditRule {
    public static let id = "services.not_allowed"
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let ledger = context.ledger else { return [] }
        let tolerated = rule.ports("allowed_ports") ?? []
        let useLedger = rule.bool("use_ledger_allowed_services") ?? true
        let forbidden = context.forbiddenPorts

        var findings: [Finding] = []
        for open in context.openServices {
            guard let match = context.matching.match(forDevice: open.deviceIndex) else { continue }
            let asset = ledger.assets[match.assetIndex]
            guard asset.status.isActive else { continue }
            if open.isCovered(by: tolerated) || open.isCovered(by: forbidden) { continue }
            if useLedger, asset.allowedServices.contains(where: { $0.port == open.service.port && $0.transport.rawValue == open.service.transport.lowercased() }) {
                continue
            }
            findings.append(finding(open, asset, useLedger: useLedger, tolerated: tolerated, context, rule))
        }
        return findings
    }

    private func finding(_ open: OpenService, _ asset: Asset, useLedger: Bool, tolerated: [ProfilePortRange],
                         _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let allowedList = useLedger ? asset.allowedServices.sorted().map(\.description) : []
        let allowedEN = allowedList.isEmpty ? "no services" : allowedList.joined(separator: ", ")
        let allowedJA = allowedList.isEmpty ? "許可サービスなし" : allowedList.joined(separator: ", ")
        let toleratedText = tolerated.isEmpty ? "" : tolerated.map(\.description).joined(separator: ", ")
        var evidence = [open.evidence(context)]
        evidence.append(context.recorded(useLedger ? "\(asset.label): allowed_services \(allowedList.isEmpty ? "(empty)" : allowedList.joined(separator: ";"))"
                                                   : "\(asset.label): the profile does not use the ledger's allowed_services", asset: asset))
        if !tolerated.isEmpty {
            evidence.append(FindingEvidence(fact: "the profile allows \(toleratedText) on every host",
                                            source: (rule.parameter("allowed_ports")?.origin ?? rule.origin).description))
        }
        let profileEN = tolerated.isEmpty ? "" : "; the profile allows \(toleratedText) on every host"
        let profileJA = tolerated.isEmpty ? "" : "。プロファイルは全機器で \(toleratedText) を許可しています"
        return rule.finding(
            subject: open.subject(asset: asset), identity: open.identity,
            message: LocalizedText(
                en: "\(open.endpoint) (ledger \(asset.label)) offers \(open.specWithName), which is not among the services its ledger row allows "
                    + "(\(allowedEN)\(profileEN)).",
                ja: "\(open.endpoint)（台帳 \(asset.label)）で \(open.specWithName) が公開されていますが、台帳で許可されたサービス"
                    + "（\(allowedJA)\(profileJA)）に含まれていません。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "If the service is not needed for the host's role, stop it or close the port. If it is needed, add it to the row's "
                    + "allowed_services through the change procedure so the ledger records why the port is open.",
                ja: "機器の用途に不要なサービスであれば停止するか、ポートを閉じてください。必要なサービスであれば、変更手続きを経て台帳の"
                    + "許可サービス（allowed_services）に追加し、ポートを開けている理由を台帳に記録してください。"))
    }
}

extension NotAllowedServiceRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("ssh on a PC whose row allows no services",
                         snapshot: AuditExample.scanned([AuditExample.host("a4:c3:61:00:00:04", "192.168.1.104",
                                                                           services: ["tcp/22=SSH-2.0-OpenSSH_9.2"])]),
                         ledger: AuditExample.serviceLedger(("PC-0104", "a4:c3:61:00:00:04", "192.168.1.104", ""))),
            AuditExample("telnet beside the allowed ssh, when services.forbidden_port is not enabled",
                         snapshot: AuditExample.scanned([AuditExample.host("00:00:0c:00:00:01", "192.168.1.1",
                                                                           services: ["tcp/22", "tcp/23=login:"])]),
                         ledger: AuditExample.serviceLedger(("NW-0001", "00:00:0c:00:00:01", "192.168.1.1", "ssh;dhcp"))),
            AuditExample("the ledger's allowlist ignored by the profile",
                         snapshot: AuditExample.scanned([AuditExample.host("00:16:01:00:00:10", "192.168.1.10", services: ["tcp/22", "tcp/443"])]),
                         ledger: AuditExample.serviceLedger(("SV-0001", "00:16:01:00:00:10", "192.168.1.10", "ssh;https")),
                         params: "{use_ledger_allowed_services: false, allowed_ports: [443/tcp]}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("every open service is in the row's allowed_services",
                         snapshot: AuditExample.scanned([AuditExample.host("00:16:01:00:00:10", "192.168.1.10",
                                                                           services: ["tcp/22", "tcp/80", "tcp/443"])]),
                         ledger: AuditExample.serviceLedger(("SV-0001", "00:16:01:00:00:10", "192.168.1.10", "ssh;http;https"))).expecting(0),
            AuditExample("a port the profile tolerates on every host",
                         snapshot: AuditExample.scanned([AuditExample.host("a4:c3:61:00:00:04", "192.168.1.104", services: ["tcp/22"])]),
                         ledger: AuditExample.serviceLedger(("PC-0104", "a4:c3:61:00:00:04", "192.168.1.104", "")),
                         params: "{allowed_ports: [22/tcp]}").expecting(0),
            AuditExample("a device without a ledger row is ledger.unregistered_device's case",
                         snapshot: AuditExample.scanned([AuditExample.host("ec:08:6b:00:00:66", "192.168.1.66", services: ["tcp/22", "tcp/80"])]),
                         ledger: AuditExample.serviceLedger(("PC-0104", "a4:c3:61:00:00:04", "192.168.1.104", ""))).expecting(0),
            AuditExample("a closed port is not offered",
                         snapshot: AuditExample.scanned([AuditExample.host("a4:c3:61:00:00:04", "192.168.1.104", services: [], closed: ["tcp/22"])]),
                         ledger: AuditExample.serviceLedger(("PC-0104", "a4:c3:61:00:00:04", "192.168.1.104", ""))).expecting(0),
        ]
    }
}
