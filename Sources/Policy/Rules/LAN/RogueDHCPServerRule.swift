import Ledger
import NetAddress
import Snapshot

/// `lan.rogue_dhcp_server`: a DHCP server nobody sanctioned answers on the LAN, typically a home
/// router or a tethering phone plugged in behind the company's back (ISMS 002 5.15: 個人が勝手に
/// ネットワークを構築してはならない; SME 001 Ch8 §2: 管理外のインターネット接続がないか).
///
/// A server is sanctioned when `allowed_servers` lists its MAC, its address or its announced server
/// identifier, or when its MAC is an in-use ledger row whose purpose or device class names DHCP
/// (`DHCPサーバ`, `ルーター (DHCP)`): the ledger is where the organisation already records what each
/// device is for. When neither names any server, every server is reported, and the message says
/// that none is declared: the audit cannot tell the real one from a rogue.
public struct RogueDHCPServerRule: AuditRule {
    public static let id = "lan.rogue_dhcp_server"
    public static let requiresLedger = false
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let allowedText = rule.strings("allowed_servers") ?? []
        let allowedMACs = Set(allowedText.compactMap { MACAddress($0) })
        let allowedIPs = Set(allowedText.compactMap { IPv4Address($0) })
        let ledgerServers = Set((context.ledger?.assets ?? []).filter { $0.status.isActive && Self.isDHCPServer($0) }.flatMap(\.macAddresses))
        let nothingDeclared = allowedMACs.isEmpty && allowedIPs.isEmpty && ledgerServers.isEmpty

        var findings: [Finding] = []
        for server in context.snapshot.dhcpServers where server.mac.isUnicastStation {
            if allowedMACs.contains(server.mac) || ledgerServers.contains(server.mac) { continue }
            if let ip = server.ip, allowedIPs.contains(ip) { continue }
            if let identifier = server.serverIdentifier, allowedIPs.contains(identifier) { continue }
            findings.append(finding(server, nothingDeclared: nothingDeclared, context, rule))
        }
        return findings
    }

    /// True when the ledger says the asset serves DHCP.
    static func isDHCPServer(_ asset: Asset) -> Bool {
        [asset.purpose, asset.deviceClass].contains { AuditNames.textKey($0).contains("dhcp") }
    }

    private func finding(_ server: DHCPServer, nothingDeclared: Bool, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let address = server.ip ?? server.serverIdentifier
        let device = context.snapshot.devices.first { $0.mac == server.mac && $0.vlan == server.vlan }
        let asset = context.matching.asset(listing: server.mac).flatMap { context.ledger?.assets[$0] }
        let name = [asset.map { "ledger asset \($0.label)" }, device?.vendor].compactMap { $0 }.joined(separator: ", ")
        let label = "\(server.mac)\(address.map { " (\($0))" } ?? "")\(name.isEmpty ? "" : " [\(name)]")"
        var evidence = [context.observed(
            "\(server.mac) sent \(server.offers) DHCP offer\(server.offers == 1 ? "" : "s") and \(server.acks) ack\(server.acks == 1 ? "" : "s")"
                + "\(server.serverIdentifier.map { ", server identifier \($0)" } ?? "")\(server.vlan.map { " on VLAN \($0)" } ?? "")",
            at: server.firstSeen, evidence: server.evidence)]
        if let asset { evidence.append(context.recorded("\(asset.label): purpose \(asset.purpose.isEmpty ? "(empty)" : asset.purpose)", asset: asset)) }
        var en = "DHCP server \(label) answered on the LAN but is not an authorised DHCP server."
        var ja = "許可されていない DHCP サーバー \(label) が LAN 上で応答しています。"
        if nothingDeclared {
            en += " No DHCP server is declared as authorised (lan.rogue_dhcp_server allowed_servers, or DHCP in a ledger row's purpose)."
            ja += "許可された DHCP サーバーが宣言されていません（lan.rogue_dhcp_server の allowed_servers、又は台帳の利用目的に DHCP と記載）。"
        }
        return rule.finding(
            subject: Subject(kind: .device, mac: server.mac.description, ip: address?.description, vlan: server.vlan,
                             assetID: asset.flatMap { $0.assetID.isEmpty ? nil : $0.assetID }),
            identity: ["dhcp-server=\(server.mac)", "vlan=\(server.vlan.map(String.init) ?? "-")"],
            message: LocalizedText(en: en, ja: ja), evidence: evidence,
            remediation: LocalizedText(
                en: "Locate the device by its MAC (switch port) and disconnect it: clients that take its leases get a gateway the company does not control. "
                    + "If it is the sanctioned server, list it in allowed_servers or record DHCP in its ledger purpose.",
                ja: "MAC アドレスからスイッチのポートを特定して機器を切り離してください。この機器からアドレスを受け取った端末は、会社が管理しないゲートウェイを使います。"
                    + "正規の DHCP サーバーであれば allowed_servers に記載するか、台帳の利用目的に DHCP と記録してください。"))
    }
}

extension RogueDHCPServerRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a home router handing out leases beside the sanctioned server",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.1"]),
                                                         AuditExample.station("00:1d:73:00:00:66", ["192.168.11.1"])],
                                                        dhcpServers: [AuditExample.dhcpServer("00:1b:21:00:00:01", "192.168.1.1"),
                                                                      AuditExample.dhcpServer("00:1d:73:00:00:66", "192.168.11.1")]),
                         params: "{allowed_servers: [192.168.1.1]}"),
            AuditExample("no server declared at all: every server is reported",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.1"])],
                                                        dhcpServers: [AuditExample.dhcpServer("00:1b:21:00:00:01", "192.168.1.1")])),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("the sanctioned server, listed by MAC",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.1"])],
                                                        dhcpServers: [AuditExample.dhcpServer("00:1b:21:00:00:01", "192.168.1.1")]),
                         params: "{allowed_servers: [\"00:1b:21:00:00:01\"]}").expecting(0),
            AuditExample("the router whose ledger purpose says DHCP",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.1"])],
                                                        dhcpServers: [AuditExample.dhcpServer("00:1b:21:00:00:01", "192.168.1.1")]),
                         ledger: AuditExample.ledger(AuditExample.row("NW-001", name: "rtr01", mac: "00:1b:21:00:00:01", ip: "192.168.1.1",
                                                                      purpose: "インターネット接続・ＤＨＣＰ／DNS"))).expecting(0),
            AuditExample("no DHCP traffic in the capture",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.1"])])).expecting(0),
        ]
    }
}
