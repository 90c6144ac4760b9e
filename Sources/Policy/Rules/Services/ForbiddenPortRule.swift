import Ledger
import Snapshot

/// `services.forbidden_port`: a host answers on a port the profile says must be closed everywhere
/// (operations baseline 第11条3 不要な通信ポートは閉鎖する; the 2018 SME policy ch. 8 §2 on remote
/// diagnostic ports: Telnet, IPMI, VNC, TR-069 in the shipped profile). Every open service of every
/// station is judged, registered or not: a forbidden port is forbidden whoever offers it, and no
/// ledger row can allow it (only an exception with approver and expiry can, for a maintenance window).
///
/// `services.not_allowed` and `services.cleartext_management` leave the ports this rule forbids to
/// it while it is enabled, so one open Telnet port is one finding, not three.
public struct ForbiddenPortRule: AuditRule {
    public static let id = "services.forbidden_port"
    public static var requiresLedger: Bool { false }
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let forbidden = rule.ports("ports") ?? []
        guard !forbidden.isEmpty else { return [] }
        return context.openServices.filter { $0.isCovered(by: forbidden) }.map { finding($0, forbidden, context, rule) }
    }

    private func finding(_ open: OpenService, _ forbidden: [ProfilePortRange], _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let asset = context.matching.match(forDevice: open.deviceIndex).flatMap { context.ledger?.assets[$0.assetIndex] }
        let list = forbidden.map(\.description).joined(separator: ", ")
        let owner = asset.map { " (ledger \($0.label))" } ?? ""
        let ownerJA = asset.map { "（台帳 \($0.label)）" } ?? ""
        var evidence = [open.evidence(context)]
        evidence.append(FindingEvidence(fact: "the profile forbids \(list) on every host", source: (rule.parameter("ports")?.origin ?? rule.origin).description))
        return rule.finding(
            subject: open.subject(asset: asset), identity: open.identity,
            message: LocalizedText(
                en: "\(open.endpoint)\(owner) accepts connections on \(open.specWithName), a port the profile forbids on every host (\(list)).",
                ja: "\(open.endpoint)\(ownerJA)で \(open.specWithName) が接続を受け付けています。このポートはプロファイルですべての機器について禁止されています（\(list)）。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Disable the service or block the port on the host (and on the network in front of it). If a maintainer needs it, "
                    + "open it only for the maintenance window, with authentication, recorded as an exception with approver and expiry.",
                ja: "機器上でサービスを停止するか、ポートを遮断してください（前段のネットワークでも遮断してください）。保守で必要な場合は、"
                    + "認証を設けたうえで保守作業の期間に限って開け、承認者と有効期限を記した例外として記録してください。"))
    }
}

extension ForbiddenPortRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("telnet open on a router",
                         snapshot: AuditExample.scanned([AuditExample.host("00:00:0c:00:00:01", "192.168.1.1",
                                                                           services: ["tcp/22=SSH-2.0-OpenSSH_9.2", "tcp/23=login:"])]),
                         params: "{ports: [23/tcp, 623/udp, 5900/tcp, 7547/tcp]}"),
            AuditExample("a bare number forbids the port on both transports, on registered and unknown hosts alike",
                         snapshot: AuditExample.scanned([AuditExample.host("00:00:0c:00:00:01", "192.168.1.1", services: ["tcp/5900"]),
                                                         AuditExample.host("00:1d:73:00:00:66", "192.168.1.66", services: ["udp/5900"])]),
                         ledger: AuditExample.serviceLedger(("NW-001", "00:00:0c:00:00:01", "192.168.1.1", "vnc")),
                         params: "{ports: [5900]}").expecting(2),
            AuditExample("a range",
                         snapshot: AuditExample.scanned([AuditExample.host("00:1b:21:00:00:10", "192.168.1.10", services: ["tcp/6001"])]),
                         params: "{ports: [6000-6063/tcp]}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("only allowed ports are open",
                         snapshot: AuditExample.scanned([AuditExample.host("00:00:0c:00:00:01", "192.168.1.1", services: ["tcp/22", "tcp/443"])]),
                         params: "{ports: [23/tcp]}").expecting(0),
            AuditExample("a closed or filtered forbidden port is not open",
                         snapshot: AuditExample.scanned([AuditExample.host("00:00:0c:00:00:01", "192.168.1.1", services: ["tcp/22"],
                                                                           closed: ["tcp/23"])]),
                         params: "{ports: [23/tcp]}").expecting(0),
            AuditExample("the transport must match",
                         snapshot: AuditExample.scanned([AuditExample.host("00:00:0c:00:00:01", "192.168.1.1", services: ["udp/23"])]),
                         params: "{ports: [23/tcp]}").expecting(0),
        ]
    }
}
