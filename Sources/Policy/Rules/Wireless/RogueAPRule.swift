import Ledger
import NetAddress
import Snapshot

/// `wireless.rogue_ap`: an access point the organisation did not declare (SME 001 Ch8 §2: wireless
/// LAN equipment connected without permission; ISMS 002 5.15 (2): no individual builds a network).
///
/// A BSSID is **known** when it is listed under any `scope.ssids[].bssids`, or is a MAC of an
/// in-use ledger row. Three cases, each an observed BSS (capture or client-side scan):
///
/// - **evil twin** (`flag_unknown_bssids`): a BSS advertising an organisation SSID (any SSID
///   under `scope.ssids`, whatever `wireless_scope`; for a hidden BSS the SSID it revealed) from a
///   BSSID that is not known. Judged only when there is something to know it by: the SSID declares
///   BSSIDs, or a ledger was given. Reported one severity level above the profile's (high →
///   critical): a look-alike of the organisation's network harvests keys and credentials.
/// - **registered device as an AP**: a known-by-ledger BSSID (not declared for any organisation
///   SSID) advertising a non-organisation SSID: a company device running a hotspot or a private
///   access point. Profile severity.
/// - **foreign** (`flag_foreign_ssids`, off by default): any other BSS heard on site, at `low`.
public struct RogueAPRule: AuditRule {
    public static let id = "wireless.rogue_ap"
    public static var requiresLedger: Bool { false }
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let wireless = context.snapshot.wireless else { return [] }
        let flagUnknown = rule.bool("flag_unknown_bssids") ?? true
        let flagForeign = rule.bool("flag_foreign_ssids") ?? false
        let ssids = context.profile.scope.ssids
        let declared = Set(ssids.flatMap(\.bssids).map(\.value))
        var findings: [Finding] = []
        for bss in wireless.bsses {
            guard let bssid = MACAddress(bss.bssid) else { continue }
            let name = bss.displaySSID
            let org = ssids.first { $0.name.value == name && !(bss.hidden && bss.revealedSSID == nil) }
            let asset = context.ledger?.asset(forMAC: bssid)
            let inLedger = asset?.status.isActive == true
            if declared.contains(bssid) { continue }
            if let org {
                guard flagUnknown, !inLedger, !org.bssids.isEmpty || context.ledger != nil else { continue }
                findings.append(evilTwin(bss, org: org, asset: asset, context, rule))
            } else if inLedger, let asset {
                // A hidden BSS that revealed nothing may well serve an organisation SSID: not judged.
                if bss.hidden && bss.revealedSSID == nil { continue }
                findings.append(deviceAP(bss, asset: asset, context, rule))
            } else if flagForeign {
                var finding = foreign(bss, context, rule)
                finding.severity = .low
                findings.append(finding)
            }
        }
        return findings
    }

    /// The classes the organisation's declared BSSs of `name` were seen with.
    private func knownClasses(_ name: String, _ context: AuditContext, declared: Set<MACAddress>) -> [String] {
        let seen = (context.snapshot.wireless?.bsses ?? []).filter { bss in
            bss.displaySSID == name && MACAddress(bss.bssid).map { declared.contains($0) || context.ledger?.asset(forMAC: $0)?.status.isActive == true } == true
        }
        return WirelessVocabulary.unique(seen.map(\.securityClass)).sorted()
    }

    private func evilTwin(_ bss: WirelessBSS, org: ProfileSSID, asset: Asset?, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let target = WirelessTarget.bss(bss)
        let name = bss.displaySSID
        let seen = bss.beacons + bss.probeResponses > 0
            ? "\(bss.beacons) beacon(s), \(bss.probeResponses) probe response(s)" : "listed by a client-side scan (\(bss.evidence.protocol))"
        var facts = ["advertises the organisation SSID \"\(name)\" (\(bss.securityClass)\(bss.hidden ? ", hidden, revealed by a probe response" : ""), "
                     + "channel \(bss.channel.map(String.init) ?? "?"); \(seen))"]
        let declaredList = org.bssids.map { $0.value.description }
        let classes = knownClasses(name, context, declared: Set(org.bssids.map(\.value)))
        if !classes.isEmpty, !classes.contains(bss.securityClass) {
            facts.append("the organisation's own BSSs of \"\(name)\" use \(classes.joined(separator: ", ")), this one \(bss.securityClass)")
        }
        var evidence = facts.map { target.evidence($0, context) }
        if let asset {
            evidence.append(context.recorded("\(bss.bssid) is \(asset.label), status \(asset.status.rawValue)", asset: asset))
        } else if let ledger = context.ledger {
            evidence.append(FindingEvidence(fact: "no ledger row lists \(bss.bssid)", source: ledger.path))
        }
        evidence.append(FindingEvidence(
            fact: declaredList.isEmpty ? "scope.ssids declares no BSSID for \"\(name)\"" : "scope.ssids declares \"\(name)\" on \(declaredList.joined(separator: ", "))",
            source: org.name.location.description))
        var finding = rule.finding(
            subject: target.subject, identity: target.identity + ["ssid=\(name)"],
            message: LocalizedText(
                en: "Possible evil twin: \(target.label) advertises the organisation SSID \"\(name)\" from a BSSID that is neither declared "
                    + "under scope.ssids nor in the ledger. Stations may connect to it and give away the key or credentials.",
                ja: "なりすましアクセスポイント（evil twin）の可能性: \(target.labelJA)が組織の SSID「\(name)」を発信していますが、この BSSID は"
                    + "プロファイルの scope.ssids にも台帳にも記載がありません。端末が接続するとキーや認証情報が漏れるおそれがあります。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Locate the transmitter (channel, signal strength, site survey) and remove it. If it is a new organisation access point, "
                    + "add its BSSID under scope.ssids and record it in the ledger.",
                ja: "発信源を特定（チャネル、電波強度、現地調査）して撤去してください。組織が新たに設置したアクセスポイントであれば、BSSID を "
                    + "scope.ssids に追加し台帳に記録してください。"))
        finding.severity = finding.severity.raised
        return finding
    }

    private func deviceAP(_ bss: WirelessBSS, asset: Asset, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let target = WirelessTarget.bss(bss)
        let shown = "SSID \"\(bss.displaySSID)\""
        var evidence = [target.evidence("advertises \(shown) (\(bss.securityClass)), which is not an organisation SSID", context)]
        evidence.append(context.recorded("\(bss.bssid) is \(asset.label)", asset: asset))
        evidence.append(FindingEvidence(fact: "the profile reports access points not declared by the organisation", source: rule.origin.description))
        return rule.finding(
            subject: Subject(kind: .bss, bssid: bss.bssid, assetID: asset.assetID.isEmpty ? nil : asset.assetID),
            identity: target.identity + ["ssid-hex=\(bss.ssidHex)"],
            message: LocalizedText(
                en: "Registered device \(asset.label) operates an access point (\(target.label)) with \(shown), which is not an organisation "
                    + "SSID: a hotspot or private network built without permission.",
                ja: "登録済み機器 \(asset.label) が組織の SSID ではないアクセスポイント（\(target.labelJA)）を運用しています。許可なく構築された"
                    + "テザリング又は私設ネットワークです。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Turn off the hotspot / access point on the device, or declare the SSID under scope.ssids with its approval.",
                ja: "機器のテザリング又はアクセスポイント機能を停止するか、承認を得て SSID を scope.ssids に宣言してください。"))
    }

    private func foreign(_ bss: WirelessBSS, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let target = WirelessTarget.bss(bss)
        return rule.finding(
            subject: target.subject, identity: target.identity + ["ssid-hex=\(bss.ssidHex)"],
            message: LocalizedText(
                en: "\(target.label) (\(bss.securityClass)) was heard on site; it is not an organisation access point.",
                ja: "\(target.labelJA)（\(bss.securityClass)）を検知しました。組織のアクセスポイントではありません。"),
            evidence: [target.evidence("\(bss.beacons) beacon(s), \(bss.probeResponses) probe response(s)", context),
                       FindingEvidence(fact: "flag_foreign_ssids reports every non-organisation BSS", source: rule.origin.description)],
            remediation: LocalizedText(
                en: "Check whether the access point is a neighbour's (expected) or installed on the premises without permission.",
                ja: "近隣の施設のものか、許可なく構内に設置されたものかを確認してください。"))
    }
}

