/// Wireless facts: BSSs and clients seen in 802.11 management frames, and AP configurations
/// (hostapd.conf) read from files. Documented in docs/wireless-json.md; part of the versioned
/// snapshot contract (`Snapshot.wireless`). A pre-shared key is never stored here: only its
/// length and character classes.

public struct WirelessSnapshot: Codable, Sendable, Equatable {
    /// One entry per BSSID, sorted by BSSID.
    public var bsses: [WirelessBSS]
    /// One entry per station that sent a (re)association request, sorted by MAC.
    public var clients: [WirelessClient]
    /// hostapd.conf files (one entry per BSS section), in the order given.
    public var apConfigs: [APConfig]
    /// Probe requests with an empty (wildcard, "ANY") SSID seen in the captures.
    public var wildcardProbeRequests: Int
    /// Damaged elements and frames: reported, never fatal.
    public var malformed: [WirelessMalformed]

    public init(bsses: [WirelessBSS] = [], clients: [WirelessClient] = [], apConfigs: [APConfig] = [],
                wildcardProbeRequests: Int = 0, malformed: [WirelessMalformed] = []) {
        self.bsses = bsses; self.clients = clients; self.apConfigs = apConfigs
        self.wildcardProbeRequests = wildcardProbeRequests; self.malformed = malformed
    }

    enum CodingKeys: String, CodingKey {
        case bsses, clients, apConfigs = "ap_configs", wildcardProbeRequests = "wildcard_probe_requests", malformed
    }
}

/// An RSN or WPA1 element as advertised: suites as `00-0F-AC:4` selectors plus readable names.
public struct WirelessRSN: Codable, Sendable, Equatable {
    public var version: Int?
    public var groupCipher: String?
    public var pairwiseCiphers: [String]
    public var akms: [String]
    /// Raw capability field (RSN only).
    public var capabilities: Int?
    public var mfpRequired: Bool
    public var mfpCapable: Bool
    public var groupManagementCipher: String?
    /// The element ended inside a field: what follows the damage is absent.
    public var truncated: Bool

    public init(version: Int?, groupCipher: String?, pairwiseCiphers: [String], akms: [String], capabilities: Int?,
                mfpRequired: Bool, mfpCapable: Bool, groupManagementCipher: String?, truncated: Bool) {
        self.version = version; self.groupCipher = groupCipher; self.pairwiseCiphers = pairwiseCiphers; self.akms = akms
        self.capabilities = capabilities; self.mfpRequired = mfpRequired; self.mfpCapable = mfpCapable
        self.groupManagementCipher = groupManagementCipher; self.truncated = truncated
    }

    enum CodingKeys: String, CodingKey {
        case version, groupCipher = "group_cipher", pairwiseCiphers = "pairwise_ciphers", akms, capabilities
        case mfpRequired = "mfp_required", mfpCapable = "mfp_capable", groupManagementCipher = "group_management_cipher", truncated
    }
}

public struct WirelessWPS: Codable, Sendable, Equatable {
    /// `unconfigured` (1), `configured` (2), or `unknown(N)`; nil when the element has no state.
    public var state: String?
    public var apSetupLocked: Bool?
    /// `1.0` (0x10), or `2.0` when the WFA Version2 subelement says 0x20.
    public var version: String?
    public var truncated: Bool
    public init(state: String?, apSetupLocked: Bool?, version: String?, truncated: Bool) {
        self.state = state; self.apSetupLocked = apSetupLocked; self.version = version; self.truncated = truncated
    }
    enum CodingKeys: String, CodingKey { case state, apSetupLocked = "ap_setup_locked", version, truncated }
}

public struct WirelessOWETransition: Codable, Sendable, Equatable {
    public var bssid: String
    public var ssid: String
    public var ssidHex: String
    public init(bssid: String, ssid: String, ssidHex: String) { self.bssid = bssid; self.ssid = ssid; self.ssidHex = ssidHex }
    enum CodingKeys: String, CodingKey { case bssid, ssid, ssidHex = "ssid_hex" }
}

