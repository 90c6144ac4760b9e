import Digest
/// A self-signed X.509 v3 certificate and TLS key-exchange signatures for the
/// synthetic HTTPS server.
///
/// The signatures are genuine ECDSA P-256/SHA-256 signatures that OpenSSL
/// verifies, made with the private key d = 1 and nonce k = 1. With d = 1 the
/// public key is the curve's base point G, and with k = 1 the signature is
/// r = Gx, s = (z + r) mod n: only a hash and 256-bit addition are needed.
/// The key is trivially weak on purpose: this server exists only in synthetic
/// captures, and a real audit would rightly flag it.
enum SyntheticSigner {
    /// P-256 base point coordinates and group order (SEC 2, 2.4.2).
    static let gx: [UInt8] = bytes("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296")
    static let gy: [UInt8] = bytes("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5")
    static let n: [UInt8] = bytes("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")

    private static func bytes(_ hex: String) -> [UInt8] {
        let u = Array(hex.utf8)
        func v(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 55 }
        return stride(from: 0, to: u.count, by: 2).map { v(u[$0]) << 4 | v(u[$0 + 1]) }
    }

    /// The uncompressed public point 04 || X || Y.
    static var publicKey: [UInt8] { [0x04] + gx + gy }

    /// DER ECDSA-Sig-Value over SHA-256(`message`).
    static func signature(over message: [UInt8]) -> [UInt8] {
        let z = SHA256.hash(message)
        let s = addModN(z, gx)
        precondition(s.contains { $0 != 0 }, "degenerate signature")
        return DER.sequence([DER.unsignedInteger(gx), DER.unsignedInteger(s)])
    }

    /// (a + b) mod n for 32-byte big-endian a < 2^256 and b < n.
    static func addModN(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var sum = [UInt8](repeating: 0, count: 33)
        var carry = 0
        for i in stride(from: 31, through: 0, by: -1) {
            let t = Int(a[i]) + Int(b[i]) + carry
            sum[i + 1] = UInt8(t & 0xFF); carry = t >> 8
        }
        sum[0] = UInt8(carry)
        let n33 = [0] + n
        // a + b < 2^256 + n < 3n, so at most two subtractions.
        while !lessThan(sum, n33) { sum = subtract(sum, n33) }
        return Array(sum[1...])
    }

    private static func lessThan(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        for i in a.indices where a[i] != b[i] { return a[i] < b[i] }
        return false
    }

    private static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out = a
        var borrow = 0
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            var t = Int(a[i]) - Int(b[i]) - borrow
            borrow = t < 0 ? 1 : 0
            if t < 0 { t += 256 }
            out[i] = UInt8(t)
        }
        return out
    }
}

