import Snapshot

/// `wireless.any_connection_enabled`: "ANY" connection is on (JPMA 000 5.1.3 ANY接続は、無効とする):
/// an access-point configuration broadcasts its SSID (`ignore_broadcast_ssid` unset or 0, so the
/// AP also answers wildcard probe requests), or an organisation BSS was seen sending a probe
/// response to a station whose probe request was a wildcard (`answered_wildcard_probe`). A BSS
/// that was merely not seen answering is not reported: it may have been on another channel.
public struct AnyConnectionEnabledRule: AuditRule {
    public static let id = "wireless.any_connection_enabled"
    public static var requiresLedger: Bool { false }
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        context.wirelessTargets.compactMap { target in
            let fact: String
            switch target {
            case .bss(let bss):
                guard bss.answeredWildcardProbe == true else { return nil }
                fact = "sent a probe response to a wildcard (\"ANY\") probe request (\(bss.probeResponses) probe response(s); "
                    + "\(context.snapshot.wireless?.wildcardProbeRequests ?? 0) wildcard probe request(s) in the capture)"
            case .config(let config, _):
                guard config.ignoreBroadcastSSID == 0 else { return nil }
                fact = config.defaulted.contains("ignore_broadcast_ssid")
                    ? "ignore_broadcast_ssid not set: hostapd's default 0 broadcasts the SSID and answers wildcard probe requests"
                    : "ignore_broadcast_ssid=0: the SSID is broadcast and wildcard probe requests are answered"
            }
            return rule.wirelessFinding(
                target, context, facts: [fact], settingFact: "the profile requires ANY connection to be disabled",
                message: LocalizedText(
                    en: "\(target.label) accepts \"ANY\" connections: it answers wildcard probe requests with its SSID.",
                    ja: "\(target.labelJA)で ANY 接続が有効です。ワイルドカードのプローブ要求に SSID を付けて応答します。"),
                remediation: LocalizedText(
                    en: "Disable ANY connection (SSID stealth): set ignore_broadcast_ssid=1 in hostapd.conf, or the access point's "
                        + "\"ANY connection refusal\" / \"hide SSID\" setting, and configure the SSID on the authorised devices.",
                    ja: "ANY 接続を無効にしてください（hostapd.conf では ignore_broadcast_ssid=1、その他の機器では「ANY 接続拒否」又は"
                        + "「SSID ステルス」を設定）。認可した機器には SSID を手動で設定してください。"))
        }
    }
}

extension AnyConnectionEnabledRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("hostapd.conf without ignore_broadcast_ssid",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig {
                             $0.ignoreBroadcastSSID = 0; $0.defaulted.append("ignore_broadcast_ssid")
                         }])),
            AuditExample("an organisation BSS answered a wildcard probe",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55", answeredWildcardProbe: true)], wildcardProbes: 3),
                         scope: AuditExample.corpScope),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("SSID hidden in the configuration; the BSS was not seen answering wildcard probes",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55", hidden: true, answeredWildcardProbe: false)],
                                                         configs: [AuditExample.apConfig()], wildcardProbes: 3),
                         scope: AuditExample.corpScope).expecting(0),
            AuditExample("a neighbour's BSS answering wildcard probes",
                         snapshot: AuditExample.wireless([AuditExample.bss("66:77:88:99:aa:bb", ssid: "CAFE", answeredWildcardProbe: true)],
                                                         wildcardProbes: 1),
                         scope: AuditExample.corpScope).expecting(0),
        ]
    }
}
