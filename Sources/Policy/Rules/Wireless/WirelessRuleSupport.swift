import NetAddress
import Snapshot

/// What the `wireless.*` rules share: which observed BSSs belong to the organisation, how a BSS or
/// an access-point configuration is named, fingerprinted and evidenced, and how advertised AKMs
/// and ciphers map onto the profile's vocabulary (`RuleCatalog.WirelessAuth`, `WirelessCipher`).
///
/// Two kinds of wireless subject:
/// - an observed BSS (`netaudit audit --pcap` with 802.11 frames): `Subject(kind: .bss, bssid:)`,
///   judged only when its SSID (or the SSID a hidden BSS revealed) or its BSSID is one of the
///   organisation SSIDs the profile's `scope.ssids` / `wireless_scope` select;
/// - an access-point configuration (`--hostapd-conf FILE`): `Subject(kind: .network,
///   endpoint: "FILE[IFACE]")`, always judged (the auditor was handed the organisation's own file).
///   `IFACE` is the section's `interface=`/`bss=`, else `ssid=…`, else `section N`.
///
/// A pre-shared key never reaches a rule: `PSKFacts` holds only its length and character classes.
enum WirelessTarget {
    case bss(WirelessBSS)
    case config(APConfig, index: Int)

    var subject: Subject {
        switch self {
        case .bss(let bss): Subject(kind: .bss, bssid: bss.bssid)
        case .config(let config, let index): Subject(kind: .network, endpoint: WirelessTarget.endpoint(config, index: index))
        }
    }

    static func endpoint(_ config: APConfig, index: Int) -> String {
        let section = config.interface.map { $0 } ?? config.ssid.map { "ssid=\($0)" } ?? "section \(index + 1)"
        return "\(config.file)[\(section)]"
    }

    /// The BSSID, or the configuration file and section: never an address or a key.
    var identity: [String] {
        switch self {
        case .bss(let bss): ["bssid=\(bss.bssid)"]
        case .config(let config, let index): ["ap-config=\(config.file)", "section=\(config.interface ?? config.ssid ?? String(index))"]
        }
    }

    /// `BSS 00:11:22:33:44:55 (SSID "CORP")` / `access point hostapd.conf[wlan0] (SSID "CORP")`.
    var label: String {
        switch self {
        case .bss(let bss): "BSS \(bss.bssid) (SSID \"\(bss.displaySSID)\")"
        case .config(let config, let index):
            "access point \(WirelessTarget.endpoint(config, index: index))" + (config.ssid.map { " (SSID \"\($0)\")" } ?? "")
        }
    }

    var labelJA: String {
        switch self {
        case .bss(let bss): "BSS \(bss.bssid)（SSID「\(bss.displaySSID)」）"
        case .config(let config, let index):
            "アクセスポイント設定 \(WirelessTarget.endpoint(config, index: index))" + (config.ssid.map { "（SSID「\($0)」）" } ?? "")
        }
    }

    /// Where the fact comes from: the first beacon/probe response of the BSS, or the configuration file.
    func evidence(_ fact: String, _ context: AuditContext) -> FindingEvidence {
        switch self {
        case .bss(let bss): context.observed("\(label): \(fact)", at: bss.firstSeen, evidence: bss.evidence)
        case .config(let config, _): FindingEvidence(fact: "\(label): \(fact)", source: config.file)
        }
    }
}

extension WirelessBSS {
    /// The SSID as broadcast, or the one a hidden BSS revealed.
    var displaySSID: String { hidden ? (revealedSSID ?? ssid) : ssid }
}

extension AuditContext {
    /// The observed BSSs of the organisation SSIDs the profile judges (by SSID or by declared BSSID).
    var organisationBSSs: [WirelessBSS] {
        guard let wireless = snapshot.wireless else { return [] }
        let judged = profile.scope.judgedSSIDs
        guard !judged.isEmpty else { return [] }
        let names = Set(judged.map(\.name.value))
        let bssids = Set(judged.flatMap(\.bssids).map(\.value))
        return wireless.bsses.filter { bss in
            names.contains(bss.ssid) || bss.revealedSSID.map(names.contains) == true
                || MACAddress(bss.bssid).map(bssids.contains) == true
        }
    }

    /// Every organisation BSS, then every access-point configuration section.
    var wirelessTargets: [WirelessTarget] {
        organisationBSSs.map { .bss($0) } + apConfigTargets
    }

    var apConfigTargets: [WirelessTarget] {
        (snapshot.wireless?.apConfigs ?? []).enumerated().map { .config($0.element, index: $0.offset) }
    }
}

