/// SSL 2.0 CLIENT-HELLO writer and SERVER-HELLO reader (draft-hickman-netscape-ssl-00).
///
/// SSLv2 predates the TLS record format: a 2-byte header with the high bit set carries the
/// length, and ciphers are 3-byte "kinds". A server that still answers one is a finding on its
/// own (DROWN), so the prober asks with every kind and reports which ones come back.
public enum SSLv2ClientHello {
    /// The seven SSLv2 cipher kinds.
    public static let allCipherKinds: [UInt32] = [0x010080, 0x020080, 0x030080, 0x040080, 0x050080, 0x060040, 0x0700C0]

    /// `SSL_CK_RC4_128_WITH_MD5`, or `UNKNOWN_0xNNNNNN`.
    public static func name(_ kind: UInt32) -> String {
        switch kind {
        case 0x010080: "SSL_CK_RC4_128_WITH_MD5"
        case 0x020080: "SSL_CK_RC4_128_EXPORT40_WITH_MD5"
        case 0x030080: "SSL_CK_RC2_128_CBC_WITH_MD5"
        case 0x040080: "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5"
        case 0x050080: "SSL_CK_IDEA_128_CBC_WITH_MD5"
        case 0x060040: "SSL_CK_DES_64_CBC_WITH_MD5"
        case 0x0700C0: "SSL_CK_DES_192_EDE3_CBC_WITH_MD5"
        default: "UNKNOWN_" + hex6(kind)
        }
    }

    /// Encryption, effective bits, mode and export flag of a kind (nil when unknown):
    /// what `Snapshot.TLSCipherSuite` needs besides the name (`RSA`/`RSA`/`MD5` for all of them).
    public static func properties(_ kind: UInt32) -> (encryption: String, bits: Int, mode: String, export: Bool)? {
        switch kind {
        case 0x010080: ("RC4_128", 128, "STREAM", false)
        case 0x020080: ("RC4_40", 40, "STREAM", true)
        case 0x030080: ("RC2_128_CBC", 128, "CBC", false)
        case 0x040080: ("RC2_40_CBC", 40, "CBC", true)
        case 0x050080: ("IDEA_CBC", 128, "CBC", false)
        case 0x060040: ("DES_CBC", 56, "CBC", false)
        case 0x0700C0: ("3DES_EDE_CBC", 112, "CBC", false)
        default: nil
        }
    }

    /// `0x010080`.
    public static func hex6(_ kind: UInt32) -> String {
        let digits: [Character] = Array("0123456789ABCDEF")
        var s = "0x"
        for shift in stride(from: 20, through: 0, by: -4) { s.append(digits[Int(kind >> UInt32(shift) & 0xF)]) }
        return s
    }

    /// Appends a CLIENT-HELLO (version 0x0002, no session id) offering `cipherKinds`.
    /// `challenge` should be 16–32 bytes (it is cut to 32).
    public static func write(cipherKinds: [UInt32], challenge: [UInt8], into out: inout [UInt8]) {
        let kinds = cipherKinds.prefix(2000)
        let chal = challenge.prefix(32)
        let length = 9 + kinds.count * 3 + chal.count
        out.append(0x80 | UInt8(length >> 8 & 0x7F)); out.append(UInt8(length & 0xFF))
        out.append(1)                   // MSG-CLIENT-HELLO
        out.append(0); out.append(2)    // version 2
        out.append(UInt8(kinds.count * 3 >> 8)); out.append(UInt8(kinds.count * 3 & 0xFF))
        out.append(0); out.append(0)    // session id length
        out.append(UInt8(chal.count >> 8)); out.append(UInt8(chal.count & 0xFF))
        for k in kinds { out.append(UInt8(k >> 16 & 0xFF)); out.append(UInt8(k >> 8 & 0xFF)); out.append(UInt8(k & 0xFF)) }
        out += chal
    }
}

/// An SSLv2 SERVER-HELLO: the kinds the server accepts and its certificate (DER, X.509 type).
public struct SSLv2ServerHello: Sendable, Equatable {
    public let cipherKinds: [UInt32]
    public let certificate: [UInt8]
    /// The server_version field (0x0002).
    public let version: UInt16

    public init(cipherKinds: [UInt32], certificate: [UInt8], version: UInt16 = 2) {
        self.cipherKinds = cipherKinds; self.certificate = certificate; self.version = version
    }

    /// Reads the message body after the 2-byte record header (first byte 4, MSG-SERVER-HELLO).
    public init?(message m: UnsafeRawBufferPointer) {
        guard m.count >= 11, m[0] == 4 else { return nil }
        let certLength = Int(m.be16(5)), specsLength = Int(m.be16(7))
        guard specsLength % 3 == 0, let cert = m.view(11, certLength), let specs = m.view(11 + certLength, specsLength) else { return nil }
        var kinds: [UInt32] = []
        var i = 0
        while i + 3 <= specs.count {
            kinds.append(UInt32(specs[i]) << 16 | UInt32(specs[i + 1]) << 8 | UInt32(specs[i + 2]))
            i += 3
        }
        self.init(cipherKinds: kinds, certificate: Array(cert), version: m.be16(3))
    }

    /// The length of a 2-byte-header SSLv2 record starting at `p`, when `p` looks like one
    /// (high bit set); nil otherwise.
    public static func recordLength(_ p: UnsafeRawBufferPointer) -> Int? {
        guard p.count >= 2, p[0] & 0x80 != 0 else { return nil }
        return Int(p[0] & 0x7F) << 8 | Int(p[1])
    }
}
