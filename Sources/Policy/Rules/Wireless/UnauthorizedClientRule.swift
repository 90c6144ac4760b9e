import Ledger
import NetAddress
import Snapshot

/// `wireless.unauthorized_client`: a station that asked to (re)associate with an organisation SSID
/// is not an in-use, wireless-authorised ledger device (JPMA 000 5.1.3, 7.23: only authorised
/// devices connect; SME 001 Ch8 §2: look for devices connected without permission).
///
/// A client is the organisation's business when the SSID of its latest (re)association request is
/// a judged organisation SSID, or its BSS is an organisation BSS (by SSID, revealed SSID or declared
/// BSSID). The station's MAC is looked up in the ledger: not listed, listed but not
/// `wireless_authorized`, or listed on a retired/disposed/lost row. A randomised (locally
/// administered) MAC is called out: it may be an authorised device using a private address for
/// the SSID, which defeats MAC authentication either way. One finding per station and SSID.
public struct UnauthorizedClientRule: AuditRule {
    public static let id = "wireless.unauthorized_client"
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let ledger = context.ledger, let wireless = context.snapshot.wireless else { return [] }
        let judged = context.profile.scope.judgedSSIDs
        guard !judged.isEmpty else { return [] }
        let names = Set(judged.map(\.name.value))
        var orgBSSIDs = Set(judged.flatMap(\.bssids).map(\.value))
        for bss in context.organisationBSSs { if let mac = MACAddress(bss.bssid) { orgBSSIDs.insert(mac) } }
        var findings: [Finding] = []
        for client in wireless.clients {
            let bssid = MACAddress(client.bssid)
            guard names.contains(client.ssid) || bssid.map(orgBSSIDs.contains) == true else { continue }
            guard let mac = MACAddress(client.mac) else { continue }
            let asset = ledger.asset(forMAC: mac)
            if let asset, asset.wirelessAuthorized, asset.status.isActive { continue }
            findings.append(finding(client, mac: mac, asset: asset, ledger: ledger, context, rule))
        }
        return findings
    }

    private func finding(_ client: WirelessClient, mac: MACAddress, asset: Asset?, ledger: Ledger,
                         _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let ssid = client.ssid
        var evidence = [context.observed(
            "station \(client.mac) sent \(client.associationRequests) (re)association request(s) to BSS \(client.bssid) (SSID \"\(ssid)\")"
                + (client.akm.map { ", AKM \($0)" } ?? "") + (client.randomized ? "; locally administered (randomised) MAC" : ""),
            at: client.firstSeen, evidence: client.evidence)]
        let reason: String
        let reasonJA: String
        if let asset {
            evidence.append(context.recorded("\(client.mac) is \(asset.label): wireless_authorized \(asset.wirelessAuthorized ? "yes" : "no"), "
                                             + "status \(asset.status.rawValue)", asset: asset))
            if !asset.status.isActive {
                reason = "its ledger row \(asset.label) is \(asset.status.rawValue)"
                reasonJA = "台帳の \(asset.label) は \(asset.status.rawValue) です"
            } else {
                reason = "its ledger row \(asset.label) is not wireless-authorised"
                reasonJA = "台帳の \(asset.label) は無線 LAN 接続を認可されていません"
            }
        } else {
            evidence.append(FindingEvidence(fact: "no ledger row lists \(client.mac)", source: ledger.path))
            reason = client.randomized
                ? "it uses a randomised (private) MAC that no ledger row lists, so it cannot be identified (unverified)"
                : "no ledger row lists it"
            reasonJA = client.randomized
                ? "ランダム化された（プライベート）MAC アドレスを使っており台帳に記載がないため、機器を特定できません（未確認）"
                : "台帳のどの行にも記載がありません"
        }
        evidence.append(FindingEvidence(fact: "the profile allows only the ledger's wireless-authorised devices on organisation SSIDs",
                                        source: rule.origin.description))
        return rule.finding(
            subject: Subject(kind: .device, mac: client.mac, bssid: client.bssid, assetID: asset.flatMap { $0.assetID.isEmpty ? nil : $0.assetID }),
            identity: ["client=\(client.mac)", "ssid=\(client.ssidHex.isEmpty ? ssid : client.ssidHex)"],
            message: LocalizedText(
                en: "Station \(client.mac) associated with the organisation SSID \"\(ssid)\" (BSS \(client.bssid)), but \(reason).",
                ja: "端末 \(client.mac) が組織の SSID「\(ssid)」（BSS \(client.bssid)）に接続しましたが、\(reasonJA)。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: client.randomized
                    ? "Identify the owner. For an authorised device, turn off the private (random) Wi-Fi address for this SSID and record "
                        + "its MAC in the ledger; otherwise remove it from the network and change the key."
                    : "Identify the device: register it with wireless_authorized = yes and the required approval, or block it "
                        + "(remove it from the MAC filter, change the key).",
                ja: client.randomized
                    ? "所有者を確認してください。認可済みの機器であれば、この SSID に対するプライベート（ランダム）アドレスを無効にして台帳に MAC アドレスを記録し、"
                        + "そうでなければネットワークから排除してキーを変更してください。"
                    : "機器を特定し、必要な承認を得て台帳に wireless_authorized = yes として登録するか、接続を遮断してください（MAC フィルタから削除、キーの変更）。"))
    }
}

extension UnauthorizedClientRule {
    public static func clients(_ clients: [(mac: String, ssid: String)]) -> Snapshot {
        var snapshot = AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55")])
        snapshot.wireless?.clients = clients.enumerated().map { i, c in
            WirelessClient(mac: c.mac, bssid: c.ssid == "CORP" ? "00:11:22:33:44:55" : "66:77:88:99:aa:bb", ssid: c.ssid, ssidHex: "",
                           akm: "PSK", pairwiseCipher: "CCMP-128", randomized: MACAddress(c.mac)?.isLocallyAdministered ?? false,
                           associationRequests: 1, firstSeen: AuditExample.captureStart, lastSeen: AuditExample.captureStart,
                           evidence: Evidence(protocol: "802.11-assoc-req", source: 0, packet: 20 + i))
        }
        return snapshot
    }

    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a station not in the ledger on the organisation SSID",
                         snapshot: clients([("00:0c:29:99:99:99", "CORP")]), ledger: MACACLMismatchRule.exampleLedger,
                         scope: AuditExample.corpScope),
            AuditExample("a ledger device that is not wireless-authorised, a retired one and a randomised MAC",
                         snapshot: clients([("00:1b:21:00:00:02", "CORP"), ("a4:5e:60:00:00:03", "CORP"), ("da:a1:19:00:00:01", "CORP")]),
                         ledger: MACACLMismatchRule.exampleLedger, scope: AuditExample.corpScope).expecting(3),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("a wireless-authorised device by its wireless MAC",
                         snapshot: clients([("a4:5e:60:00:00:01", "CORP")]), ledger: MACACLMismatchRule.exampleLedger,
                         scope: AuditExample.corpScope).expecting(0),
            AuditExample("a station of a neighbour's network",
                         snapshot: clients([("00:0c:29:99:99:99", "CAFE")]), ledger: MACACLMismatchRule.exampleLedger,
                         scope: AuditExample.corpScope).expecting(0),
            AuditExample("no organisation SSID declared",
                         snapshot: clients([("00:0c:29:99:99:99", "CORP")]), ledger: MACACLMismatchRule.exampleLedger).expecting(0),
        ]
    }
}