/// Advertised and configured security mapped onto the profile's names.
enum WirelessVocabulary {
    typealias Auth = RuleCatalog.WirelessAuth
    typealias Cipher = RuleCatalog.WirelessCipher

    /// An authentication method: a catalog method, or an AKM the catalog has no name for.
    enum Method: Hashable {
        case known(Auth)
        case other(String)
        var name: String {
            switch self {
            case .known(let auth): auth.rawValue
            case .other(let raw): raw
            }
        }
    }

    /// The methods a BSS advertises: its class for open/WEP, else every AKM of its WPA1 and RSN elements.
    static func methods(_ bss: WirelessBSS) -> [Method] {
        switch bss.securityClass {
        case "open": return [.known(.open)]
        case "wep": return [.known(.wep)]
        default: break
        }
        var result: [Method] = []
        for akm in bss.wpa?.akms ?? [] {
            switch akm {
            case "PSK": result.append(.known(.wpaPSK))
            case "802.1X": result.append(.known(.wpaEnterprise))
            default: result.append(.other("WPA1 \(akm)"))
            }
        }
        let mfpRequired = bss.rsn?.mfpRequired ?? false
        for akm in bss.rsn?.akms ?? [] {
            switch akm {
            case "PSK", "PSK-SHA256", "FT-PSK", "PSK-SHA384", "FT-PSK-SHA384": result.append(.known(.wpa2PSK))
            case "SAE", "FT-SAE", "SAE-EXT-KEY", "FT-SAE-EXT-KEY": result.append(.known(.wpa3SAE))
            case "802.1X", "FT-802.1X": result.append(.known(.wpa2Enterprise))
            case "802.1X-SHA256", "802.1X-SUITE-B": result.append(.known(mfpRequired ? .wpa3Enterprise : .wpa2Enterprise))
            case "802.1X-SUITE-B-192", "FT-802.1X-SHA384": result.append(.known(.wpa3Enterprise192))
            case "OWE": result.append(.known(.owe))
            default: result.append(.other(akm))
            }
        }
        if result.isEmpty, bss.rsn != nil || bss.wpa != nil { result.append(.other("no AKM")) }
        return unique(result)
    }

    /// The methods a hostapd section enables: open or WEP without `wpa`, else each `wpa_key_mgmt` under WPA1 and/or RSN.
    static func methods(_ config: APConfig) -> [Method] {
        guard config.wpa & 3 != 0 else {
            // Static WEP keys, or dynamic WEP (IEEE 802.1X without WPA).
            return [.known(config.wepKeys > 0 || config.ieee8021x ? .wep : .open)]
        }
        var result: [Method] = []
        let pmfRequired = config.ieee80211w == 2
        for mgmt in config.keyManagement {
            if config.wpa & 1 != 0 {
                switch mgmt {
                case "WPA-PSK": result.append(.known(.wpaPSK))
                case "WPA-EAP": result.append(.known(.wpaEnterprise))
                default: break
                }
            }
            if config.wpa & 2 != 0 {
                switch mgmt {
                case "WPA-PSK", "WPA-PSK-SHA256", "FT-PSK": result.append(.known(.wpa2PSK))
                case "SAE", "FT-SAE", "SAE-EXT-KEY", "FT-SAE-EXT-KEY": result.append(.known(.wpa3SAE))
                case "WPA-EAP", "FT-EAP": result.append(.known(.wpa2Enterprise))
                case "WPA-EAP-SHA256", "WPA-EAP-SUITE-B": result.append(.known(pmfRequired ? .wpa3Enterprise : .wpa2Enterprise))
                case "WPA-EAP-SUITE-B-192", "FT-EAP-SHA384": result.append(.known(.wpa3Enterprise192))
                case "OWE": result.append(.known(.owe))
                default: result.append(.other(mgmt))
                }
            }
        }
        return unique(result)
    }

    /// A cipher name as the snapshot writes it (`CCMP-128`) or as hostapd does (`CCMP`), in catalog terms.
    static func cipher(_ name: String) -> Cipher? {
        switch name.uppercased() {
        case "WEP-40", "WEP40": .wep40
        case "WEP-104", "WEP104": .wep104
        case "TKIP": .tkip
        case "CCMP-128", "CCMP": .ccmp128
        case "GCMP-128", "GCMP": .gcmp128
        case "CCMP-256": .ccmp256
        case "GCMP-256": .gcmp256
        default: nil
        }
    }

