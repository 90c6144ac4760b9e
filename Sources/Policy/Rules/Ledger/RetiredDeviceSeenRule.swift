import Ledger
import Snapshot

/// `ledger.retired_device_seen`: a device whose ledger row says retired, disposed of or lost is on
/// the network (JPMA 000 7.24: changes and removals go through the 変更、撤去 procedure; SME 001 Ch8 §5
/// and ISMS 002 7.14: disposed equipment is erased first). A disposed device that is seen again
/// was not destroyed; a lost one that reappears is an incident. `statuses` lists the statuses
/// that count.
public struct RetiredDeviceSeenRule: AuditRule {
    public static let id = "ledger.retired_device_seen"
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let ledger = context.ledger else { return [] }
        let statuses = Set((rule.strings("statuses") ?? [AssetStatus.retired, .disposed, .lost].map(\.rawValue)).compactMap(AssetStatus.init(rawValue:)))
        var findings: [Finding] = []
        for (index, device) in context.snapshot.devices.enumerated() {
            guard let match = context.matching.match(forDevice: index) else { continue }
            let asset = ledger.assets[match.assetIndex]
            guard statuses.contains(asset.status) else { continue }
            findings.append(finding(device, asset, how: match.method, context, rule))
        }
        return findings
    }

    private func finding(_ device: Device, _ asset: Asset, how: AuditMatching.Match.Method, _ context: AuditContext,
                         _ rule: ResolvedRule) -> Finding {
        let (statusEN, statusJA, adviceEN, adviceJA) = Self.wording(asset.status)
        let key = how == .mac ? "MAC \(device.mac)" : "static address \(device.primaryIPv4?.description ?? "")"
        return rule.finding(
            subject: .device(device, asset: asset), identity: AuditIdentity.asset(asset) + AuditIdentity.device(device),
            message: LocalizedText(
                en: "Ledger asset \(asset.label) is recorded as \(statusEN) but is on the network (\(device.label)).",
                ja: "台帳で\(statusJA)とされている \(asset.label) がネットワーク上で観測されました（\(device.label)）。"),
            evidence: [
                context.recorded("\(asset.label): status \(asset.status.rawValue), matched by \(key)", asset: asset),
                context.observed("\(device.mac) active from \(device.firstSeen) to \(device.lastSeen), \(device.addressList)",
                                 at: device.firstSeen, evidence: device.evidence),
            ],
            remediation: LocalizedText(en: adviceEN, ja: adviceJA))
    }

    static func wording(_ status: AssetStatus) -> (String, String, String, String) {
        switch status {
        case .disposed:
            ("disposed of", "廃棄済み",
             "Disconnect the device and find out how a disposed unit came back: check the disposal and data-erasure records.",
             "機器を切り離し、廃棄済みの機器がなぜ使われているのかを調査してください。廃棄及びデータ消去の記録を確認してください。")
        case .lost:
            ("lost or stolen", "紛失・盗難",
             "Treat this as a security incident: isolate the station, locate it, and report to the information security officer.",
             "セキュリティインシデントとして扱い、当該機器を隔離して所在を確認し、情報セキュリティ責任者に報告してください。")
        default:
            ("retired", "撤去済み",
             "Disconnect the device, or if it is back in use, return it to service through the change procedure and update the ledger.",
             "機器を切り離してください。再利用する場合は変更手続きを経て台帳の状態を稼働中に戻してください。")
        }
    }
}

extension RetiredDeviceSeenRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("the retired meeting-room PC is back",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:05", ["192.168.1.105"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-005", name: "kaigi-pc01", mac: "00:1b:21:00:00:05", status: "retired"))),
            AuditExample("a disposed PC (廃棄済) and a lost laptop (紛失) both seen",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:08", ["192.168.1.108"]),
                                                         AuditExample.station("00:1b:21:00:00:09", ["192.168.1.109"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-008", mac: "00:1b:21:00:00:08", status: "廃棄済"),
                                                     AuditExample.row("PC-009", mac: "00:1b:21:00:00:09", status: "紛失")),
                         expectedFindings: 2),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("retired rows that stay away",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01"),
                                                     AuditExample.row("PC-005", mac: "00:1b:21:00:00:05", status: "retired"))).expecting(0),
            AuditExample("statuses limited to disposed and lost",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:05", ["192.168.1.105"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-005", mac: "00:1b:21:00:00:05", status: "retired")),
                         params: "{statuses: [disposed, lost]}").expecting(0),
            AuditExample("a spare unit put on the network is not retired",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:03", ["192.168.1.103"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-003", mac: "00:1b:21:00:00:03", status: "予備"))).expecting(0),
        ]
    }
}
