import Snapshot

/// `wireless.pmf_not_required`: an organisation BSS or an access-point configuration protects
/// management frames (IEEE 802.11w) below `minimum`: `required` needs MFPR (hostapd
/// `ieee80211w=2`), `capable` accepts MFPC (`ieee80211w=1`). A network without RSN (open, WEP,
/// WPA1 only) cannot protect management frames at all and is reported too.
public struct PMFNotRequiredRule: AuditRule {
    public static let id = "wireless.pmf_not_required"
    public static var requiresLedger: Bool { false }
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let minimum = rule.enumeration("minimum", as: RuleCatalog.PMFMinimum.self) ?? .required
        let needed = minimum == .required ? 2 : 1
        return context.wirelessTargets.compactMap { target in
            let level: Int
            let fact: String
            switch target {
            case .bss(let bss):
                guard let rsn = bss.rsn else {
                    level = 0; fact = "no RSN element (\(bss.securityClass)): management frames cannot be protected"
                    break
                }
                // nmcli reports RSN without its capabilities: PMF unknown (`pmf` null), not judged.
                guard bss.pmf != nil else { return nil }
                level = rsn.mfpRequired ? 2 : rsn.mfpCapable ? 1 : 0
                fact = "RSN capabilities MFPR=\(rsn.mfpRequired ? 1 : 0), MFPC=\(rsn.mfpCapable ? 1 : 0) (PMF \(bss.pmf ?? "disabled"))"
            case .config(let config, _):
                level = config.wpa & 2 == 0 ? 0 : config.ieee80211w
                fact = config.wpa & 2 == 0 ? "wpa=\(config.wpa): no RSN, management frames cannot be protected"
                    : config.defaulted.contains("ieee80211w") ? "ieee80211w not set: hostapd's default 0 disables PMF"
                    : "ieee80211w=\(config.ieee80211w)"
            }
            guard level < needed else { return nil }
            let state = ["disabled", "optional (capable)", "required"][min(max(level, 0), 2)]
            return rule.wirelessFinding(
                target, context, facts: [fact], setting: "minimum", settingFact: "the profile requires PMF \(minimum.rawValue)",
                message: LocalizedText(
                    en: "\(target.label) has protected management frames \(state); the profile requires \(minimum.rawValue).",
                    ja: "\(target.labelJA)の管理フレーム保護（802.11w）は\(["無効", "任意（capable）", "必須"][min(max(level, 0), 2)])です。"
                        + "プロファイルの要件は \(minimum.rawValue) です。"),
                remediation: LocalizedText(
                    en: "Enable protected management frames: ieee80211w=\(needed) in hostapd.conf (\"PMF: \(minimum.rawValue)\" on other "
                        + "access points); this needs WPA2 or WPA3 (RSN).",
                    ja: "管理フレーム保護を有効にしてください（hostapd.conf では ieee80211w=\(needed)、その他の機器では「PMF: \(minimum.rawValue)」）。"
                        + "WPA2 又は WPA3（RSN）が必要です。"))
        }
    }
}

extension PMFNotRequiredRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("PMF capable only, required demanded",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55", rsn: AuditExample.rsn(pmf: "capable"))]),
                         params: "{minimum: required}", scope: AuditExample.corpScope),
            AuditExample("ieee80211w left at 0 even with capable as the minimum",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig { $0.ieee80211w = 0; $0.defaulted.append("ieee80211w") }]),
                         params: "{minimum: capable}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("PMF required",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55", rsn: AuditExample.rsn(pmf: "required"))],
                                                         configs: [AuditExample.apConfig()]),
                         params: "{minimum: required}", scope: AuditExample.corpScope).expecting(0),
            AuditExample("capable is enough when the minimum is capable",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig { $0.ieee80211w = 1 }]),
                         params: "{minimum: capable}").expecting(0),
        ]
    }
}