/// Just enough DER (X.690) to write a certificate.
enum DER {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [tag]
        let n = content.count
        if n < 0x80 { out.append(UInt8(n)) }
        else if n <= 0xFF { out += [0x81, UInt8(n)] }
        else if n <= 0xFFFF { out += [0x82, UInt8(n >> 8), UInt8(n & 0xFF)] }
        else { out += [0x83, UInt8(n >> 16), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] }
        return out + content
    }
    static func sequence(_ parts: [[UInt8]]) -> [UInt8] { tlv(0x30, parts.flatMap { $0 }) }
    static func set(_ parts: [[UInt8]]) -> [UInt8] { tlv(0x31, parts.flatMap { $0 }) }
    static func explicit(_ tagNumber: UInt8, _ content: [UInt8]) -> [UInt8] { tlv(0xA0 | tagNumber, content) }
    static func boolean(_ v: Bool) -> [UInt8] { tlv(0x01, [v ? 0xFF : 0x00]) }
    static func octetString(_ v: [UInt8]) -> [UInt8] { tlv(0x04, v) }
    static func bitString(_ v: [UInt8], unusedBits: UInt8 = 0) -> [UInt8] { tlv(0x03, [unusedBits] + v) }
    static func utf8String(_ s: String) -> [UInt8] { tlv(0x0C, Array(s.utf8)) }
    static func printableString(_ s: String) -> [UInt8] { tlv(0x13, Array(s.utf8)) }
    static func utcTime(_ s: String) -> [UInt8] { tlv(0x17, Array(s.utf8)) }

    /// A non-negative INTEGER from big-endian magnitude bytes: minimal, with a 0x00 when the top bit is set.
    static func unsignedInteger(_ magnitude: [UInt8]) -> [UInt8] {
        var m = Array(magnitude.drop { $0 == 0 })
        if m.isEmpty { m = [0] }
        if m[0] & 0x80 != 0 { m.insert(0, at: 0) }
        return tlv(0x02, m)
    }
    static func integer(_ v: UInt64) -> [UInt8] {
        var b: [UInt8] = []
        b.be64(v)
        return unsignedInteger(b)
    }

    static func oid(_ arcs: [UInt64]) -> [UInt8] {
        precondition(arcs.count >= 2)
        var body: [UInt8] = [UInt8(arcs[0] * 40 + arcs[1])]
        for arc in arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var v = arc >> 7
            while v > 0 { chunk.insert(UInt8(v & 0x7F) | 0x80, at: 0); v >>= 7 }
            body += chunk
        }
        return tlv(0x06, body)
    }

    static let ecdsaWithSHA256: [UInt64] = [1, 2, 840, 10045, 4, 3, 2]
    static let ecPublicKey: [UInt64] = [1, 2, 840, 10045, 2, 1]
    static let prime256v1: [UInt64] = [1, 2, 840, 10045, 3, 1, 7]
}

/// The fields a synthetic server certificate carries.
struct CertificateProfile {
    var serial: UInt64
    var commonName: String
    var organization: String
    var country: String
    var dnsNames: [String]
    /// UTCTime, YYMMDDHHMMSSZ.
    var notBefore: String
    var notAfter: String

    /// The DER certificate, self-signed by `SyntheticSigner`.
    func der() -> [UInt8] {
        let algorithm = DER.sequence([DER.oid(DER.ecdsaWithSHA256)])
        func attribute(_ oid: [UInt64], _ value: [UInt8]) -> [UInt8] { DER.set([DER.sequence([DER.oid(oid), value])]) }
        let name = DER.sequence([
            attribute([2, 5, 4, 6], DER.printableString(country)),
            attribute([2, 5, 4, 10], DER.utf8String(organization)),
            attribute([2, 5, 4, 3], DER.utf8String(commonName)),
        ])
        let spki = DER.sequence([
            DER.sequence([DER.oid(DER.ecPublicKey), DER.oid(DER.prime256v1)]),
            DER.bitString(SyntheticSigner.publicKey),
        ])
        func ext(_ oid: [UInt64], critical: Bool, _ value: [UInt8]) -> [UInt8] {
            DER.sequence([DER.oid(oid)] + (critical ? [DER.boolean(true)] : []) + [DER.octetString(value)])
        }
        let extensions = DER.sequence([
            ext([2, 5, 29, 19], critical: true, DER.sequence([])),                       // basicConstraints: not a CA
            ext([2, 5, 29, 15], critical: true, DER.bitString([0x80], unusedBits: 7)),  // keyUsage: digitalSignature
            ext([2, 5, 29, 37], critical: false, DER.sequence([DER.oid([1, 3, 6, 1, 5, 5, 7, 3, 1])])), // serverAuth
            ext([2, 5, 29, 17], critical: false, DER.sequence(dnsNames.map { DER.tlv(0x82, Array($0.utf8)) })),
        ])
        let tbs = DER.sequence([
            DER.explicit(0, DER.integer(2)),
            DER.integer(serial),
            algorithm,
            name,
            DER.sequence([DER.utcTime(notBefore), DER.utcTime(notAfter)]),
            name,
            spki,
            DER.explicit(3, extensions),
        ])
        return DER.sequence([tbs, algorithm, DER.bitString(SyntheticSigner.signature(over: tbs))])
    }
}