public struct WirelessBSS: Codable, Sendable, Equatable {
    public var bssid: String
    /// SSID made safe to print (invalid UTF-8 and control bytes as `\xNN`); `ssid_hex` is exact.
    public var ssid: String
    public var ssidHex: String
    /// Beacons carry an empty or all-zero SSID (hostapd `ignore_broadcast_ssid=1/2`).
    public var hidden: Bool
    /// The real SSID when a hidden BSS revealed it in a probe response.
    public var revealedSSID: String?
    public var channel: Int?
    /// `2.4` or `5` from the channel number.
    public var band: String?
    public var meshID: String?
    public var privacy: Bool
    public var securityClass: String
    /// `required`, `capable`, `disabled`; nil without an RSN element.
    public var pmf: String?
    public var rsn: WirelessRSN?
    public var wpa: WirelessRSN?
    public var saeHashToElement: Bool?
    public var saePK: Bool?
    public var wps: WirelessWPS?
    public var oweTransition: WirelessOWETransition?
    /// Mobility Domain element present (802.11r fast transition).
    public var fastTransition: Bool
    /// Authentication algorithms seen in authentication frames to or from this BSS: open, shared_key, ft, sae, fils….
    public var authAlgorithms: [String]
    /// true: answered a wildcard probe request seen in the capture; false: wildcard probes were seen but
    /// none answered by this BSS (it may have been on another channel); nil: no wildcard probe was seen.
    public var answeredWildcardProbe: Bool?
    public var beacons: Int
    public var probeResponses: Int
    /// A later beacon or probe response advertised different security elements than the first.
    public var securityChanged: Bool
    public var firstSeen: Timestamp
    public var lastSeen: Timestamp
    public var evidence: Evidence

    public init(bssid: String, ssid: String, ssidHex: String, hidden: Bool, revealedSSID: String? = nil, channel: Int?,
                band: String?, meshID: String? = nil, privacy: Bool, securityClass: String, pmf: String?,
                rsn: WirelessRSN?, wpa: WirelessRSN?, saeHashToElement: Bool?, saePK: Bool?, wps: WirelessWPS?,
                oweTransition: WirelessOWETransition?, fastTransition: Bool, authAlgorithms: [String],
                answeredWildcardProbe: Bool?, beacons: Int, probeResponses: Int, securityChanged: Bool,
                firstSeen: Timestamp, lastSeen: Timestamp, evidence: Evidence) {
        self.bssid = bssid; self.ssid = ssid; self.ssidHex = ssidHex; self.hidden = hidden; self.revealedSSID = revealedSSID
        self.channel = channel; self.band = band; self.meshID = meshID; self.privacy = privacy
        self.securityClass = securityClass; self.pmf = pmf; self.rsn = rsn; self.wpa = wpa
        self.saeHashToElement = saeHashToElement; self.saePK = saePK; self.wps = wps; self.oweTransition = oweTransition
        self.fastTransition = fastTransition; self.authAlgorithms = authAlgorithms
        self.answeredWildcardProbe = answeredWildcardProbe; self.beacons = beacons; self.probeResponses = probeResponses
        self.securityChanged = securityChanged; self.firstSeen = firstSeen; self.lastSeen = lastSeen; self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case bssid, ssid, ssidHex = "ssid_hex", hidden, revealedSSID = "revealed_ssid", channel, band, meshID = "mesh_id"
        case privacy, securityClass = "security_class", pmf, rsn, wpa
        case saeHashToElement = "sae_hash_to_element", saePK = "sae_pk", wps, oweTransition = "owe_transition"
        case fastTransition = "fast_transition", authAlgorithms = "auth_algorithms"
        case answeredWildcardProbe = "answered_wildcard_probe", beacons, probeResponses = "probe_responses"
        case securityChanged = "security_changed", firstSeen = "first_seen", lastSeen = "last_seen", evidence
    }
}

