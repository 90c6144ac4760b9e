/// Closed vocabularies that rule parameters draw their values from. Profiles spell them with the
/// raw values below (snake_case or the usual industry spelling); the linter rejects anything else.
extension RuleCatalog {
    /// SSL/TLS protocol versions, ordered oldest first so `<` means "older than".
    public enum TLSVersion: String, Sendable, CaseIterable, Comparable, Codable {
        case ssl2 = "ssl2"
        case ssl3 = "ssl3"
        case tls10 = "tls1.0"
        case tls11 = "tls1.1"
        case tls12 = "tls1.2"
        case tls13 = "tls1.3"

        private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        public static func < (a: TLSVersion, b: TLSVersion) -> Bool { a.order < b.order }
    }

    /// Classes of TLS cipher suites a profile can forbid. A suite belongs to every class that
    /// describes it (e.g. `TLS_RSA_WITH_3DES_EDE_CBC_SHA` is `3des`, `cbc` and `no_forward_secrecy`).
    public enum CipherClass: String, Sendable, CaseIterable, Codable {
        /// No encryption at all (`*_WITH_NULL_*`).
        case nullCipher = "null"
        /// No server authentication (`*_anon_*`).
        case anonymous = "anon"
        /// 1990s export-grade suites (40/56-bit).
        case export = "export"
        case rc4 = "rc4"
        case des = "des"
        case tripleDES = "3des"
        /// Block ciphers in CBC mode (TLS ≤ 1.2); AEAD suites (GCM, CCM, ChaCha20-Poly1305) are not CBC.
        case cbc = "cbc"
        /// Static RSA or static (EC)DH key exchange: recorded traffic can be decrypted once the key leaks.
        case noForwardSecrecy = "no_forward_secrecy"
    }

    /// Hash algorithms in certificate signatures.
    public enum SignatureHash: String, Sendable, CaseIterable, Codable {
        case md2, md4, md5, sha1, sha224, sha256, sha384, sha512
    }

    /// Wi-Fi authentication and key management (the AKM of a BSS, plus the pre-RSN methods).
    public enum WirelessAuth: String, Sendable, CaseIterable, Codable {
        case open = "open"
        /// Opportunistic Wireless Encryption ("Wi-Fi Enhanced Open"): encrypted, unauthenticated.
        case owe = "owe"
        case wep = "wep"
        /// WPA (version 1) with a pre-shared key.
        case wpaPSK = "wpa-psk"
        case wpaEnterprise = "wpa-enterprise"
        /// WPA2-Personal (AKM 00-0F-AC:2, or :6 with SHA-256).
        case wpa2PSK = "wpa2-psk"
        /// WPA2-Enterprise: IEEE 802.1X with a per-user or per-device credential (AKM 00-0F-AC:1).
        case wpa2Enterprise = "wpa2-enterprise"
        /// WPA3-Personal: Simultaneous Authentication of Equals (AKM 00-0F-AC:8).
        case wpa3SAE = "wpa3-sae"
        /// WPA3-Enterprise: 802.1X with PMF required (AKM 00-0F-AC:5).
        case wpa3Enterprise = "wpa3-enterprise"
        /// WPA3-Enterprise 192-bit mode (AKM 00-0F-AC:12).
        case wpa3Enterprise192 = "wpa3-enterprise-192"

        /// True where every person or device authenticates with a credential of its own (802.1X),
        /// as opposed to one key shared by everyone who may connect.
        public var identifiesEachUser: Bool {
            switch self {
            case .wpaEnterprise, .wpa2Enterprise, .wpa3Enterprise, .wpa3Enterprise192: true
            case .open, .owe, .wep, .wpaPSK, .wpa2PSK, .wpa3SAE: false
            }
        }

        /// The pairwise ciphers this method can actually run with.
        public var compatibleCiphers: Set<WirelessCipher> {
            switch self {
            case .open, .owe: Set(WirelessCipher.allCases)
            case .wep: [.wep40, .wep104]
            case .wpaPSK, .wpaEnterprise: [.tkip, .ccmp128]
            case .wpa2PSK, .wpa2Enterprise: [.tkip, .ccmp128, .gcmp128, .ccmp256, .gcmp256]
            case .wpa3SAE, .wpa3Enterprise: [.ccmp128, .gcmp128, .ccmp256, .gcmp256]
            case .wpa3Enterprise192: [.gcmp256]
            }
        }
    }

    /// Wi-Fi data ciphers (RSN cipher suite selectors 00-0F-AC:1…10).
    public enum WirelessCipher: String, Sendable, CaseIterable, Codable {
        case wep40 = "wep40"
        case wep104 = "wep104"
        case tkip = "tkip"
        /// CCMP-128, what policy documents call "AES" for WPA2.
        case ccmp128 = "ccmp128"
        case gcmp128 = "gcmp128"
        case ccmp256 = "ccmp256"
        case gcmp256 = "gcmp256"
    }

    /// Character classes a pre-shared key must contain.
    public enum CharacterClass: String, Sendable, CaseIterable, Codable {
        case upper, lower, digit, symbol
        /// Any letter, upper or lower case (for policies that say only "alphanumeric").
        case alpha
    }

    /// How a ledger asset is recognised when its MAC address is not the key.
    public enum AlternateMatchKey: String, Sendable, CaseIterable, Codable {
        case ip
        case nodeName = "node_name"
    }

    /// The least protected-management-frame setting a BSS must advertise.
    public enum PMFMinimum: String, Sendable, CaseIterable, Codable {
        /// MFPC set: protection offered, clients may still connect without it.
        case capable
        /// MFPR set: every client must use it.
        case required
    }

    /// Which organisation SSIDs the wireless rules judge.
    public enum WirelessScope: String, Sendable, CaseIterable, Codable {
        /// Every SSID listed under `scope.ssids`.
        case organisationSSIDs = "organisation_ssids"
        /// Only SSIDs marked `confidential: true` (WLANs that reach systems handling 社外秘/極秘).
        case confidentialSSIDs = "confidential_ssids"
    }
}
