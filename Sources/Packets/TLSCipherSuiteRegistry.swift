/// Every TLS ≤ 1.2 cipher suite worth probing, with its properties spelled out, and the five
/// TLS 1.3 suites.
///
/// The prober offers these code points one group at a time and the snapshot carries each
/// accepted suite's properties (`Snapshot.TLSCipherSuite`), so rules never need a registry.
/// The table is the IANA TLS Cipher Suites registry as Wireshark 4.0 knows it (its
/// `tls.handshake.ciphersuite` value strings), plus the pre-IANA export-1024 suites
/// (0x0060–0x0065, 0x0066) and the draft ChaCha20 code points (0xCC13–0xCC15, named `…_OLD`
/// as OpenSSL does) that old servers still accept. Left out: the signalling values
/// (`TLS_EMPTY_RENEGOTIATION_INFO_SCSV` 0x00FF, `TLS_FALLBACK_SCSV` 0x5600), GREASE, GOST,
/// SM, Fortezza, ECJPAKE and vendor-private (Salsa20, Netscape FIPS) code points.
///
/// Vocabulary (as documented on `Snapshot.TLSCipherSuite`):
/// - keyExchange: `ECDHE`, `DHE`, `RSA` (static RSA; also `RSA_PSK` and RSA export), `DH`/`ECDH`
///   (static, or `anon` with a ServerKeyExchange), `PSK`, `SRP`, `KRB5`, `ECCPWD`, `NULL`, `TLS13`;
/// - authentication: `RSA`, `DSS`, `ECDSA`, `anon`, `PSK`, `SRP`, `KRB5`, `ECCPWD`, `NULL`, `TLS13`;
/// - bits: effective symmetric bits (3DES 112, DES 56, export 40/56, NULL 0);
/// - mode: `GCM`, `CCM`, `POLY1305`, `CBC`, `STREAM`, `NONE`; mac: `SHA`, `SHA256`, `SHA384`, `MD5`, `AEAD`, `NULL`.
public struct TLSCipherSuiteInfo: Sendable, Hashable {
    public let code: UInt16
    /// IANA name, `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`.
    public let name: String
    public let keyExchange: String
    public let authentication: String
    public let encryption: String
    public let bits: Int
    public let mode: String
    public let mac: String
    public let export: Bool
    /// Only meaningful in TLS 1.3 (0x1301–0x1305).
    public let tls13Only: Bool

    public init(code: UInt16, name: String, keyExchange: String, authentication: String, encryption: String,
                bits: Int, mode: String, mac: String, export: Bool = false, tls13Only: Bool = false) {
        self.code = code; self.name = name; self.keyExchange = keyExchange; self.authentication = authentication
        self.encryption = encryption; self.bits = bits; self.mode = mode; self.mac = mac; self.export = export
        self.tls13Only = tls13Only
    }

    /// `0xC02F`.
    public var codeString: String { TLSCipherSuiteRegistry.hex4(code) }

    /// The server sends a ServerKeyExchange carrying finite-field DH parameters (DHE, DH_anon, DHE_PSK).
    public var serverSendsDHParameters: Bool {
        keyExchange == "DHE" || (keyExchange == "DH" && authentication == "anon")
    }

    /// The server sends a ServerKeyExchange carrying an EC named curve (ECDHE, ECDH_anon, ECDHE_PSK).
    public var serverSendsECParameters: Bool {
        keyExchange == "ECDHE" || (keyExchange == "ECDH" && authentication == "anon")
    }
}

/// Lookup over the cipher suite table (see `TLSCipherSuiteInfo`).
public enum TLSCipherSuiteRegistry {
    /// The suite with this code point (TLS ≤ 1.2 or TLS 1.3), or nil when not in the table.
    public static func info(_ code: UInt16) -> TLSCipherSuiteInfo? {
        if code >> 8 == 0x13 {
            let i = Int(code & 0xFF) - 1
            return i >= 0 && i < tls13.count ? tls13[i] : nil
        }
        return byCode[code]
    }

    /// IANA name, or `UNKNOWN_0xNNNN`.
    public static func name(_ code: UInt16) -> String {
        info(code)?.name ?? "UNKNOWN_" + hex4(code)
    }

    /// `0x00FF`-style code string (uppercase hex digits).
    public static func hex4(_ code: UInt16) -> String {
        let digits: [Character] = Array("0123456789ABCDEF")
        var s = "0x"
        for shift in stride(from: 12, through: 0, by: -4) { s.append(digits[Int(code >> UInt16(shift) & 0xF)]) }
        return s
    }

