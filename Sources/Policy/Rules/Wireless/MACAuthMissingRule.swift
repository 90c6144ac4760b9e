import Snapshot

/// `wireless.mac_auth_missing`: an access-point configuration does not authenticate stations by
/// MAC address (JPMA 000 5.1.3 接続する無線機器は、MAC アドレスによる追加認証とする):
/// `macaddr_acl=0` (hostapd's default: accept unless denied; a deny list does not count).
/// `macaddr_acl=1` (accept list) and `2` (RADIUS) are MAC authentication. Captured frames cannot
/// show a MAC filter, so only configurations are judged; whether the filter matches the ledger is
/// `wireless.mac_acl_mismatch`.
public struct MACAuthMissingRule: AuditRule {
    public static let id = "wireless.mac_auth_missing"
    public static var requiresLedger: Bool { false }
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        context.apConfigTargets.compactMap { target in
            guard case .config(let config, _) = target, config.macaddrACL == 0 else { return nil }
            var fact = config.defaulted.contains("macaddr_acl")
                ? "macaddr_acl not set: hostapd's default 0 accepts every station not denied"
                : "macaddr_acl=0: every station not denied is accepted"
            if config.denyMACFile { fact += " (a deny_mac_file is a block list, not authentication)" }
            return rule.wirelessFinding(
                target, context, facts: [fact], settingFact: "the profile requires MAC-address authentication of wireless devices",
                message: LocalizedText(
                    en: "\(target.label) does not authenticate stations by MAC address: any station with the key can connect.",
                    ja: "\(target.labelJA)で MAC アドレスによる認証が行われていません。キーを知っていればどの端末でも接続できます。"),
                remediation: LocalizedText(
                    en: "Set macaddr_acl=1 with an accept_mac_file listing the ledger's wireless-authorised devices (or macaddr_acl=2 "
                        + "with RADIUS), and keep that list in step with the ledger.",
                    ja: "macaddr_acl=1 とし、台帳で無線 LAN 接続を認可した機器を accept_mac_file に列挙してください（又は RADIUS による "
                        + "macaddr_acl=2）。一覧は台帳と一致させてください。"))
        }
    }
}

extension MACAuthMissingRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("macaddr_acl left at its default",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig {
                             $0.macaddrACL = 0; $0.acceptMACFile = false; $0.defaulted.append("macaddr_acl")
                         }])),
            AuditExample("a deny list only",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig { $0.macaddrACL = 0; $0.denyMACFile = true }])),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("an accept list", snapshot: AuditExample.wireless(configs: [AuditExample.apConfig()])).expecting(0),
            AuditExample("RADIUS MAC authentication",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig { $0.macaddrACL = 2; $0.acceptMACFile = false }])).expecting(0),
            AuditExample("a BSS in a capture shows no MAC filter either way",
                         snapshot: AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55")]), scope: AuditExample.corpScope).expecting(0),
        ]
    }
}