public struct WirelessClient: Codable, Sendable, Equatable {
    public var mac: String
    /// The BSS of its last (re)association request.
    public var bssid: String
    public var ssid: String
    public var ssidHex: String
    /// The AKM it chose (RSN or WPA1 element of its (re)association request); nil for open/WEP.
    public var akm: String?
    public var pairwiseCipher: String?
    /// Locally administered MAC (U/L bit): a randomized / private address.
    public var randomized: Bool
    public var associationRequests: Int
    public var firstSeen: Timestamp
    public var lastSeen: Timestamp
    public var evidence: Evidence

    public init(mac: String, bssid: String, ssid: String, ssidHex: String, akm: String?, pairwiseCipher: String?,
                randomized: Bool, associationRequests: Int, firstSeen: Timestamp, lastSeen: Timestamp, evidence: Evidence) {
        self.mac = mac; self.bssid = bssid; self.ssid = ssid; self.ssidHex = ssidHex; self.akm = akm
        self.pairwiseCipher = pairwiseCipher; self.randomized = randomized; self.associationRequests = associationRequests
        self.firstSeen = firstSeen; self.lastSeen = lastSeen; self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case mac, bssid, ssid, ssidHex = "ssid_hex", akm, pairwiseCipher = "pairwise_cipher", randomized
        case associationRequests = "association_requests", firstSeen = "first_seen", lastSeen = "last_seen", evidence
    }
}

public struct WirelessMalformed: Codable, Sendable, Equatable {
    public var bssid: String?
    /// What was damaged: `elements`, `rsn`, `wpa`, `wps`, `fixed_fields`.
    public var element: String
    public var message: String
    public var evidence: Evidence
    public init(bssid: String?, element: String, message: String, evidence: Evidence) {
        self.bssid = bssid; self.element = element; self.message = message; self.evidence = evidence
    }
}

/// The scored facts of a pre-shared key. The key itself is never kept.
public struct PSKFacts: Codable, Sendable, Equatable {
    /// `wpa_passphrase`, `sae_password`, `wpa_psk` or `wpa_psk_file`.
    public var directive: String
    /// Characters (passphrases); nil when unscoreable.
    public var length: Int?
    public var hasUpper: Bool?
    public var hasLower: Bool?
    public var hasDigit: Bool?
    public var hasSymbol: Bool?
    public var characterClasses: Int?
    /// `scored`, `unscoreable_raw_key` (64-hex `wpa_psk`), `external_file`, `invalid`.
    public var status: String
    public var line: Int
    public init(directive: String, length: Int?, hasUpper: Bool?, hasLower: Bool?, hasDigit: Bool?, hasSymbol: Bool?,
                characterClasses: Int?, status: String, line: Int) {
        self.directive = directive; self.length = length; self.hasUpper = hasUpper; self.hasLower = hasLower
        self.hasDigit = hasDigit; self.hasSymbol = hasSymbol; self.characterClasses = characterClasses
        self.status = status; self.line = line
    }
    enum CodingKeys: String, CodingKey {
        case directive, length, hasUpper = "has_upper", hasLower = "has_lower", hasDigit = "has_digit"
        case hasSymbol = "has_symbol", characterClasses = "character_classes", status, line
    }
}

