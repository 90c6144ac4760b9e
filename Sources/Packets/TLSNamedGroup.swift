/// TLS supported groups (IANA "TLS Supported Groups", RFC 8422 / RFC 7919 / RFC 8446 §4.2.7):
/// names, sizes and kinds of the key-exchange groups a server may accept.
///
/// The prober offers one group at a time to learn which ones the server accepts; the snapshot
/// reports them as `TLSGroup(name, kind, bits)`. Names follow the IANA registry
/// (`secp256r1`, `x25519`, `brainpoolP256r1`, `ffdhe2048`).
public enum TLSNamedGroup {
    struct Entry {
        let code: UInt16
        let name: String
        let bits: Int
        let kind: String
    }

    static let table: [Entry] = [
        Entry(code: 1, name: "sect163k1", bits: 163, kind: "ecdhe"),
        Entry(code: 2, name: "sect163r1", bits: 163, kind: "ecdhe"),
        Entry(code: 3, name: "sect163r2", bits: 163, kind: "ecdhe"),
        Entry(code: 4, name: "sect193r1", bits: 193, kind: "ecdhe"),
        Entry(code: 5, name: "sect193r2", bits: 193, kind: "ecdhe"),
        Entry(code: 6, name: "sect233k1", bits: 233, kind: "ecdhe"),
        Entry(code: 7, name: "sect233r1", bits: 233, kind: "ecdhe"),
        Entry(code: 8, name: "sect239k1", bits: 239, kind: "ecdhe"),
        Entry(code: 9, name: "sect283k1", bits: 283, kind: "ecdhe"),
        Entry(code: 10, name: "sect283r1", bits: 283, kind: "ecdhe"),
        Entry(code: 11, name: "sect409k1", bits: 409, kind: "ecdhe"),
        Entry(code: 12, name: "sect409r1", bits: 409, kind: "ecdhe"),
        Entry(code: 13, name: "sect571k1", bits: 571, kind: "ecdhe"),
        Entry(code: 14, name: "sect571r1", bits: 571, kind: "ecdhe"),
        Entry(code: 15, name: "secp160k1", bits: 160, kind: "ecdhe"),
        Entry(code: 16, name: "secp160r1", bits: 160, kind: "ecdhe"),
        Entry(code: 17, name: "secp160r2", bits: 160, kind: "ecdhe"),
        Entry(code: 18, name: "secp192k1", bits: 192, kind: "ecdhe"),
        Entry(code: 19, name: "secp192r1", bits: 192, kind: "ecdhe"),
        Entry(code: 20, name: "secp224k1", bits: 224, kind: "ecdhe"),
        Entry(code: 21, name: "secp224r1", bits: 224, kind: "ecdhe"),
        Entry(code: 22, name: "secp256k1", bits: 256, kind: "ecdhe"),
        Entry(code: 23, name: "secp256r1", bits: 256, kind: "ecdhe"),
        Entry(code: 24, name: "secp384r1", bits: 384, kind: "ecdhe"),
        Entry(code: 25, name: "secp521r1", bits: 521, kind: "ecdhe"),
        Entry(code: 26, name: "brainpoolP256r1", bits: 256, kind: "ecdhe"),
        Entry(code: 27, name: "brainpoolP384r1", bits: 384, kind: "ecdhe"),
        Entry(code: 28, name: "brainpoolP512r1", bits: 512, kind: "ecdhe"),
        Entry(code: 29, name: "x25519", bits: 253, kind: "ecdhe"),
        Entry(code: 30, name: "x448", bits: 448, kind: "ecdhe"),
        Entry(code: 31, name: "brainpoolP256r1tls13", bits: 256, kind: "ecdhe"),
        Entry(code: 32, name: "brainpoolP384r1tls13", bits: 384, kind: "ecdhe"),
        Entry(code: 33, name: "brainpoolP512r1tls13", bits: 512, kind: "ecdhe"),
        Entry(code: 256, name: "ffdhe2048", bits: 2048, kind: "ffdhe"),
        Entry(code: 257, name: "ffdhe3072", bits: 3072, kind: "ffdhe"),
        Entry(code: 258, name: "ffdhe4096", bits: 4096, kind: "ffdhe"),
        Entry(code: 259, name: "ffdhe6144", bits: 6144, kind: "ffdhe"),
        Entry(code: 260, name: "ffdhe8192", bits: 8192, kind: "ffdhe"),
    ]

    static func entry(_ code: UInt16) -> Entry? {
        if code >= 1 && code <= 33 { return table[Int(code) - 1] }
        if code >= 256 && code <= 260 { return table[33 + Int(code) - 256] }
        return nil
    }

    /// IANA name, or nil for an unknown code.
    public static func name(_ code: UInt16) -> String? { entry(code)?.name }
    /// Curve or prime size in bits (x25519 counts as 253, as OpenSSL reports it).
    public static func bits(_ code: UInt16) -> Int? { entry(code)?.bits }
    /// `ecdhe` or `ffdhe`.
    public static func kind(_ code: UInt16) -> String? { entry(code)?.kind }

    public static let x25519: UInt16 = 29, x448: UInt16 = 30
    public static let secp256r1: UInt16 = 23, secp384r1: UInt16 = 24, secp521r1: UInt16 = 25
    public static let ffdhe2048: UInt16 = 256

    /// Every group worth offering one at a time: x25519, x448, the NIST prime curves, the small
    /// and binary SEC curves old servers still take, brainpool (TLS ≤ 1.2 and 1.3 code points),
    /// and the RFC 7919 FFDHE groups.
    public static let probeable: [UInt16] = [29, 30, 23, 24, 25] + Array(1...22) + Array(26...28) + Array(31...33) + Array(256...260)

    /// True for elliptic-curve groups (which make the ClientHello carry ec_point_formats).
    public static func isEC(_ code: UInt16) -> Bool { code >= 1 && code < 256 }
}