    static func unique<T: Hashable>(_ items: [T]) -> [T] {
        var seen = Set<T>()
        return items.filter { seen.insert($0).inserted }
    }
}

// MARK: Example building blocks

extension AuditExample {
    /// The organisation SSID the wireless examples declare under `scope.ssids`.
    public static let corpScope = ["ssids: [{name: CORP, bssids: [\"00:11:22:33:44:55\"]}]"]

    /// An RSN element.
    public static func rsn(group: String = "CCMP-128", pairwise: [String] = ["CCMP-128"], akms: [String] = ["PSK"],
                    pmf: String? = nil) -> WirelessRSN {
        WirelessRSN(version: 1, groupCipher: group, pairwiseCiphers: pairwise, akms: akms, capabilities: 0,
                    mfpRequired: pmf == "required", mfpCapable: pmf == "required" || pmf == "capable",
                    groupManagementCipher: nil, truncated: false)
    }

    /// A BSS seen in `example.pcap` (beacon at packet `packet`).
    public static func bss(_ bssid: String, ssid: String = "CORP", securityClass: String = "wpa2-personal", rsn: WirelessRSN? = rsn(),
                    wpa: WirelessRSN? = nil, hidden: Bool = false, revealedSSID: String? = nil, wps: WirelessWPS? = nil,
                    answeredWildcardProbe: Bool? = nil, packet: Int = 1) -> WirelessBSS {
        let pmf: String? = rsn.map { $0.mfpRequired ? "required" : $0.mfpCapable ? "capable" : "disabled" }
        return WirelessBSS(bssid: bssid, ssid: hidden ? "" : ssid, ssidHex: "", hidden: hidden, revealedSSID: revealedSSID, channel: 6,
                           band: "2.4", privacy: securityClass != "open", securityClass: securityClass, pmf: pmf, rsn: rsn, wpa: wpa,
                           saeHashToElement: nil, saePK: nil, wps: wps, oweTransition: nil, fastTransition: false, authAlgorithms: [],
                           answeredWildcardProbe: answeredWildcardProbe, beacons: 10, probeResponses: 1, securityChanged: false,
                           firstSeen: captureStart, lastSeen: Timestamp(seconds: captureStart.seconds + 600),
                           evidence: Evidence(protocol: "802.11-beacon", source: 0, packet: packet))
    }

    /// A hostapd.conf section with WPA2-PSK/CCMP, MAC ACL, PMF required, hidden SSID and WPS off, changed by `change`.
    public static func apConfig(_ file: String = "hostapd.conf", interface: String = "wlan0", ssid: String = "CORP",
                         _ change: (inout APConfig) -> Void = { _ in }) -> APConfig {
        var config = APConfig(file: file)
        config.interface = interface; config.ssid = ssid; config.wpa = 2; config.keyManagement = ["WPA-PSK"]
        config.wpaPairwise = ["CCMP"]; config.rsnPairwise = ["CCMP"]; config.rsnPairwiseSet = true
        config.authAlgs = 1; config.ignoreBroadcastSSID = 1; config.macaddrACL = 1; config.acceptMACFile = true
        config.ieee80211w = 2
        config.psks = [PSKFacts(directive: "wpa_passphrase", length: 16, hasUpper: true, hasLower: true, hasDigit: true,
                                hasSymbol: true, characterClasses: 4, status: "scored", line: 9)]
        change(&config)
        return config
    }

    /// A snapshot with only wireless facts.
    public static func wireless(_ bsses: [WirelessBSS] = [], configs: [APConfig] = [], wildcardProbes: Int = 0) -> Snapshot {
        var snapshot = network([])
        snapshot.wireless = WirelessSnapshot(bsses: bsses, apConfigs: configs, wildcardProbeRequests: wildcardProbes)
        return snapshot
    }
}

extension ResolvedRule {
    /// A finding about `target`: one evidence line per fact, then where the profile's setting comes from.
    func wirelessFinding(_ target: WirelessTarget, _ context: AuditContext, facts: [String], setting: String? = nil,
                         settingFact: String, extraIdentity: [String] = [], message: LocalizedText, remediation: LocalizedText) -> Finding {
        var evidence = facts.map { target.evidence($0, context) }
        let origin = setting.flatMap { parameter($0)?.origin } ?? self.origin
        evidence.append(FindingEvidence(fact: settingFact, source: origin.description))
        return finding(subject: target.subject, identity: target.identity + extraIdentity, message: message,
                       evidence: evidence, remediation: remediation)
    }
}