/// One BSS section of a hostapd.conf, as hostapd would apply it (defaults filled in and marked).
public struct APConfig: Codable, Sendable, Equatable {
    public var file: String
    /// `interface=` for the first section, `bss=` for the others.
    public var interface: String?
    public var ssid: String?
    /// `wpa=` bitmask: 1 WPA, 2 WPA2/RSN.
    public var wpa: Int
    public var keyManagement: [String]
    public var wpaPairwise: [String]
    /// rsn_pairwise as effective (defaults to wpa_pairwise, which defaults to TKIP).
    public var rsnPairwise: [String]
    public var rsnPairwiseSet: Bool
    /// RSN is enabled and its pairwise ciphers include TKIP (explicitly or by the missing-`rsn_pairwise` fallback).
    public var tkipFallback: Bool
    public var authAlgs: Int
    public var wepKeys: Int
    public var psks: [PSKFacts]
    public var ignoreBroadcastSSID: Int
    public var macaddrACL: Int
    public var acceptMACFile: Bool
    public var denyMACFile: Bool
    public var ieee80211w: Int
    public var saePWE: Int?
    public var transitionDisable: String?
    public var wpsState: Int
    public var apSetupLocked: Int?
    public var ieee8021x: Bool
    /// `accept_mac_file` as read (hostapd's MAC list format): present when the directive was given.
    public var acceptMACList: MACACL?
    /// `deny_mac_file` as read.
    public var denyMACList: MACACL?
    /// Directives that were not given, so hostapd's default applies.
    public var defaulted: [String]
    /// Lines that could not be read (`line N: …`); values are never echoed.
    public var warnings: [String]

    public init(file: String) {
        self.file = file; interface = nil; ssid = nil; wpa = 0; keyManagement = ["WPA-PSK"]; wpaPairwise = ["TKIP"]
        rsnPairwise = ["TKIP"]; rsnPairwiseSet = false; tkipFallback = false; authAlgs = 3; wepKeys = 0; psks = []
        ignoreBroadcastSSID = 0; macaddrACL = 0; acceptMACFile = false; denyMACFile = false; ieee80211w = 0
        saePWE = nil; transitionDisable = nil; wpsState = 0; apSetupLocked = nil; ieee8021x = false
        acceptMACList = nil; denyMACList = nil; defaulted = []; warnings = []
    }

    enum CodingKeys: String, CodingKey {
        case file, interface, ssid, wpa, keyManagement = "wpa_key_mgmt", wpaPairwise = "wpa_pairwise"
        case rsnPairwise = "rsn_pairwise", rsnPairwiseSet = "rsn_pairwise_set", tkipFallback = "tkip_fallback"
        case authAlgs = "auth_algs", wepKeys = "wep_keys", psks, ignoreBroadcastSSID = "ignore_broadcast_ssid"
        case macaddrACL = "macaddr_acl", acceptMACFile = "accept_mac_file", denyMACFile = "deny_mac_file"
        case ieee80211w, saePWE = "sae_pwe", transitionDisable = "transition_disable", wpsState = "wps_state"
        case apSetupLocked = "ap_setup_locked", ieee8021x, defaulted, warnings
        case acceptMACList = "accept_mac_list", denyMACList = "deny_mac_list"
    }
}

/// A hostapd MAC list file (`accept_mac_file` / `deny_mac_file`): the effective entries after
/// `-MAC` removal lines, in file order. MAC addresses are not secrets; the file is read relative
/// to the configuration's directory when the path is relative.
public struct MACACL: Codable, Sendable, Equatable {
    /// The path as written in the configuration.
    public var path: String
    /// The path read (the configuration's directory prepended to a relative path).
    public var resolvedPath: String
    /// The configuration line of the directive.
    public var line: Int
    public var entries: [MACACLEntry]
    /// `-MAC` lines that removed an earlier entry (or one that was not there).
    public var removals: Int

    public init(path: String, resolvedPath: String, line: Int, entries: [MACACLEntry] = [], removals: Int = 0) {
        self.path = path; self.resolvedPath = resolvedPath; self.line = line; self.entries = entries; self.removals = removals
    }

    enum CodingKeys: String, CodingKey { case path, resolvedPath = "resolved_path", line, entries, removals }
}

/// One MAC of a hostapd MAC list, with the VLAN text after it (dynamic VLANs) and its line.
public struct MACACLEntry: Codable, Sendable, Equatable {
    public var mac: String
    public var vlan: String?
    public var line: Int
    public init(mac: String, vlan: String?, line: Int) { self.mac = mac; self.vlan = vlan; self.line = line }
}
