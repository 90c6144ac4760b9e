import Snapshot

/// `wireless.auth_not_allowed`: an organisation BSS advertises, or an access-point configuration
/// enables, an authentication method the profile does not list in `allowed_auth` (JPMA 000 5.1.3
/// 認証方式は WPA2-PSK 方式とする). Every advertised method must be allowed: a WPA2/WPA3 transition
/// BSS under a WPA2-only profile fails for its SAE half, a WPA/WPA2 mixed BSS for its WPA1 half.
/// With `require_per_user_accounts`, methods where everyone shares one key (open, WEP, PSK, SAE,
/// OWE) fail even when listed (7.23 一意のアカウントで認証した人のみ).
///
/// AKMs map onto the catalog's names as docs/rules.md describes; an AKM the catalog has no name for
/// (FILS, vendor suites) is never allowed. One finding per BSS or configuration section.
public struct AuthNotAllowedRule: AuditRule {
    public static let id = "wireless.auth_not_allowed"
    public static var requiresLedger: Bool { false }
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let allowed = Set(rule.enumerations("allowed_auth", as: RuleCatalog.WirelessAuth.self) ?? [])
        let perUser = rule.bool("require_per_user_accounts") ?? false
        return context.wirelessTargets.compactMap { target in
            let methods: [WirelessVocabulary.Method]
            switch target {
            case .bss(let bss): methods = WirelessVocabulary.methods(bss)
            case .config(let config, _): methods = WirelessVocabulary.methods(config)
            }
            let refused = methods.filter {
                guard case .known(let auth) = $0 else { return true }
                return !allowed.contains(auth) || (perUser && !auth.identifiesEachUser)
            }
            guard !refused.isEmpty else { return nil }
            return finding(target, methods: methods, refused: refused, allowed: allowed, perUser: perUser, context, rule)
        }
    }

    private func finding(_ target: WirelessTarget, methods: [WirelessVocabulary.Method], refused: [WirelessVocabulary.Method],
                         allowed: Set<RuleCatalog.WirelessAuth>, perUser: Bool, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let all = methods.map(\.name).joined(separator: ", ")
        let bad = refused.map(\.name).joined(separator: ", ")
        let allowedList = RuleCatalog.WirelessAuth.allCases.filter(allowed.contains).map(\.rawValue).joined(separator: ", ")
        var fact: String
        switch target {
        case .bss(let bss):
            fact = "advertises \(bss.securityClass) (\(all))"
            if let rsn = bss.rsn { fact += "; RSN AKMs \(rsn.akms.joined(separator: ", "))" }
            if let wpa = bss.wpa { fact += "; WPA1 AKMs \(wpa.akms.joined(separator: ", "))" }
        case .config(let config, _):
            fact = "wpa=\(config.wpa), wpa_key_mgmt=\(config.keyManagement.joined(separator: " ")), ieee8021x=\(config.ieee8021x ? 1 : 0), "
                + "\(config.wepKeys) WEP key(s): enables \(all)"
        }
        let perUserNote = perUser ? " and requires per-user accounts (802.1X)" : ""
        return rule.wirelessFinding(
            target, context, facts: [fact], setting: "allowed_auth",
            settingFact: "the profile allows \(allowedList.isEmpty ? "no method" : allowedList)\(perUserNote)",
            message: LocalizedText(
                en: "\(target.label) uses \(bad), which the profile does not allow (allowed: \(allowedList)\(perUserNote)).",
                ja: "\(target.labelJA)で \(bad) が使われていますが、プロファイルで許可されていない認証方式です（許可: \(allowedList)\(perUser ? "、利用者ごとのアカウント（802.1X）が必要" : "")）。"),
            remediation: LocalizedText(
                en: "Configure the access point to offer only the allowed methods (\(allowedList)), e.g. turn off WPA1, WEP, open or "
                    + "transition modes the profile does not list, and reconnect the clients.",
                ja: "アクセスポイントが許可された認証方式（\(allowedList)）のみを提供するように設定してください。プロファイルにない "
                    + "WPA1・WEP・オープン・移行モード等を無効にし、端末を再接続してください。"))
    }
}

extension AuthNotAllowedRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a WPA2/WPA3 transition BSS of the organisation SSID under a WPA2-PSK-only profile",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55", securityClass: "wpa2/wpa3-transition",
                                                                           rsn: AuditExample.rsn(akms: ["PSK", "SAE"], pmf: "capable"))]),
                         params: "{allowed_auth: [wpa2-psk]}", scope: AuditExample.corpScope),
            AuditExample("a hostapd section with WPA1 and WPA2 and one left open",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig { $0.wpa = 3 },
                                                                   AuditExample.apConfig(interface: "wlan1", ssid: "GUEST") { $0.wpa = 0 }]),
                         params: "{allowed_auth: [wpa2-psk]}").expecting(2),
            AuditExample("per-user accounts required: a PSK network fails an 802.1X-only profile",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig()]),
                         params: "{allowed_auth: [wpa2-enterprise, wpa3-enterprise], require_per_user_accounts: true}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("WPA2-PSK BSS and configuration under a WPA2-PSK profile",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55")], configs: [AuditExample.apConfig()]),
                         params: "{allowed_auth: [wpa2-psk]}", scope: AuditExample.corpScope).expecting(0),
            AuditExample("an open neighbour network is not an organisation SSID",
                         snapshot: AuditExample.wireless([AuditExample.bss("66:77:88:99:aa:bb", ssid: "CAFE", securityClass: "open", rsn: nil)]),
                         params: "{allowed_auth: [wpa2-psk]}", scope: AuditExample.corpScope).expecting(0),
            AuditExample("no wireless input", snapshot: AuditExample.network([]), params: "{allowed_auth: [wpa2-psk]}").expecting(0),
        ]
    }
}