    /// TLS 1.3 suites, 0x1301–0x1305 (RFC 8446 B.4).
    public static let tls13: [TLSCipherSuiteInfo] = [
        TLSCipherSuiteInfo(code: 0x1301, name: "TLS_AES_128_GCM_SHA256", keyExchange: "TLS13", authentication: "TLS13",
                           encryption: "AES_128_GCM", bits: 128, mode: "GCM", mac: "AEAD", tls13Only: true),
        TLSCipherSuiteInfo(code: 0x1302, name: "TLS_AES_256_GCM_SHA384", keyExchange: "TLS13", authentication: "TLS13",
                           encryption: "AES_256_GCM", bits: 256, mode: "GCM", mac: "AEAD", tls13Only: true),
        TLSCipherSuiteInfo(code: 0x1303, name: "TLS_CHACHA20_POLY1305_SHA256", keyExchange: "TLS13", authentication: "TLS13",
                           encryption: "CHACHA20_POLY1305", bits: 256, mode: "POLY1305", mac: "AEAD", tls13Only: true),
        TLSCipherSuiteInfo(code: 0x1304, name: "TLS_AES_128_CCM_SHA256", keyExchange: "TLS13", authentication: "TLS13",
                           encryption: "AES_128_CCM", bits: 128, mode: "CCM", mac: "AEAD", tls13Only: true),
        TLSCipherSuiteInfo(code: 0x1305, name: "TLS_AES_128_CCM_8_SHA256", keyExchange: "TLS13", authentication: "TLS13",
                           encryption: "AES_128_CCM_8", bits: 128, mode: "CCM", mac: "AEAD", tls13Only: true),
    ]

    static let byCode: [UInt16: TLSCipherSuiteInfo] = {
        var d: [UInt16: TLSCipherSuiteInfo] = [:]
        d.reserveCapacity(all.count)
        for s in all { d[s.code] = s }
        return d
    }()

    private static func S(_ code: UInt16, _ name: String, _ kx: String, _ au: String, _ enc: String, _ bits: Int,
                          _ mode: String, _ mac: String, export: Bool = false) -> TLSCipherSuiteInfo {
        TLSCipherSuiteInfo(code: code, name: name, keyExchange: kx, authentication: au, encryption: enc, bits: bits,
                           mode: mode, mac: mac, export: export)
    }

