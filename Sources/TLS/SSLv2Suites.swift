import Snapshot

/// SSLv2 cipher kinds (3-byte codes from the SSLv2 draft) as snapshot suites, so the rules see
/// SSLv2's export, RC4 and DES offerings with the same vocabulary as TLS suites.
enum SSLv2Suites {
    static func suite(_ kind: UInt32) -> TLSCipherSuite {
        let code = "0x" + String(repeating: "0", count: max(0, 6 - String(kind, radix: 16).count)) + String(kind, radix: 16, uppercase: true)
        let known: (String, String, Int, String, Bool)? = switch kind {
        case 0x010080: ("SSL_CK_RC4_128_WITH_MD5", "RC4_128", 128, "STREAM", false)
        case 0x020080: ("SSL_CK_RC4_128_EXPORT40_WITH_MD5", "RC4_40", 40, "STREAM", true)
        case 0x030080: ("SSL_CK_RC2_128_CBC_WITH_MD5", "RC2_128_CBC", 128, "CBC", false)
        case 0x040080: ("SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5", "RC2_40_CBC", 40, "CBC", true)
        case 0x050080: ("SSL_CK_IDEA_128_CBC_WITH_MD5", "IDEA_CBC", 128, "CBC", false)
        case 0x060040: ("SSL_CK_DES_64_CBC_WITH_MD5", "DES_CBC", 56, "CBC", false)
        case 0x0700C0: ("SSL_CK_DES_192_EDE3_CBC_WITH_MD5", "3DES_EDE_CBC", 112, "CBC", false)
        default: nil
        }
        guard let (name, encryption, bits, mode, export) = known else {
            return TLSCipherSuite(code: code, name: "SSL_CK_UNKNOWN_\(code)", keyExchange: "RSA", authentication: "RSA",
                                  encryption: "UNKNOWN", bits: 0, mode: "UNKNOWN", mac: "MD5", export: false)
        }
        return TLSCipherSuite(code: code, name: name, keyExchange: "RSA", authentication: "RSA", encryption: encryption,
                              bits: bits, mode: mode, mac: "MD5", export: export)
    }
}
