/// A pcap LINKTYPE_/DLT_ value: how to find the first header in a captured frame.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let null = LinkType(rawValue: 0)
    public static let ethernet = LinkType(rawValue: 1)
    public static let rawAlt12 = LinkType(rawValue: 12)
    public static let rawAlt14 = LinkType(rawValue: 14)
    public static let raw = LinkType(rawValue: 101)
    public static let ieee80211 = LinkType(rawValue: 105)
    public static let loop = LinkType(rawValue: 108)
    public static let linuxSLL = LinkType(rawValue: 113)
    public static let prism = LinkType(rawValue: 119)
    public static let radiotap = LinkType(rawValue: 127)
    public static let ipv4 = LinkType(rawValue: 228)
    public static let ipv6 = LinkType(rawValue: 229)
    public static let linuxSLL2 = LinkType(rawValue: 276)

    /// Link types whose frames netaudit can decode.
    public static let supported: [LinkType] = [
        .null, .ethernet, .rawAlt12, .rawAlt14, .raw, .ieee80211, .loop, .linuxSLL, .prism, .radiotap, .ipv4, .ipv6, .linuxSLL2,
    ]

    public var isSupported: Bool { LinkType.supported.contains(self) }

    /// libpcap's DLT name, for messages and the snapshot's `link_type`.
    public var name: String {
        switch rawValue {
        case 0: "NULL"
        case 1: "EN10MB"
        case 12, 14, 101: "RAW"
        case 105: "IEEE802_11"
        case 108: "LOOP"
        case 113: "LINUX_SLL"
        case 119: "PRISM_HEADER"
        case 127: "IEEE802_11_RADIO"
        case 228: "IPV4"
        case 229: "IPV6"
        case 276: "LINUX_SLL2"
        default: "DLT_\(rawValue)"
        }
    }

    public var description: String { "\(name) (\(rawValue))" }
}