    /// Every TLS ≤ 1.2 suite, ascending by code.
    public static let all: [TLSCipherSuiteInfo] = [
        S(0x0000, "TLS_NULL_WITH_NULL_NULL", "NULL", "NULL", "NULL", 0, "NONE", "NULL"),
        S(0x0001, "TLS_RSA_WITH_NULL_MD5", "RSA", "RSA", "NULL", 0, "NONE", "MD5"),
        S(0x0002, "TLS_RSA_WITH_NULL_SHA", "RSA", "RSA", "NULL", 0, "NONE", "SHA"),
        S(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5", "RSA", "RSA", "RC4_40", 40, "STREAM", "MD5", export: true),
        S(0x0004, "TLS_RSA_WITH_RC4_128_MD5", "RSA", "RSA", "RC4_128", 128, "STREAM", "MD5"),
        S(0x0005, "TLS_RSA_WITH_RC4_128_SHA", "RSA", "RSA", "RC4_128", 128, "STREAM", "SHA"),
        S(0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", "RSA", "RSA", "RC2_CBC_40", 40, "CBC", "MD5", export: true),
        S(0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA", "RSA", "RSA", "IDEA_CBC", 128, "CBC", "SHA"),
        S(0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", "RSA", "RSA", "DES40_CBC", 40, "CBC", "SHA", export: true),
        S(0x0009, "TLS_RSA_WITH_DES_CBC_SHA", "RSA", "RSA", "DES_CBC", 56, "CBC", "SHA"),
        S(0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "RSA", "RSA", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0x000B, "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA", "DH", "DSS", "DES40_CBC", 40, "CBC", "SHA", export: true),
        S(0x000C, "TLS_DH_DSS_WITH_DES_CBC_SHA", "DH", "DSS", "DES_CBC", 56, "CBC", "SHA"),
        S(0x000D, "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA", "DH", "DSS", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0x000E, "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA", "DH", "RSA", "DES40_CBC", 40, "CBC", "SHA", export: true),
        S(0x000F, "TLS_DH_RSA_WITH_DES_CBC_SHA", "DH", "RSA", "DES_CBC", 56, "CBC", "SHA"),
        S(0x0010, "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA", "DH", "RSA", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", "DHE", "DSS", "DES40_CBC", 40, "CBC", "SHA", export: true),
        S(0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA", "DHE", "DSS", "DES_CBC", 56, "CBC", "SHA"),
        S(0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", "DHE", "DSS", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", "DHE", "RSA", "DES40_CBC", 40, "CBC", "SHA", export: true),
        S(0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA", "DHE", "RSA", "DES_CBC", 56, "CBC", "SHA"),
        S(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", "DHE", "RSA", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5", "DH", "anon", "RC4_40", 40, "STREAM", "MD5", export: true),
        S(0x0018, "TLS_DH_anon_WITH_RC4_128_MD5", "DH", "anon", "RC4_128", 128, "STREAM", "MD5"),
        S(0x0019, "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA", "DH", "anon", "DES40_CBC", 40, "CBC", "SHA", export: true),
        S(0x001A, "TLS_DH_anon_WITH_DES_CBC_SHA", "DH", "anon", "DES_CBC", 56, "CBC", "SHA"),
        S(0x001B, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA", "DH", "anon", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0x001E, "TLS_KRB5_WITH_DES_CBC_SHA", "KRB5", "KRB5", "DES_CBC", 56, "CBC", "SHA"),
        S(0x001F, "TLS_KRB5_WITH_3DES_EDE_CBC_SHA", "KRB5", "KRB5", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0x0020, "TLS_KRB5_WITH_RC4_128_SHA", "KRB5", "KRB5", "RC4_128", 128, "STREAM", "SHA"),
        S(0x0021, "TLS_KRB5_WITH_IDEA_CBC_SHA", "KRB5", "KRB5", "IDEA_CBC", 128, "CBC", "SHA"),
        S(0x0022, "TLS_KRB5_WITH_DES_CBC_MD5", "KRB5", "KRB5", "DES_CBC", 56, "CBC", "MD5"),
        S(0x0023, "TLS_KRB5_WITH_3DES_EDE_CBC_MD5", "KRB5", "KRB5", "3DES_EDE_CBC", 112, "CBC", "MD5"),
        S(0x0024, "TLS_KRB5_WITH_RC4_128_MD5", "KRB5", "KRB5", "RC4_128", 128, "STREAM", "MD5"),
        S(0x0025, "TLS_KRB5_WITH_IDEA_CBC_MD5", "KRB5", "KRB5", "IDEA_CBC", 128, "CBC", "MD5"),
        S(0x0026, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA", "KRB5", "KRB5", "DES_CBC_40", 40, "CBC", "SHA", export: true),
        S(0x0027, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA", "KRB5", "KRB5", "RC2_CBC_40", 40, "CBC", "SHA", export: true),
        S(0x0028, "TLS_KRB5_EXPORT_WITH_RC4_40_SHA", "KRB5", "KRB5", "RC4_40", 40, "STREAM", "SHA", export: true),
        S(0x0029, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5", "KRB5", "KRB5", "DES_CBC_40", 40, "CBC", "MD5", export: true),
        S(0x002A, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5", "KRB5", "KRB5", "RC2_CBC_40", 40, "CBC", "MD5", export: true),
        S(0x002B, "TLS_KRB5_EXPORT_WITH_RC4_40_MD5", "KRB5", "KRB5", "RC4_40", 40, "STREAM", "MD5", export: true),
        S(0x002C, "TLS_PSK_WITH_NULL_SHA", "PSK", "PSK", "NULL", 0, "NONE", "SHA"),
        S(0x002D, "TLS_DHE_PSK_WITH_NULL_SHA", "DHE", "PSK", "NULL", 0, "NONE", "SHA"),
        S(0x002E, "TLS_RSA_PSK_WITH_NULL_SHA", "RSA", "PSK", "NULL", 0, "NONE", "SHA"),
        S(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", "RSA", "RSA", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0x0030, "TLS_DH_DSS_WITH_AES_128_CBC_SHA", "DH", "DSS", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0x0031, "TLS_DH_RSA_WITH_AES_128_CBC_SHA", "DH", "RSA", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", "DHE", "DSS", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "DHE", "RSA", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA", "DH", "anon", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", "RSA", "RSA", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0x0036, "TLS_DH_DSS_WITH_AES_256_CBC_SHA", "DH", "DSS", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0x0037, "TLS_DH_RSA_WITH_AES_256_CBC_SHA", "DH", "RSA", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", "DHE", "DSS", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "DHE", "RSA", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0x003A, "TLS_DH_anon_WITH_AES_256_CBC_SHA", "DH", "anon", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0x003B, "TLS_RSA_WITH_NULL_SHA256", "RSA", "RSA", "NULL", 0, "NONE", "SHA256"),
        S(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", "RSA", "RSA", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256", "RSA", "RSA", "AES_256_CBC", 256, "CBC", "SHA256"),
        S(0x003E, "TLS_DH_DSS_WITH_AES_128_CBC_SHA256", "DH", "DSS", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0x003F, "TLS_DH_RSA_WITH_AES_128_CBC_SHA256", "DH", "RSA", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", "DHE", "DSS", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", "RSA", "RSA", "CAMELLIA_128_CBC", 128, "CBC", "SHA"),
        S(0x0042, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA", "DH", "DSS", "CAMELLIA_128_CBC", 128, "CBC", "SHA"),
        S(0x0043, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA", "DH", "RSA", "CAMELLIA_128_CBC", 128, "CBC", "SHA"),
        S(0x0044, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA", "DHE", "DSS", "CAMELLIA_128_CBC", 128, "CBC", "SHA"),
        S(0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", "DHE", "RSA", "CAMELLIA_128_CBC", 128, "CBC", "SHA"),
        S(0x0046, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA", "DH", "anon", "CAMELLIA_128_CBC", 128, "CBC", "SHA"),
        S(0x0060, "TLS_RSA_EXPORT1024_WITH_RC4_56_MD5", "RSA", "RSA", "RC4_56", 56, "STREAM", "MD5", export: true),
        S(0x0061, "TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5", "RSA", "RSA", "RC2_CBC_56", 56, "CBC", "MD5", export: true),
        S(0x0062, "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA", "RSA", "RSA", "DES_CBC", 56, "CBC", "SHA", export: true),
        S(0x0063, "TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA", "DHE", "DSS", "DES_CBC", 56, "CBC", "SHA", export: true),
        S(0x0064, "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA", "RSA", "RSA", "RC4_56", 56, "STREAM", "SHA", export: true),
        S(0x0065, "TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA", "DHE", "DSS", "RC4_56", 56, "STREAM", "SHA", export: true),
        S(0x0066, "TLS_DHE_DSS_WITH_RC4_128_SHA", "DHE", "DSS", "RC4_128", 128, "STREAM", "SHA"),
        S(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "DHE", "RSA", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0x0068, "TLS_DH_DSS_WITH_AES_256_CBC_SHA256", "DH", "DSS", "AES_256_CBC", 256, "CBC", "SHA256"),
        S(0x0069, "TLS_DH_RSA_WITH_AES_256_CBC_SHA256", "DH", "RSA", "AES_256_CBC", 256, "CBC", "SHA256"),
        S(0x006A, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", "DHE", "DSS", "AES_256_CBC", 256, "CBC", "SHA256"),
        S(0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "DHE", "RSA", "AES_256_CBC", 256, "CBC", "SHA256"),
        S(0x006C, "TLS_DH_anon_WITH_AES_128_CBC_SHA256", "DH", "anon", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0x006D, "TLS_DH_anon_WITH_AES_256_CBC_SHA256", "DH", "anon", "AES_256_CBC", 256, "CBC", "SHA256"),
        S(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", "RSA", "RSA", "CAMELLIA_256_CBC", 256, "CBC", "SHA"),
        S(0x0085, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA", "DH", "DSS", "CAMELLIA_256_CBC", 256, "CBC", "SHA"),
        S(0x0086, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA", "DH", "RSA", "CAMELLIA_256_CBC", 256, "CBC", "SHA"),
        S(0x0087, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA", "DHE", "DSS", "CAMELLIA_256_CBC", 256, "CBC", "SHA"),
        S(0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", "DHE", "RSA", "CAMELLIA_256_CBC", 256, "CBC", "SHA"),
        S(0x0089, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA", "DH", "anon", "CAMELLIA_256_CBC", 256, "CBC", "SHA"),
        S(0x008A, "TLS_PSK_WITH_RC4_128_SHA", "PSK", "PSK", "RC4_128", 128, "STREAM", "SHA"),
        S(0x008B, "TLS_PSK_WITH_3DES_EDE_CBC_SHA", "PSK", "PSK", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0x008C, "TLS_PSK_WITH_AES_128_CBC_SHA", "PSK", "PSK", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0x008D, "TLS_PSK_WITH_AES_256_CBC_SHA", "PSK", "PSK", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0x008E, "TLS_DHE_PSK_WITH_RC4_128_SHA", "DHE", "PSK", "RC4_128", 128, "STREAM", "SHA"),
        S(0x008F, "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA", "DHE", "PSK", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA", "DHE", "PSK", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0x0091, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA", "DHE", "PSK", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0x0092, "TLS_RSA_PSK_WITH_RC4_128_SHA", "RSA", "PSK", "RC4_128", 128, "STREAM", "SHA"),
        S(0x0093, "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA", "RSA", "PSK", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA", "RSA", "PSK", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA", "RSA", "PSK", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0x0096, "TLS_RSA_WITH_SEED_CBC_SHA", "RSA", "RSA", "SEED_CBC", 128, "CBC", "SHA"),
        S(0x0097, "TLS_DH_DSS_WITH_SEED_CBC_SHA", "DH", "DSS", "SEED_CBC", 128, "CBC", "SHA"),
        S(0x0098, "TLS_DH_RSA_WITH_SEED_CBC_SHA", "DH", "RSA", "SEED_CBC", 128, "CBC", "SHA"),
        S(0x0099, "TLS_DHE_DSS_WITH_SEED_CBC_SHA", "DHE", "DSS", "SEED_CBC", 128, "CBC", "SHA"),
        S(0x009A, "TLS_DHE_RSA_WITH_SEED_CBC_SHA", "DHE", "RSA", "SEED_CBC", 128, "CBC", "SHA"),
        S(0x009B, "TLS_DH_anon_WITH_SEED_CBC_SHA", "DH", "anon", "SEED_CBC", 128, "CBC", "SHA"),
        S(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", "RSA", "RSA", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", "RSA", "RSA", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE", "RSA", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "DHE", "RSA", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0x00A0, "TLS_DH_RSA_WITH_AES_128_GCM_SHA256", "DH", "RSA", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0x00A1, "TLS_DH_RSA_WITH_AES_256_GCM_SHA384", "DH", "RSA", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0x00A2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", "DHE", "DSS", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0x00A3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", "DHE", "DSS", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0x00A4, "TLS_DH_DSS_WITH_AES_128_GCM_SHA256", "DH", "DSS", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0x00A5, "TLS_DH_DSS_WITH_AES_256_GCM_SHA384", "DH", "DSS", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0x00A6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256", "DH", "anon", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0x00A7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384", "DH", "anon", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0x00A8, "TLS_PSK_WITH_AES_128_GCM_SHA256", "PSK", "PSK", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0x00A9, "TLS_PSK_WITH_AES_256_GCM_SHA384", "PSK", "PSK", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0x00AA, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", "DHE", "PSK", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0x00AB, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384", "DHE", "PSK", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0x00AC, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", "RSA", "PSK", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0x00AD, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384", "RSA", "PSK", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0x00AE, "TLS_PSK_WITH_AES_128_CBC_SHA256", "PSK", "PSK", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0x00AF, "TLS_PSK_WITH_AES_256_CBC_SHA384", "PSK", "PSK", "AES_256_CBC", 256, "CBC", "SHA384"),
        S(0x00B0, "TLS_PSK_WITH_NULL_SHA256", "PSK", "PSK", "NULL", 0, "NONE", "SHA256"),
        S(0x00B1, "TLS_PSK_WITH_NULL_SHA384", "PSK", "PSK", "NULL", 0, "NONE", "SHA384"),
        S(0x00B2, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256", "DHE", "PSK", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0x00B3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384", "DHE", "PSK", "AES_256_CBC", 256, "CBC", "SHA384"),
        S(0x00B4, "TLS_DHE_PSK_WITH_NULL_SHA256", "DHE", "PSK", "NULL", 0, "NONE", "SHA256"),
        S(0x00B5, "TLS_DHE_PSK_WITH_NULL_SHA384", "DHE", "PSK", "NULL", 0, "NONE", "SHA384"),
        S(0x00B6, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256", "RSA", "PSK", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0x00B7, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384", "RSA", "PSK", "AES_256_CBC", 256, "CBC", "SHA384"),
        S(0x00B8, "TLS_RSA_PSK_WITH_NULL_SHA256", "RSA", "PSK", "NULL", 0, "NONE", "SHA256"),
        S(0x00B9, "TLS_RSA_PSK_WITH_NULL_SHA384", "RSA", "PSK", "NULL", 0, "NONE", "SHA384"),
        S(0x00BA, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256", "RSA", "RSA", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0x00BB, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256", "DH", "DSS", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0x00BC, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256", "DH", "RSA", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0x00BD, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256", "DHE", "DSS", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0x00BE, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", "DHE", "RSA", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0x00BF, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256", "DH", "anon", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0x00C0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256", "RSA", "RSA", "CAMELLIA_256_CBC", 256, "CBC", "SHA256"),
        S(0x00C1, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256", "DH", "DSS", "CAMELLIA_256_CBC", 256, "CBC", "SHA256"),
        S(0x00C2, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256", "DH", "RSA", "CAMELLIA_256_CBC", 256, "CBC", "SHA256"),
        S(0x00C3, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256", "DHE", "DSS", "CAMELLIA_256_CBC", 256, "CBC", "SHA256"),
        S(0x00C4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256", "DHE", "RSA", "CAMELLIA_256_CBC", 256, "CBC", "SHA256"),
        S(0x00C5, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256", "DH", "anon", "CAMELLIA_256_CBC", 256, "CBC", "SHA256"),
        S(0xC001, "TLS_ECDH_ECDSA_WITH_NULL_SHA", "ECDH", "ECDSA", "NULL", 0, "NONE", "SHA"),
        S(0xC002, "TLS_ECDH_ECDSA_WITH_RC4_128_SHA", "ECDH", "ECDSA", "RC4_128", 128, "STREAM", "SHA"),
        S(0xC003, "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA", "ECDH", "ECDSA", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0xC004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", "ECDH", "ECDSA", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0xC005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", "ECDH", "ECDSA", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0xC006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA", "ECDHE", "ECDSA", "NULL", 0, "NONE", "SHA"),
        S(0xC007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "ECDHE", "ECDSA", "RC4_128", 128, "STREAM", "SHA"),
        S(0xC008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", "ECDHE", "ECDSA", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE", "ECDSA", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE", "ECDSA", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0xC00B, "TLS_ECDH_RSA_WITH_NULL_SHA", "ECDH", "RSA", "NULL", 0, "NONE", "SHA"),
        S(0xC00C, "TLS_ECDH_RSA_WITH_RC4_128_SHA", "ECDH", "RSA", "RC4_128", 128, "STREAM", "SHA"),
        S(0xC00D, "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA", "ECDH", "RSA", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0xC00E, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", "ECDH", "RSA", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0xC00F, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", "ECDH", "RSA", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0xC010, "TLS_ECDHE_RSA_WITH_NULL_SHA", "ECDHE", "RSA", "NULL", 0, "NONE", "SHA"),
        S(0xC011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "ECDHE", "RSA", "RC4_128", 128, "STREAM", "SHA"),
        S(0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "ECDHE", "RSA", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE", "RSA", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE", "RSA", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0xC015, "TLS_ECDH_anon_WITH_NULL_SHA", "ECDH", "anon", "NULL", 0, "NONE", "SHA"),
        S(0xC016, "TLS_ECDH_anon_WITH_RC4_128_SHA", "ECDH", "anon", "RC4_128", 128, "STREAM", "SHA"),
        S(0xC017, "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA", "ECDH", "anon", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0xC018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", "ECDH", "anon", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0xC019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA", "ECDH", "anon", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0xC01A, "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA", "SRP", "SRP", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0xC01B, "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA", "SRP", "RSA", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0xC01C, "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA", "SRP", "DSS", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0xC01D, "TLS_SRP_SHA_WITH_AES_128_CBC_SHA", "SRP", "SRP", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0xC01E, "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", "SRP", "RSA", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0xC01F, "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA", "SRP", "DSS", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0xC020, "TLS_SRP_SHA_WITH_AES_256_CBC_SHA", "SRP", "SRP", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0xC021, "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", "SRP", "RSA", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0xC022, "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", "SRP", "DSS", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE", "ECDSA", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE", "ECDSA", "AES_256_CBC", 256, "CBC", "SHA384"),
        S(0xC025, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", "ECDH", "ECDSA", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0xC026, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", "ECDH", "ECDSA", "AES_256_CBC", 256, "CBC", "SHA384"),
        S(0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE", "RSA", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE", "RSA", "AES_256_CBC", 256, "CBC", "SHA384"),
        S(0xC029, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", "ECDH", "RSA", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0xC02A, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", "ECDH", "RSA", "AES_256_CBC", 256, "CBC", "SHA384"),
        S(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE", "ECDSA", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE", "ECDSA", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0xC02D, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", "ECDH", "ECDSA", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0xC02E, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", "ECDH", "ECDSA", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE", "RSA", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE", "RSA", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0xC031, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", "ECDH", "RSA", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0xC032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", "ECDH", "RSA", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0xC033, "TLS_ECDHE_PSK_WITH_RC4_128_SHA", "ECDHE", "PSK", "RC4_128", 128, "STREAM", "SHA"),
        S(0xC034, "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA", "ECDHE", "PSK", "3DES_EDE_CBC", 112, "CBC", "SHA"),
        S(0xC035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA", "ECDHE", "PSK", "AES_128_CBC", 128, "CBC", "SHA"),
        S(0xC036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA", "ECDHE", "PSK", "AES_256_CBC", 256, "CBC", "SHA"),
        S(0xC037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", "ECDHE", "PSK", "AES_128_CBC", 128, "CBC", "SHA256"),
        S(0xC038, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384", "ECDHE", "PSK", "AES_256_CBC", 256, "CBC", "SHA384"),
        S(0xC039, "TLS_ECDHE_PSK_WITH_NULL_SHA", "ECDHE", "PSK", "NULL", 0, "NONE", "SHA"),
        S(0xC03A, "TLS_ECDHE_PSK_WITH_NULL_SHA256", "ECDHE", "PSK", "NULL", 0, "NONE", "SHA256"),
        S(0xC03B, "TLS_ECDHE_PSK_WITH_NULL_SHA384", "ECDHE", "PSK", "NULL", 0, "NONE", "SHA384"),
        S(0xC03C, "TLS_RSA_WITH_ARIA_128_CBC_SHA256", "RSA", "RSA", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC03D, "TLS_RSA_WITH_ARIA_256_CBC_SHA384", "RSA", "RSA", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC03E, "TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256", "DH", "DSS", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC03F, "TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384", "DH", "DSS", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC040, "TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256", "DH", "RSA", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC041, "TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384", "DH", "RSA", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC042, "TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256", "DHE", "DSS", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC043, "TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384", "DHE", "DSS", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC044, "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256", "DHE", "RSA", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC045, "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384", "DHE", "RSA", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC046, "TLS_DH_anon_WITH_ARIA_128_CBC_SHA256", "DH", "anon", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC047, "TLS_DH_anon_WITH_ARIA_256_CBC_SHA384", "DH", "anon", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC048, "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256", "ECDHE", "ECDSA", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC049, "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384", "ECDHE", "ECDSA", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC04A, "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256", "ECDH", "ECDSA", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC04B, "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384", "ECDH", "ECDSA", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC04C, "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256", "ECDHE", "RSA", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC04D, "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384", "ECDHE", "RSA", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC04E, "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256", "ECDH", "RSA", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC04F, "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384", "ECDH", "RSA", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256", "RSA", "RSA", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC051, "TLS_RSA_WITH_ARIA_256_GCM_SHA384", "RSA", "RSA", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC052, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256", "DHE", "RSA", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC053, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384", "DHE", "RSA", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC054, "TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256", "DH", "RSA", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC055, "TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384", "DH", "RSA", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC056, "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256", "DHE", "DSS", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC057, "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384", "DHE", "DSS", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC058, "TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256", "DH", "DSS", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC059, "TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384", "DH", "DSS", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC05A, "TLS_DH_anon_WITH_ARIA_128_GCM_SHA256", "DH", "anon", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC05B, "TLS_DH_anon_WITH_ARIA_256_GCM_SHA384", "DH", "anon", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC05C, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256", "ECDHE", "ECDSA", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC05D, "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384", "ECDHE", "ECDSA", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC05E, "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256", "ECDH", "ECDSA", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC05F, "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384", "ECDH", "ECDSA", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC060, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256", "ECDHE", "RSA", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC061, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384", "ECDHE", "RSA", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC062, "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256", "ECDH", "RSA", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC063, "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384", "ECDH", "RSA", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC064, "TLS_PSK_WITH_ARIA_128_CBC_SHA256", "PSK", "PSK", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC065, "TLS_PSK_WITH_ARIA_256_CBC_SHA384", "PSK", "PSK", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC066, "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256", "DHE", "PSK", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC067, "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384", "DHE", "PSK", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC068, "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256", "RSA", "PSK", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC069, "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384", "RSA", "PSK", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC06A, "TLS_PSK_WITH_ARIA_128_GCM_SHA256", "PSK", "PSK", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC06B, "TLS_PSK_WITH_ARIA_256_GCM_SHA384", "PSK", "PSK", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC06C, "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256", "DHE", "PSK", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC06D, "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384", "DHE", "PSK", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC06E, "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256", "RSA", "PSK", "ARIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC06F, "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384", "RSA", "PSK", "ARIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC070, "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256", "ECDHE", "PSK", "ARIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC071, "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384", "ECDHE", "PSK", "ARIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDHE", "ECDSA", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC073, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDHE", "ECDSA", "CAMELLIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC074, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDH", "ECDSA", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC075, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDH", "ECDSA", "CAMELLIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDHE", "RSA", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDHE", "RSA", "CAMELLIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC078, "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDH", "RSA", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC079, "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDH", "RSA", "CAMELLIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC07A, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256", "RSA", "RSA", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC07B, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384", "RSA", "RSA", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC07C, "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", "DHE", "RSA", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC07D, "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", "DHE", "RSA", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC07E, "TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256", "DH", "RSA", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC07F, "TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384", "DH", "RSA", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC080, "TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256", "DHE", "DSS", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC081, "TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384", "DHE", "DSS", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC082, "TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256", "DH", "DSS", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC083, "TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384", "DH", "DSS", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC084, "TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256", "DH", "anon", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC085, "TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384", "DH", "anon", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC086, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256", "ECDHE", "ECDSA", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC087, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", "ECDHE", "ECDSA", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC088, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256", "ECDH", "ECDSA", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC089, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", "ECDH", "ECDSA", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC08A, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", "ECDHE", "RSA", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC08B, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", "ECDHE", "RSA", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC08C, "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256", "ECDH", "RSA", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC08D, "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384", "ECDH", "RSA", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC08E, "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256", "PSK", "PSK", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC08F, "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384", "PSK", "PSK", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC090, "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256", "DHE", "PSK", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC091, "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384", "DHE", "PSK", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC092, "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256", "RSA", "PSK", "CAMELLIA_128_GCM", 128, "GCM", "AEAD"),
        S(0xC093, "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384", "RSA", "PSK", "CAMELLIA_256_GCM", 256, "GCM", "AEAD"),
        S(0xC094, "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256", "PSK", "PSK", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC095, "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384", "PSK", "PSK", "CAMELLIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC096, "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", "DHE", "PSK", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC097, "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", "DHE", "PSK", "CAMELLIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC098, "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256", "RSA", "PSK", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC099, "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384", "RSA", "PSK", "CAMELLIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC09A, "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", "ECDHE", "PSK", "CAMELLIA_128_CBC", 128, "CBC", "SHA256"),
        S(0xC09B, "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", "ECDHE", "PSK", "CAMELLIA_256_CBC", 256, "CBC", "SHA384"),
        S(0xC09C, "TLS_RSA_WITH_AES_128_CCM", "RSA", "RSA", "AES_128_CCM", 128, "CCM", "AEAD"),
        S(0xC09D, "TLS_RSA_WITH_AES_256_CCM", "RSA", "RSA", "AES_256_CCM", 256, "CCM", "AEAD"),
        S(0xC09E, "TLS_DHE_RSA_WITH_AES_128_CCM", "DHE", "RSA", "AES_128_CCM", 128, "CCM", "AEAD"),
        S(0xC09F, "TLS_DHE_RSA_WITH_AES_256_CCM", "DHE", "RSA", "AES_256_CCM", 256, "CCM", "AEAD"),
        S(0xC0A0, "TLS_RSA_WITH_AES_128_CCM_8", "RSA", "RSA", "AES_128_CCM_8", 128, "CCM", "AEAD"),
        S(0xC0A1, "TLS_RSA_WITH_AES_256_CCM_8", "RSA", "RSA", "AES_256_CCM_8", 256, "CCM", "AEAD"),
        S(0xC0A2, "TLS_DHE_RSA_WITH_AES_128_CCM_8", "DHE", "RSA", "AES_128_CCM_8", 128, "CCM", "AEAD"),
        S(0xC0A3, "TLS_DHE_RSA_WITH_AES_256_CCM_8", "DHE", "RSA", "AES_256_CCM_8", 256, "CCM", "AEAD"),
        S(0xC0A4, "TLS_PSK_WITH_AES_128_CCM", "PSK", "PSK", "AES_128_CCM", 128, "CCM", "AEAD"),
        S(0xC0A5, "TLS_PSK_WITH_AES_256_CCM", "PSK", "PSK", "AES_256_CCM", 256, "CCM", "AEAD"),
        S(0xC0A6, "TLS_DHE_PSK_WITH_AES_128_CCM", "DHE", "PSK", "AES_128_CCM", 128, "CCM", "AEAD"),
        S(0xC0A7, "TLS_DHE_PSK_WITH_AES_256_CCM", "DHE", "PSK", "AES_256_CCM", 256, "CCM", "AEAD"),
        S(0xC0A8, "TLS_PSK_WITH_AES_128_CCM_8", "PSK", "PSK", "AES_128_CCM_8", 128, "CCM", "AEAD"),
        S(0xC0A9, "TLS_PSK_WITH_AES_256_CCM_8", "PSK", "PSK", "AES_256_CCM_8", 256, "CCM", "AEAD"),
        S(0xC0AA, "TLS_PSK_DHE_WITH_AES_128_CCM_8", "DHE", "PSK", "AES_128_CCM_8", 128, "CCM", "AEAD"),
        S(0xC0AB, "TLS_PSK_DHE_WITH_AES_256_CCM_8", "DHE", "PSK", "AES_256_CCM_8", 256, "CCM", "AEAD"),
        S(0xC0AC, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", "ECDHE", "ECDSA", "AES_128_CCM", 128, "CCM", "AEAD"),
        S(0xC0AD, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM", "ECDHE", "ECDSA", "AES_256_CCM", 256, "CCM", "AEAD"),
        S(0xC0AE, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "ECDHE", "ECDSA", "AES_128_CCM_8", 128, "CCM", "AEAD"),
        S(0xC0AF, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", "ECDHE", "ECDSA", "AES_256_CCM_8", 256, "CCM", "AEAD"),
        S(0xC0B0, "TLS_ECCPWD_WITH_AES_128_GCM_SHA256", "ECCPWD", "ECCPWD", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0xC0B1, "TLS_ECCPWD_WITH_AES_256_GCM_SHA384", "ECCPWD", "ECCPWD", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0xC0B2, "TLS_ECCPWD_WITH_AES_128_CCM_SHA256", "ECCPWD", "ECCPWD", "AES_128_CCM", 128, "CCM", "AEAD"),
        S(0xC0B3, "TLS_ECCPWD_WITH_AES_256_CCM_SHA384", "ECCPWD", "ECCPWD", "AES_256_CCM", 256, "CCM", "AEAD"),
        S(0xCC13, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD", "ECDHE", "RSA", "CHACHA20_POLY1305", 256, "POLY1305", "AEAD"),
        S(0xCC14, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256_OLD", "ECDHE", "ECDSA", "CHACHA20_POLY1305", 256, "POLY1305", "AEAD"),
        S(0xCC15, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD", "DHE", "RSA", "CHACHA20_POLY1305", 256, "POLY1305", "AEAD"),
        S(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE", "RSA", "CHACHA20_POLY1305", 256, "POLY1305", "AEAD"),
        S(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE", "ECDSA", "CHACHA20_POLY1305", 256, "POLY1305", "AEAD"),
        S(0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "DHE", "RSA", "CHACHA20_POLY1305", 256, "POLY1305", "AEAD"),
        S(0xCCAB, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", "PSK", "PSK", "CHACHA20_POLY1305", 256, "POLY1305", "AEAD"),
        S(0xCCAC, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "ECDHE", "PSK", "CHACHA20_POLY1305", 256, "POLY1305", "AEAD"),
        S(0xCCAD, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "DHE", "PSK", "CHACHA20_POLY1305", 256, "POLY1305", "AEAD"),
        S(0xCCAE, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256", "RSA", "PSK", "CHACHA20_POLY1305", 256, "POLY1305", "AEAD"),
        S(0xD001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", "ECDHE", "PSK", "AES_128_GCM", 128, "GCM", "AEAD"),
        S(0xD002, "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384", "ECDHE", "PSK", "AES_256_GCM", 256, "GCM", "AEAD"),
        S(0xD003, "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256", "ECDHE", "PSK", "AES_128_CCM_8", 128, "CCM", "AEAD"),
        S(0xD005, "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256", "ECDHE", "PSK", "AES_128_CCM", 128, "CCM", "AEAD"),
    ]
}
