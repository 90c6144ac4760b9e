/// A TLS (or SSLv3) protocol version as it appears on the wire (`ProtocolVersion`, RFC 8446 §4.1.2).
///
/// SSLv2 has no such code (its records and hello messages are a different format) and is
/// handled by `SSLv2ClientHello` / `SSLv2ServerHello`; its display name is `SSLv2`.
public enum TLSProtocolVersion: UInt16, CaseIterable, Sendable, Comparable {
    case ssl3 = 0x0300, tls10 = 0x0301, tls11 = 0x0302, tls12 = 0x0303, tls13 = 0x0304

    /// The name used in the snapshot and reports: `SSLv3`, `TLSv1.0` … `TLSv1.3`.
    public var name: String {
        switch self {
        case .ssl3: "SSLv3"
        case .tls10: "TLSv1.0"
        case .tls11: "TLSv1.1"
        case .tls12: "TLSv1.2"
        case .tls13: "TLSv1.3"
        }
    }

    /// Display name for SSLv2, which has no `TLSProtocolVersion` code.
    public static let sslv2Name = "SSLv2"

    public static func < (a: TLSProtocolVersion, b: TLSProtocolVersion) -> Bool { a.rawValue < b.rawValue }

    /// The version named by a wire code, accepting the TLS 1.3 draft codes (0x7F0E…0x7F1C) as TLS 1.3.
    public init?(wire: UInt16) {
        if let v = TLSProtocolVersion(rawValue: wire) { self = v; return }
        if wire >> 8 == 0x7F { self = .tls13; return }
        return nil
    }
}
