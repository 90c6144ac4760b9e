/// Wireless observation: 802.11 management frames into BSS and client records, AP configurations (hostapd.conf).
import Packets
import Snapshot

public enum WirelessModule {}

/// Names for suite selectors and the security classification of a BSS. The classification
/// follows docs/wireless-json.md; it describes what is advertised, it does not judge it.
public enum WirelessNames {
    public static func cipher(_ s: SuiteSelector) -> String {
        if s.isIEEE {
            switch s.type {
            case 0: return "use-group"
            case 1: return "WEP-40"
            case 2: return "TKIP"
            case 4: return "CCMP-128"
            case 5: return "WEP-104"
            case 6: return "BIP-CMAC-128"
            case 7: return "group-not-allowed"
            case 8: return "GCMP-128"
            case 9: return "GCMP-256"
            case 10: return "CCMP-256"
            case 11: return "BIP-GMAC-128"
            case 12: return "BIP-GMAC-256"
            case 13: return "BIP-CMAC-256"
            default: return s.description
            }
        }
        if s.isWPA1 {
            switch s.type {
            case 0: return "use-group"
            case 1: return "WEP-40"
            case 2: return "TKIP"
            case 4: return "CCMP-128"
            case 5: return "WEP-104"
            default: return s.description
            }
        }
        return s.description
    }

    public static func akm(_ s: SuiteSelector) -> String {
        if s.isIEEE {
            switch s.type {
            case 1: return "802.1X"
            case 2: return "PSK"
            case 3: return "FT-802.1X"
            case 4: return "FT-PSK"
            case 5: return "802.1X-SHA256"
            case 6: return "PSK-SHA256"
            case 7: return "TDLS"
            case 8: return "SAE"
            case 9: return "FT-SAE"
            case 10: return "AP-PeerKey"
            case 11: return "802.1X-SUITE-B"
            case 12: return "802.1X-SUITE-B-192"
            case 13: return "FT-802.1X-SHA384"
            case 14: return "FILS-SHA256"
            case 15: return "FILS-SHA384"
            case 16: return "FT-FILS-SHA256"
            case 17: return "FT-FILS-SHA384"
            case 18: return "OWE"
            case 19: return "FT-PSK-SHA384"
            case 20: return "PSK-SHA384"
            case 24: return "SAE-EXT-KEY"
            case 25: return "FT-SAE-EXT-KEY"
            default: return s.description
            }
        }
        if s.isWPA1 {
            switch s.type {
            case 1: return "802.1X"
            case 2: return "PSK"
            default: return s.description
            }
        }
        return s.description
    }

    public static func authAlgorithm(_ n: Int) -> String {
        switch n {
        case 0: return "open"
        case 1: return "shared_key"
        case 2: return "ft"
        case 3: return "sae"
        case 4: return "fils_sk"
        case 5: return "fils_sk_pfs"
        case 6: return "fils_pk"
        default: return "alg_\(n)"
        }
    }

    public static let personalAKMs: Set<UInt8> = [2, 4, 6, 19, 20]
    public static let saeAKMs: Set<UInt8> = [8, 9, 24, 25]
    public static let enterpriseAKMs: Set<UInt8> = [1, 3, 5, 11, 13, 14, 15, 16, 17]
}

/// The security class of a BSS from its advertised elements.
public enum SecurityClass: String, Sendable, CaseIterable {
    case open
    case owe
    case wep
    case wpa
    case wpaWPA2Mixed = "wpa/wpa2-mixed"
    case wpa2Personal = "wpa2-personal"
    case wpa2Enterprise = "wpa2-enterprise"
    case wpa2WPA3Transition = "wpa2/wpa3-transition"
    case wpa3Personal = "wpa3-personal"
    case wpa3Enterprise = "wpa3-enterprise"
    case wpa3Enterprise192 = "wpa3-enterprise-192"
    case unknown

    /// - privacy: capability bit 4; rsn/wpa: the parsed elements (nil when absent).
    public static func classify(privacy: Bool, rsnGroup: SuiteSelector?, rsnPairwise: [SuiteSelector], rsnAKMs: [SuiteSelector],
                                hasRSN: Bool, mfpRequired: Bool, hasWPA1: Bool) -> SecurityClass {
        if !hasRSN {
            if hasWPA1 { return .wpa }
            return privacy ? .wep : .open
        }
        if hasWPA1 { return .wpaWPA2Mixed }
        if let g = rsnGroup, g.isIEEE, g.type == 2 { return .wpaWPA2Mixed }
        let types = Set(rsnAKMs.filter(\.isIEEE).map(\.type))
        if types.contains(18) { return .owe }
        if types.contains(12) { return .wpa3Enterprise192 }
        let sae = !types.isDisjoint(with: WirelessNames.saeAKMs)
        let psk = !types.isDisjoint(with: WirelessNames.personalAKMs)
        let eap = !types.isDisjoint(with: WirelessNames.enterpriseAKMs)
        if sae && psk { return .wpa2WPA3Transition }
        if sae { return .wpa3Personal }
        if psk { return .wpa2Personal }
        if eap {
            // WPA3-Enterprise (non-192): SHA-256 based 802.1X only, with PMF required.
            let legacy = types.contains(1) || types.contains(3)
            return (!legacy && mfpRequired) ? .wpa3Enterprise : .wpa2Enterprise
        }
        return .unknown
    }
}
