import Ledger
import NetAddress
import Snapshot

/// `ledger.mac_mismatch`: a ledger row recognised by its static address or its node name shows up
/// with a MAC the row does not list. The device was replaced without updating the ledger, or
/// something is answering for it (ARP spoofing). `match_by` chooses the keys: `ip` (a station used
/// the row's static address) and `node_name` (a station announced the row's node name).
///
/// Only rows that list at least one MAC can mismatch; a row without one is matched by address under
/// `scope.ip_only_matching` instead. Randomised stations are not judged by name: recognising those
/// is `ledger.randomized_mac`'s `match_by_hostname`. The station itself is still unregistered, and
/// `ledger.unregistered_device` says so too: a host name or an address is no proof of identity.
public struct MACMismatchRule: AuditRule {
    public static let id = "ledger.mac_mismatch"
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let ledger = context.ledger else { return [] }
        let keys = Set(rule.enumerations("match_by", as: RuleCatalog.AlternateMatchKey.self) ?? [.nodeName])
        var assetsByName: [String: [Int]] = [:]
        if keys.contains(.nodeName) {
            for (index, asset) in ledger.assets.enumerated() where !asset.nodeName.isEmpty {
                assetsByName[AuditNames.key(asset.nodeName), default: []].append(index)
            }
        }

        var findings: [Finding] = []
        for (index, device) in context.snapshot.devices.enumerated()
        where device.mac.isUnicastStation && context.matching.match(forDevice: index) == nil {
            var recognised: [(asset: Int, how: Recognition)] = []
            if keys.contains(.ip) {
                for address in device.hostIPv4Addresses {
                    for asset in context.matching.assets(at: address) where !recognised.contains(where: { $0.asset == asset }) {
                        recognised.append((asset, .address(address)))
                    }
                }
            }
            if keys.contains(.nodeName), !device.isRandomized {
                for name in device.announcedNames {
                    for asset in assetsByName[AuditNames.key(name)] ?? [] where !recognised.contains(where: { $0.asset == asset }) {
                        recognised.append((asset, .name(name)))
                    }
                }
            }
            for (assetIndex, how) in recognised {
                let asset = ledger.assets[assetIndex]
                guard asset.status.isActive, !asset.macAddresses.isEmpty else { continue }
                findings.append(finding(device, asset, how, context, rule))
            }
        }
        return findings
    }

    enum Recognition {
        case address(IPv4Address)
        case name(String)
    }

    private func finding(_ device: Device, _ asset: Asset, _ how: Recognition, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let listed = asset.macAddresses.map(\.description).joined(separator: ", ")
        let seenElsewhere = asset.macAddresses.contains { mac in context.snapshot.devices.contains { $0.mac == mac } }
        var evidence = [context.recorded("\(asset.label): MAC \(listed)\(asset.ipAddress.map { ", IP \($0)" } ?? "")", asset: asset)]
        let keyEN: String, keyJA: String
        switch how {
        case .address(let address):
            keyEN = "its recorded address \(address)"
            keyJA = "記録された IP アドレス \(address) "
            let binding = device.binding(for: address)
            evidence.append(context.observed("\(address) answered from \(device.mac) (\(binding?.sources.joined(separator: ", ") ?? "ip"))",
                                             at: binding?.firstSeen ?? device.firstSeen, evidence: binding?.evidence ?? device.evidence))
        case .name(let name):
            keyEN = "its node name \"\(name)\""
            keyJA = "ノード名「\(name)」"
            let hostname = device.hostnames.first { $0.name == name }
            evidence.append(context.observed("\(device.mac) announced host name \"\(name)\" (\(hostname?.source ?? "dhcp"))",
                                             at: hostname?.firstSeen ?? device.firstSeen, evidence: hostname?.evidence ?? device.evidence))
        }
        let stateEN = seenElsewhere ? "The recorded MAC is also on the network, so the address or name may be spoofed."
            : "The recorded MAC was not seen: the device was probably replaced without updating the ledger, or its address is spoofed."
        let stateJA = seenElsewhere ? "記録された MAC アドレスの機器もネットワーク上に存在するため、アドレス又は名前が詐称されている可能性があります。"
            : "記録された MAC アドレスは観測されていないため、台帳を更新せずに機器が入れ替えられたか、アドレスが詐称されている可能性があります。"
        return rule.finding(
            subject: .device(device, asset: asset), identity: AuditIdentity.asset(asset) + AuditIdentity.device(device),
            message: LocalizedText(
                en: "Ledger asset \(asset.label) was recognised by \(keyEN), but from MAC \(device.mac), which the ledger does not list "
                    + "(it records \(listed)). \(stateEN)",
                ja: "台帳の \(asset.label) を\(keyJA)で特定しましたが、台帳にない MAC アドレス \(device.mac) から応答がありました"
                    + "（台帳の記録は \(listed)）。\(stateJA)"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Check the device at this address. If it was replaced, record the new MAC (and retire the old unit) through the "
                    + "change procedure; if not, treat it as a possible spoofing incident and isolate the station.",
                ja: "このアドレスの機器を確認してください。入れ替えであれば変更手続きを経て新しい MAC アドレスを台帳に記録し、旧機器を撤去扱いにしてください。"
                    + "入れ替えでなければ詐称の可能性があるインシデントとして扱い、当該機器を隔離してください。"))
    }
}

extension MACMismatchRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("the printer's recorded address answered by an unknown MAC",
                         snapshot: AuditExample.network([AuditExample.station("00:00:85:00:00:31", ["192.168.1.31"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PR-002", name: "printer2", mac: "00:80:77:00:00:31", ip: "192.168.1.31")),
                         params: "{match_by: [ip, node_name]}"),
            AuditExample("a new laptop announcing the node name of a recorded one",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:42", ["192.168.1.142"], hostname: "SOUMU-PC01")]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", name: "soumu-pc01", mac: "00:1b:21:00:00:01"))),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("the recorded MAC answers at the recorded address",
                         snapshot: AuditExample.network([AuditExample.station("00:80:77:00:00:31", ["192.168.1.31"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PR-002", mac: "00:80:77:00:00:31", ip: "192.168.1.31")),
                         params: "{match_by: [ip, node_name]}").expecting(0),
            AuditExample("addresses are not a key unless match_by lists ip",
                         snapshot: AuditExample.network([AuditExample.station("00:00:85:00:00:31", ["192.168.1.31"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PR-002", mac: "00:80:77:00:00:31", ip: "192.168.1.31")),
                         params: "{match_by: [node_name]}").expecting(0),
            AuditExample("a row without a MAC cannot mismatch",
                         snapshot: AuditExample.network([AuditExample.station("00:00:85:00:00:31", ["192.168.1.31"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PR-002", ip: "192.168.1.31")),
                         params: "{match_by: [ip]}").expecting(0),
            AuditExample("a retired row's old address reused by a registered device",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:50", ["192.168.1.50"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-OLD", mac: "00:1b:21:00:00:49", ip: "192.168.1.50", status: "retired"),
                                                     AuditExample.row("PC-NEW", mac: "00:1b:21:00:00:50", ip: "192.168.1.50")),
                         params: "{match_by: [ip]}").expecting(0),
            AuditExample("a randomised station is not recognised by name here",
                         snapshot: AuditExample.network([AuditExample.station("da:a1:19:00:00:01", ["192.168.1.40"], hostname: "sato-iphone")]),
                         ledger: AuditExample.ledger(AuditExample.row("SP-001", name: "sato-iphone", mac: "00:1b:21:00:00:09"))).expecting(0),
        ]
    }
}
