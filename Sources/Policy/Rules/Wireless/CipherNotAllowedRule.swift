import Snapshot

/// `wireless.cipher_not_allowed`: an organisation BSS advertises, or an access-point configuration
/// enables, a data cipher the profile does not allow (JPMA 000 5.1.3 暗号化方式は AES 方式とする,
/// read as CCMP-128). Pairwise ciphers are checked against `allowed_pairwise`, the group cipher
/// against `allowed_group` (unset: the same list), so TKIP anywhere, including a WPA/WPA2 mixed
/// BSS's TKIP group cipher, and WEP fail an AES-only profile.
///
/// For hostapd.conf the effective ciphers are judged: WPA1's `wpa_pairwise`, RSN's `rsn_pairwise`
/// (which, when not given, falls back to `wpa_pairwise` and hence to TKIP: the "TKIP fallback"),
/// the group cipher hostapd derives (TKIP whenever any enabled pairwise cipher is TKIP), and
/// static WEP keys without WPA.
public struct CipherNotAllowedRule: AuditRule {
    public static let id = "wireless.cipher_not_allowed"
    public static var requiresLedger: Bool { false }
    public init() {}

    typealias Cipher = RuleCatalog.WirelessCipher

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let pairwise = Set(rule.enumerations("allowed_pairwise", as: Cipher.self) ?? [])
        let group = rule.enumerations("allowed_group", as: Cipher.self).map(Set.init) ?? pairwise
        return context.wirelessTargets.compactMap { target in
            var problems: [String] = []
            var facts: [String] = []
            switch target {
            case .bss(let bss):
                if bss.securityClass == "wep", !pairwise.contains(.wep40) || !pairwise.contains(.wep104) {
                    problems.append("WEP")
                    facts.append("privacy bit set without RSN or WPA element: WEP")
                }
                for (element, name) in [(bss.wpa, "WPA1"), (bss.rsn, "RSN")] {
                    guard let element else { continue }
                    facts.append("\(name) element: pairwise \(element.pairwiseCiphers.joined(separator: ", ")), group \(element.groupCipher ?? "none")")
                    for c in element.pairwiseCiphers where c != "use-group" && !allowed(c, pairwise) { problems.append("\(c) (\(name) pairwise)") }
                    if let g = element.groupCipher, !allowed(g, group) { problems.append("\(g) (\(name) group)") }
                }
            case .config(let config, _):
                var enabled: [String] = []
                if config.wpa & 3 == 0 {
                    if config.wepKeys > 0, !pairwise.contains(.wep40) || !pairwise.contains(.wep104) {
                        problems.append("WEP")
                        facts.append("wpa=0 with \(config.wepKeys) static WEP key(s)")
                    }
                } else {
                    if config.wpa & 1 != 0 {
                        enabled += config.wpaPairwise
                        facts.append("wpa bit 1 (WPA1): wpa_pairwise=\(config.wpaPairwise.joined(separator: " "))")
                        for c in config.wpaPairwise where !allowed(c, pairwise) { problems.append("\(c) (WPA1 pairwise)") }
                    }
                    if config.wpa & 2 != 0 {
                        enabled += config.rsnPairwise
                        if config.rsnPairwiseSet {
                            facts.append("rsn_pairwise=\(config.rsnPairwise.joined(separator: " "))")
                        } else {
                            facts.append("rsn_pairwise not set: hostapd falls back to wpa_pairwise=\(config.rsnPairwise.joined(separator: " "))"
                                         + (config.tkipFallback ? " (TKIP fallback)" : ""))
                        }
                        for c in config.rsnPairwise where !allowed(c, pairwise) {
                            problems.append("\(c) (RSN pairwise\(config.tkipFallback && c == "TKIP" && !config.rsnPairwiseSet ? ", TKIP fallback" : ""))")
                        }
                    }
                    let derivedGroup = enabled.contains("TKIP") ? "TKIP" : enabled.first
                    if let g = derivedGroup, !allowed(g, group) {
                        problems.append("\(g) (group)")
                        facts.append("group cipher \(g) (hostapd uses TKIP for group traffic whenever a TKIP pairwise cipher is enabled)")
                    }
                }
            }
            guard !problems.isEmpty else { return nil }
            return finding(target, problems: WirelessVocabulary.unique(problems), facts: facts, pairwise: pairwise, group: group, context, rule)
        }
    }

    private func allowed(_ name: String, _ set: Set<Cipher>) -> Bool { WirelessVocabulary.cipher(name).map(set.contains) ?? false }

    private func finding(_ target: WirelessTarget, problems: [String], facts: [String], pairwise: Set<Cipher>, group: Set<Cipher>,
                         _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let names = { (set: Set<Cipher>) in Cipher.allCases.filter(set.contains).map(\.rawValue).joined(separator: ", ") }
        let allowedText = pairwise == group ? names(pairwise) : "pairwise \(names(pairwise)); group \(names(group))"
        let bad = problems.joined(separator: ", ")
        return rule.wirelessFinding(
            target, context, facts: facts, setting: "allowed_pairwise", settingFact: "the profile allows \(allowedText)",
            message: LocalizedText(
                en: "\(target.label) uses \(bad), which the profile does not allow (allowed: \(allowedText)).",
                ja: "\(target.labelJA)で \(bad) が使われていますが、プロファイルで許可されていない暗号方式です（許可: \(allowedText)）。"),
            remediation: LocalizedText(
                en: "Offer only the allowed ciphers: in hostapd set rsn_pairwise=CCMP explicitly, drop TKIP from wpa_pairwise and "
                    + "WPA1 (wpa=2), and remove any WEP keys; on other access points turn off \"WPA/WPA2 mixed\" and TKIP.",
                ja: "許可された暗号方式のみを提供してください。hostapd では rsn_pairwise=CCMP を明示し、wpa_pairwise から TKIP を除き "
                    + "WPA1 を無効（wpa=2）にし、WEP キーを削除してください。その他のアクセスポイントでは「WPA/WPA2 混在」と TKIP を無効にしてください。"))
    }
}

extension CipherNotAllowedRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a mixed-mode BSS with a TKIP group cipher",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55", securityClass: "wpa/wpa2-mixed",
                                                                           rsn: AuditExample.rsn(group: "TKIP", pairwise: ["CCMP-128", "TKIP"]))]),
                         params: "{allowed_pairwise: [ccmp128]}", scope: AuditExample.corpScope),
            AuditExample("hostapd with wpa=2 and no rsn_pairwise falls back to TKIP; a WEP section",
                         snapshot: AuditExample.wireless(configs: [
                            AuditExample.apConfig {
                                $0.wpaPairwise = ["TKIP"]; $0.rsnPairwise = ["TKIP"]; $0.rsnPairwiseSet = false; $0.tkipFallback = true
                            },
                            AuditExample.apConfig(interface: "wlan1") { $0.wpa = 0; $0.wepKeys = 1 },
                         ]),
                         params: "{allowed_pairwise: [ccmp128]}").expecting(2),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("CCMP everywhere",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55")], configs: [AuditExample.apConfig()]),
                         params: "{allowed_pairwise: [ccmp128]}", scope: AuditExample.corpScope).expecting(0),
            AuditExample("TKIP on a neighbour's network is not the organisation's",
                         snapshot: AuditExample.wireless([AuditExample.bss("66:77:88:99:aa:bb", ssid: "CAFE", securityClass: "wpa", rsn: nil,
                                                                           wpa: AuditExample.rsn(group: "TKIP", pairwise: ["TKIP"]))]),
                         params: "{allowed_pairwise: [ccmp128]}", scope: AuditExample.corpScope).expecting(0),
        ]
    }
}
