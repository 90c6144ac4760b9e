import Ledger
import NetAddress
import Snapshot

/// `wireless.mac_acl_mismatch`: an access point's MAC filter (hostapd `accept_mac_file` /
/// `deny_mac_file`) disagrees with the ledger's wireless-authorised devices (JPMA 000 5.1.3 MAC
/// authentication; 000 7.3 the ledger records the devices authorised to connect), in both
/// directions:
///
/// - **extra entry** (`flag_extra_entries`): a MAC the accept list admits that belongs to no
///   in-use ledger row with `wireless_authorized` = yes (not in the ledger at all, a row that is
///   not authorised, or a retired/disposed/lost row). Judged when the accept list is in force
///   (`macaddr_acl` 1, or 2 where the list is searched before RADIUS).
/// - **missing entry** (`flag_missing_entries`): an in-use authorised row none of whose MACs the
///   filter admits: absent from the accept list under `macaddr_acl=1` (hostapd then refuses it), or
///   on the deny list and not on the accept list (hostapd checks the accept list first) under any
///   `macaddr_acl`.
///
/// One finding per configuration section and MAC (extra) or ledger row (missing). Without a
/// filter in force (`macaddr_acl=0`, no deny list) there is nothing to compare: that is
/// `wireless.mac_auth_missing`. The list files are read by `HostapdConfig.read`; an unreadable one
/// stops the audit before any rule runs.
public struct MACACLMismatchRule: AuditRule {
    public static let id = "wireless.mac_acl_mismatch"
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let ledger = context.ledger else { return [] }
        let flagExtra = rule.bool("flag_extra_entries") ?? true
        let flagMissing = rule.bool("flag_missing_entries") ?? true
        let authorised = ledger.assets.filter { $0.wirelessAuthorized && $0.status.isActive }
        var findings: [Finding] = []
        for target in context.apConfigTargets {
            guard case .config(let config, _) = target else { continue }
            let acceptInForce = config.macaddrACL == 1 || config.macaddrACL == 2
            let accept = config.acceptMACList?.entries ?? []
            let acceptSet = Set(accept.compactMap { MACAddress($0.mac) })
            if flagExtra && acceptInForce {
                var reported = Set<MACAddress>()
                for entry in accept {
                    guard let mac = MACAddress(entry.mac), reported.insert(mac).inserted else { continue }
                    if let asset = ledger.asset(forMAC: mac), asset.wirelessAuthorized, asset.status.isActive { continue }
                    findings.append(extra(entry, mac: mac, target: target, config: config, ledger: ledger, context, rule))
                }
            }
            guard flagMissing else { continue }
            let deny = config.denyMACList?.entries ?? []
            let denySet = Set(deny.compactMap { MACAddress($0.mac) })
            for asset in authorised where !asset.macAddresses.isEmpty {
                let admitted = asset.macAddresses.contains { mac in
                    if acceptSet.contains(mac) { return true }
                    if denySet.contains(mac) { return false }
                    return config.macaddrACL != 1
                }
                guard !admitted else { continue }
                findings.append(missing(asset, target: target, config: config, deny: deny, context, rule))
            }
        }
        return findings
    }

    private func listEvidence(_ list: MACACL?, directive: String, config: APConfig) -> String {
        guard let list else { return "no \(directive) in \(config.file)" }
        return "\(directive)=\(list.path) (\(config.file):\(list.line)): \(list.entries.count) MAC(s)"
    }

    private func extra(_ entry: MACACLEntry, mac: MACAddress, target: WirelessTarget, config: APConfig, ledger: Ledger,
                       _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let list = config.acceptMACList
        let source = list.map { "\($0.resolvedPath):\(entry.line)" } ?? config.file
        var evidence = [FindingEvidence(fact: "\(target.label): the accept list admits \(mac)"
                                            + (entry.vlan.map { " (VLAN \($0))" } ?? "")
                                            + (mac.isLocallyAdministered ? " (a locally administered, randomised address)" : ""),
                                        source: source)]
        let reason: String
        let reasonJA: String
        if let asset = ledger.asset(forMAC: mac) {
            if !asset.status.isActive {
                reason = "its ledger row \(asset.label) is \(asset.status.rawValue)"
                reasonJA = "台帳の \(asset.label) は \(asset.status.rawValue) です"
            } else {
                reason = "its ledger row \(asset.label) is not wireless-authorised"
                reasonJA = "台帳の \(asset.label) は無線 LAN 接続を認可されていません"
            }
            evidence.append(context.recorded("\(mac) is \(asset.label): wireless_authorized \(asset.wirelessAuthorized ? "yes" : "no"), "
                                             + "status \(asset.status.rawValue)", asset: asset))
        } else {
            reason = "no ledger row lists it"
            reasonJA = "台帳のどの行にも記載がありません"
            evidence.append(FindingEvidence(fact: "no ledger row lists \(mac)", source: ledger.path))
        }
        evidence.append(FindingEvidence(fact: "the profile requires the MAC filter to admit exactly the ledger's wireless-authorised devices",
                                        source: rule.origin.description))
        return rule.finding(
            subject: Subject(kind: .network, mac: mac.description, endpoint: target.subject.endpoint),
            identity: target.identity + ["acl-extra=\(mac)"],
            message: LocalizedText(
                en: "The MAC filter of \(target.label) admits \(mac), but \(reason): a device the ledger does not authorise can join.",
                ja: "\(target.labelJA)の MAC アドレスフィルタは \(mac) の接続を許可していますが、\(reasonJA)。台帳で認可されていない機器が接続できます。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Remove \(mac) from \(list?.path ?? "the accept list") (and reload hostapd), or record the device in the ledger with "
                    + "wireless_authorized = yes and the approval the policy requires.",
                ja: "\(list?.path ?? "許可リスト")から \(mac) を削除して hostapd を再読込みするか、必要な承認を得て台帳に wireless_authorized = yes として記録してください。"))
    }

    private func missing(_ asset: Asset, target: WirelessTarget, config: APConfig, deny: [MACACLEntry],
                         _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let macs = asset.macAddresses.map(\.description).joined(separator: ", ")
        let denied = deny.filter { entry in asset.macAddresses.contains { $0.description == entry.mac } }
        var evidence = [context.recorded("\(asset.label) is wireless-authorised (status \(asset.status.rawValue)); MACs \(macs)", asset: asset)]
        let why: String
        let whyJA: String
        if let entry = denied.first {
            why = "its MAC \(entry.mac) is on the deny list"
            whyJA = "MAC アドレス \(entry.mac) が拒否リストに記載されています"
            evidence.append(FindingEvidence(fact: "\(target.label): deny_mac_file lists \(entry.mac)",
                                            source: config.denyMACList.map { "\($0.resolvedPath):\(entry.line)" } ?? config.file))
        } else {
            why = "none of its MACs is on the accept list (macaddr_acl=1 refuses it)"
            whyJA = "どの MAC アドレスも許可リストにありません（macaddr_acl=1 では接続が拒否されます）"
            evidence.append(FindingEvidence(fact: "\(target.label): " + listEvidence(config.acceptMACList, directive: "accept_mac_file", config: config)
                                                + ", none of \(macs)",
                                            source: config.acceptMACList?.resolvedPath ?? config.file))
        }
        evidence.append(FindingEvidence(fact: "the profile requires the MAC filter to admit exactly the ledger's wireless-authorised devices",
                                        source: rule.origin.description))
        return rule.finding(
            subject: Subject(kind: .network, mac: asset.macAddresses.first?.description,
                             endpoint: target.subject.endpoint,
                             assetID: asset.assetID.isEmpty ? nil : asset.assetID),
            identity: target.identity + ["acl-missing"] + AuditIdentity.asset(asset),
            message: LocalizedText(
                en: "\(asset.label) is wireless-authorised in the ledger, but the MAC filter of \(target.label) does not admit it: \(why).",
                ja: "\(asset.label) は台帳で無線 LAN 接続を認可されていますが、\(target.labelJA)の MAC アドレスフィルタが接続を許可していません（\(whyJA)）。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Add the device's wireless MAC to the accept list (and take it off the deny list), or set wireless_authorized to no "
                    + "in the ledger if it should no longer connect.",
                ja: "機器の無線 MAC アドレスを許可リストに追加（拒否リストからは削除）するか、今後接続させない場合は台帳の wireless_authorized を no にしてください。"))
    }
}

