import Snapshot

/// `wireless.wps_enabled`: Wi-Fi Protected Setup is on: an organisation BSS carries a WPS element
/// in its beacons or probe responses, or an access-point configuration sets `wps_state` 1
/// (unconfigured) or 2 (configured). WPS PIN and push-button enrolment let a device join without
/// the key, past MAC authentication reviews; the PIN method is brute-forceable. A locked AP setup
/// is still reported (the push button and enrollee PINs remain).
public struct WPSEnabledRule: AuditRule {
    public static let id = "wireless.wps_enabled"
    public static var requiresLedger: Bool { false }
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        context.wirelessTargets.compactMap { target in
            let fact: String
            switch target {
            case .bss(let bss):
                guard let wps = bss.wps else { return nil }
                fact = "WPS element in its beacon/probe response: state \(wps.state ?? "absent"), version \(wps.version ?? "unknown")"
                    + (wps.apSetupLocked == true ? ", AP setup locked" : "")
            case .config(let config, _):
                guard config.wpsState != 0 else { return nil }
                fact = "wps_state=\(config.wpsState) (\(config.wpsState == 1 ? "unconfigured" : "configured"))"
                    + (config.apSetupLocked.map { ", ap_setup_locked=\($0)" } ?? "")
            }
            return rule.wirelessFinding(
                target, context, facts: [fact], settingFact: "the profile requires WPS to be disabled",
                message: LocalizedText(
                    en: "\(target.label) has Wi-Fi Protected Setup (WPS) enabled: devices can join by PIN or push button without the key.",
                    ja: "\(target.labelJA)で WPS が有効です。キーを知らなくても PIN 又はボタン操作で機器を接続できます。"),
                remediation: LocalizedText(
                    en: "Disable WPS (wps_state=0 in hostapd.conf, or the access point's WPS / AOSS / らくらく無線スタート setting).",
                    ja: "WPS を無効にしてください（hostapd.conf では wps_state=0、その他の機器では WPS・AOSS・らくらく無線スタート等の設定）。"))
        }
    }
}

extension WPSEnabledRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a configured WPS element on the organisation BSS",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55",
                                                                           wps: WirelessWPS(state: "configured", apSetupLocked: nil, version: "2.0", truncated: false))]),
                         scope: AuditExample.corpScope),
            AuditExample("wps_state=2 in hostapd.conf", snapshot: AuditExample.wireless(configs: [AuditExample.apConfig { $0.wpsState = 2 }])),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("no WPS element, wps_state=0",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55")], configs: [AuditExample.apConfig()]),
                         scope: AuditExample.corpScope).expecting(0),
            AuditExample("WPS on a neighbour's router",
                         snapshot: AuditExample.wireless([AuditExample.bss("66:77:88:99:aa:bb", ssid: "HOME",
                                                                           wps: WirelessWPS(state: "configured", apSetupLocked: nil, version: "2.0", truncated: false))]),
                         scope: AuditExample.corpScope).expecting(0),
        ]
    }
}
