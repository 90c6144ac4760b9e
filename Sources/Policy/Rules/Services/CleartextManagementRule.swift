import Ledger
import Snapshot

/// `services.cleartext_management`: a management interface answers over a protocol that sends
/// passwords in the clear: Telnet, HTTP admin pages (80/8080), SNMP v1/v2c (udp/161), FTP, rsh or
/// rlogin, as the profile's `ports` list them (default 23/tcp, 80/tcp, 8080/tcp, 161/udp). Unlike
/// `services.not_allowed`, a ledger row allowing the service does not make it acceptable: the
/// finding asks for the encrypted equivalent (SSH, HTTPS, SNMPv3), not for closing the port.
///
/// Every station is judged, registered or not. Ports `services.forbidden_port` forbids are left to
/// it while it is enabled (a forbidden port is to be closed, not encrypted).
public struct CleartextManagementRule: AuditRule {
    public static let id = "services.cleartext_management"
    public static var requiresLedger: Bool { false }
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let cleartext = rule.ports("ports") ?? []
        guard !cleartext.isEmpty else { return [] }
        let forbidden = context.forbiddenPorts
        return context.openServices.filter { $0.isCovered(by: cleartext) && !$0.isCovered(by: forbidden) }
            .map { finding($0, context, rule) }
    }

    /// The encrypted replacement to suggest, by port.
    private func replacement(_ open: OpenService) -> (en: String, ja: String) {
        switch (open.service.port, open.transport) {
        case (23, _), (512, _), (513, _), (514, .tcp): ("SSH", "SSH")
        case (21, _), (20, _): ("SFTP or FTPS", "SFTP 又は FTPS")
        case (161, _), (162, _): ("SNMPv3 with authPriv", "SNMPv3（authPriv）")
        default: ("HTTPS", "HTTPS")
        }
    }

    private func finding(_ open: OpenService, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let asset = context.matching.match(forDevice: open.deviceIndex).flatMap { context.ledger?.assets[$0.assetIndex] }
        let owner = asset.map { " (ledger \($0.label))" } ?? ""
        let ownerJA = asset.map { "（台帳 \($0.label)）" } ?? ""
        let better = replacement(open)
        var evidence = [open.evidence(context)]
        if let asset, asset.allowedServices.contains(where: { $0.port == open.service.port && $0.transport.rawValue == open.service.transport.lowercased() }) {
            evidence.append(context.recorded("\(asset.label) allows \(open.spec) in allowed_services (allowed, but still cleartext)", asset: asset))
        }
        return rule.finding(
            subject: open.subject(asset: asset), identity: open.identity,
            message: LocalizedText(
                en: "\(open.endpoint)\(owner) offers \(open.specWithName), a cleartext protocol: management logins and passwords "
                    + "on this port can be read by anyone on the path.",
                ja: "\(open.endpoint)\(ownerJA)で平文のプロトコル \(open.specWithName) が公開されています。このポートでの管理ログインやパスワードは"
                    + "経路上の第三者に読み取られるおそれがあります。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Manage the device over \(better.en) instead and disable \(open.specWithName); if the device cannot, restrict the port "
                    + "to a management network and record the exception with approver and expiry.",
                ja: "管理には \(better.ja) を使い、\(open.specWithName) は無効にしてください。機器が対応していない場合は、管理用ネットワークからのみ"
                    + "到達できるよう制限し、承認者と有効期限を記した例外として記録してください。"))
    }
}

extension CleartextManagementRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("an HTTP admin page the ledger allows is still cleartext",
                         snapshot: AuditExample.scanned([AuditExample.host("00:a0:de:00:00:02", "192.168.1.2",
                                                                           services: ["tcp/80=SimpleHTTP/0.6 Python/3.11.2"])]),
                         ledger: AuditExample.serviceLedger(("NW-0002", "00:a0:de:00:00:02", "192.168.1.2", "http"))),
            AuditExample("telnet and SNMP on an unregistered device, by the catalog's default ports",
                         snapshot: AuditExample.scanned([AuditExample.host("ec:08:6b:00:00:66", "192.168.1.66",
                                                                           services: ["tcp/23=login:", "udp/161", "tcp/22"])])).expecting(2),
            AuditExample("FTP when the profile lists it",
                         snapshot: AuditExample.scanned([AuditExample.host("00:16:01:00:00:10", "192.168.1.10", services: ["tcp/21=220 FTP"])]),
                         params: "{ports: [21/tcp, 23/tcp, 513/tcp, 514/tcp]}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("SSH and HTTPS only",
                         snapshot: AuditExample.scanned([AuditExample.host("00:16:01:00:00:10", "192.168.1.10", services: ["tcp/22", "tcp/443"])])).expecting(0),
            AuditExample("HTTP is not listed by this profile",
                         snapshot: AuditExample.scanned([AuditExample.host("3c:d9:2b:00:00:20", "192.168.1.20", services: ["tcp/80"])]),
                         params: "{ports: [23/tcp]}").expecting(0),
            AuditExample("a closed telnet port",
                         snapshot: AuditExample.scanned([AuditExample.host("3c:d9:2b:00:00:20", "192.168.1.20", services: [], closed: ["tcp/23"])])).expecting(0),
        ]
    }
}