extension MACACLMismatchRule {
    /// A ledger with `wireless_authorized`: PC-001 authorised (wired and wireless MACs), PC-002 not,
    /// PC-003 authorised but retired.
    public static let exampleLedger = """
        asset_id,node_name,mac_addresses,status,wireless_authorized
        PC-001,sato-pc,00:1b:21:00:00:01;a4:5e:60:00:00:01,in_service,yes
        PC-002,suzuki-pc,00:1b:21:00:00:02,in_service,no
        PC-003,old-pc,a4:5e:60:00:00:03,retired,yes

        """

    public static func exampleConfig(accept: [String]?, deny: [String]? = nil, acl: Int = 1) -> Snapshot {
        AuditExample.wireless(configs: [AuditExample.apConfig { c in
            c.macaddrACL = acl
            c.acceptMACFile = accept != nil
            c.acceptMACList = accept.map { macs in
                MACACL(path: "hostapd.accept", resolvedPath: "hostapd.accept", line: 12,
                       entries: macs.enumerated().map { MACACLEntry(mac: $0.element, vlan: nil, line: $0.offset + 3) })
            }
            c.denyMACFile = deny != nil
            c.denyMACList = deny.map { macs in
                MACACL(path: "hostapd.deny", resolvedPath: "hostapd.deny", line: 13,
                       entries: macs.enumerated().map { MACACLEntry(mac: $0.element, vlan: nil, line: $0.offset + 1) })
            }
        }])
    }

    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("the accept list admits a MAC no ledger row lists",
                         snapshot: exampleConfig(accept: ["a4:5e:60:00:00:01", "00:0c:29:99:99:99"]), ledger: exampleLedger),
            AuditExample("the accept list admits a row that is not authorised, and a retired one",
                         snapshot: exampleConfig(accept: ["a4:5e:60:00:00:01", "00:1b:21:00:00:02", "a4:5e:60:00:00:03"]),
                         ledger: exampleLedger).expecting(2),
            AuditExample("an authorised device is missing from the accept list",
                         snapshot: exampleConfig(accept: []), ledger: exampleLedger),
            AuditExample("macaddr_acl=1 without an accept_mac_file refuses every authorised device",
                         snapshot: exampleConfig(accept: nil), ledger: exampleLedger),
            AuditExample("an authorised device is on the deny list of a default (accept unless denied) configuration",
                         snapshot: exampleConfig(accept: nil, deny: ["a4:5e:60:00:00:01", "00:1b:21:00:00:01"], acl: 0), ledger: exampleLedger),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("the accept list admits exactly the authorised device (one of its two MACs)",
                         snapshot: exampleConfig(accept: ["a4:5e:60:00:00:01"]), ledger: exampleLedger).expecting(0),
            AuditExample("flag_extra_entries off",
                         snapshot: exampleConfig(accept: ["a4:5e:60:00:00:01", "00:0c:29:99:99:99"]), ledger: exampleLedger,
                         params: "{flag_extra_entries: false}").expecting(0),
            AuditExample("no MAC filter in force: wireless.mac_auth_missing's business",
                         snapshot: exampleConfig(accept: ["00:0c:29:99:99:99"], acl: 0), ledger: exampleLedger).expecting(0),
            AuditExample("on the accept list as well as the deny list: hostapd checks the accept list first",
                         snapshot: exampleConfig(accept: ["a4:5e:60:00:00:01"], deny: ["a4:5e:60:00:00:01"]), ledger: exampleLedger).expecting(0),
        ]
    }
}