extension Severity {
    /// One level higher, `critical` staying `critical`.
    var raised: Severity {
        switch self {
        case .info: .low
        case .low: .medium
        case .medium: .high
        case .high, .critical: .critical
        }
    }
}

extension RogueAPRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("an evil twin: the organisation SSID from an undeclared BSSID, open",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55"),
                                                          AuditExample.bss("02:66:77:88:99:aa", securityClass: "open", rsn: nil, packet: 5)]),
                         scope: AuditExample.corpScope),
            AuditExample("an organisation SSID without declared BSSIDs, from a BSSID the ledger does not list",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:1b:21:00:00:01"), AuditExample.bss("00:0c:29:99:99:99", packet: 5)]),
                         ledger: MACACLMismatchRule.exampleLedger, scope: ["ssids: [{name: CORP}]"]),
            AuditExample("a registered laptop running a hotspot",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:1b:21:00:00:02", ssid: "DIRECT-suzuki")]),
                         ledger: MACACLMismatchRule.exampleLedger, scope: AuditExample.corpScope),
            AuditExample("a neighbour's network with flag_foreign_ssids",
                         snapshot: AuditExample.wireless([AuditExample.bss("66:77:88:99:aa:bb", ssid: "CAFE")]),
                         params: "{flag_foreign_ssids: true}", scope: AuditExample.corpScope),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("the organisation SSID from its declared BSSID",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55")]), scope: AuditExample.corpScope).expecting(0),
            AuditExample("the organisation SSID from an access point in the ledger",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:1b:21:00:00:01")]),
                         ledger: MACACLMismatchRule.exampleLedger, scope: ["ssids: [{name: CORP}]"]).expecting(0),
            AuditExample("a neighbour's network (flag_foreign_ssids off)",
                         snapshot: AuditExample.wireless([AuditExample.bss("66:77:88:99:aa:bb", ssid: "CAFE")]),
                         scope: AuditExample.corpScope).expecting(0),
            AuditExample("no BSSID declared and no ledger: nothing to tell a twin by",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:0c:29:99:99:99")]), scope: ["ssids: [{name: CORP}]"]).expecting(0),
            AuditExample("flag_unknown_bssids off",
                         snapshot: AuditExample.wireless([AuditExample.bss("02:66:77:88:99:aa")]), params: "{flag_unknown_bssids: false}",
                         scope: AuditExample.corpScope).expecting(0),
        ]
    }
}
