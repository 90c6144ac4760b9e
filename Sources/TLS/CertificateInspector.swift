import COpenSSL
import Digest
import Snapshot
#if canImport(Glibc)
import Glibc
#endif

/// Certificate facts from DER, parsed with OpenSSL (`d2i_X509`).
public enum CertificateInspector {
    /// Parses one DER certificate into `TLSCertificate` facts.
    ///
    /// - `subject`/`issuer`: RFC 2253 (`X509_NAME_print_ex` with `XN_FLAG_RFC2253` minus
    ///   `ASN1_STRFLGS_ESC_MSB`, so non-ASCII names stay readable UTF-8 instead of `\XX` escapes;
    ///   the same text as `openssl x509 -nameopt RFC2253,-esc_msb`).
    /// - `serial`: uppercase hexadecimal without separators, as `openssl x509 -serial` prints it.
    /// - `keyType`: `RSA`, `RSA-PSS`, `EC`, `Ed25519`, `Ed448`, `DSA`, `DH`, or OpenSSL's short name.
    /// - `isCA`: `X509_check_ca` says CA because of basicConstraints CA:TRUE, keyUsage keyCertSign
    ///   or a Netscape CA type (1, 4, 5). A v1 self-signed certificate (3) is not counted: old
    ///   devices' self-signed v1 server certificates are not CAs in any useful sense.
    /// - `selfSigned`: the certificate issued itself (`X509_check_issued(x, x)`) and its signature
    ///   verifies with its own key.
    /// Throws `.protocolError` when the bytes are not exactly one DER certificate.
    public static func inspect(der: [UInt8]) throws(TLSProbeError) -> TLSCertificate {
        guard let x509 = X509Handle(der: der) else {
            throw .protocolError("certificate: not a DER X.509 certificate (\(OpenSSLErrors.drain() ?? "\(der.count) bytes"))")
        }
        return try withExtendedLifetime(x509) { () throws(TLSProbeError) -> TLSCertificate in try inspect(x509.pointer, der: der) }
    }

    static func inspect(_ x: OpaquePointer, der: [UInt8]) throws(TLSProbeError) -> TLSCertificate {
        guard let subjectName = X509_get_subject_name(x), let issuerName = X509_get_issuer_name(x) else {
            throw .protocolError("certificate: no subject or issuer name")
        }
        let subject = name(subjectName)
        let issuer = name(issuerName)
        let serial = serialHex(x)
        guard let nb = X509_get0_notBefore(x), let na = X509_get0_notAfter(x),
              let notBefore = timestamp(nb), let notAfter = timestamp(na) else {
            throw .protocolError("certificate: unreadable validity dates")
        }

        var keyType = "unknown", keyBits = 0
        var curve: String?
        if let pkey = X509_get0_pubkey(x) {
            (keyType, keyBits, curve) = keyFacts(pkey)
        }

        let sigNID = X509_get_signature_nid(x)
        let signatureAlgorithm = OBJ_nid2ln(sigNID).map { String(cString: $0) } ?? "unknown"
        var mdNID: Int32 = 0, pkNID: Int32 = 0
        var signatureHash: String?
        if OBJ_find_sigid_algs(sigNID, &mdNID, &pkNID) == 1, mdNID != NID_undef, let ln = OBJ_nid2ln(mdNID) {
            signatureHash = String(cString: ln).lowercased()
        }

        return TLSCertificate(
            subject: subject, issuer: issuer, serial: serial, notBefore: notBefore, notAfter: notAfter,
            keyType: keyType, keyBits: keyBits, curve: curve, signatureAlgorithm: signatureAlgorithm,
            signatureHash: signatureHash, subjectAltNames: subjectAltNames(x), commonName: commonName(subjectName),
            selfSigned: isSelfSigned(x), isCA: [1, 4, 5].contains(X509_check_ca(x)),
            sha256: SHA256.hex(SHA256.hash(der)))
    }

    /// Issued by itself and its signature verifies with its own public key.
    static func isSelfSigned(_ x: OpaquePointer) -> Bool {
        defer { ERR_clear_error() }
        guard X509_check_issued(x, x) == X509_V_OK, let key = X509_get0_pubkey(x) else { return false }
        return X509_verify(x, key) == 1
    }

    static func name(_ n: OpaquePointer) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        _ = X509_NAME_print_ex(bio, n, 0, cssl_XN_FLAG_RFC2253_UTF8)
        return OpenSSLErrors.bioString(bio)
    }

    static func serialHex(_ x: OpaquePointer) -> String {
        guard let integer = X509_get0_serialNumber(x), let bn = ASN1_INTEGER_to_BN(integer, nil) else { return "" }
        defer { BN_free(bn) }
        guard let hex = BN_bn2hex(bn) else { return "" }
        defer { CRYPTO_free(hex, #fileID, #line) }
        return String(cString: hex)
    }

    static func timestamp(_ t: UnsafePointer<ASN1_TIME>) -> Timestamp? {
        var tm = Glibc.tm()
        guard ASN1_TIME_to_tm(t, &tm) == 1 else { return nil }
        return Timestamp(seconds: Int64(timegm(&tm)))
    }

    static func keyFacts(_ pkey: OpaquePointer) -> (String, Int, String?) {
        let bits = Int(EVP_PKEY_get_bits(pkey))
        switch EVP_PKEY_get_base_id(pkey) {
        case EVP_PKEY_RSA: return ("RSA", bits, nil)
        case EVP_PKEY_RSA_PSS: return ("RSA-PSS", bits, nil)
        case EVP_PKEY_DSA: return ("DSA", bits, nil)
        case EVP_PKEY_DH, EVP_PKEY_DHX: return ("DH", bits, nil)
        case EVP_PKEY_ED25519: return ("Ed25519", bits, nil)
        case EVP_PKEY_ED448: return ("Ed448", bits, nil)
        case EVP_PKEY_EC, EVP_PKEY_SM2:
            var buffer = [CChar](repeating: 0, count: 80)
            var length = 0
            let curve = EVP_PKEY_get_group_name(pkey, &buffer, buffer.count, &length) == 1
                ? String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
            return ("EC", bits, curve)
        case let id:
            let sn = OBJ_nid2sn(id).map { String(cString: $0) } ?? "unknown"
            return (sn, bits, nil)
        }
    }

    /// DNS and IP subjectAltNames in certificate order (IPv6 in RFC 5952 form).
    static func subjectAltNames(_ x: OpaquePointer) -> [String] {
        guard let names = cssl_X509_get_subject_alt_names(x) else { return [] }
        defer { cssl_GENERAL_NAMES_free(names) }
        var out: [String] = []
        for i in 0..<cssl_GENERAL_NAMES_num(names) {
            let type = cssl_GENERAL_NAMES_type(names, i)
            guard type == GEN_DNS || type == GEN_IPADD, let s = cssl_GENERAL_NAMES_string(names, i),
                  let data = ASN1_STRING_get0_data(s) else { continue }
            let bytes = Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(s))))
            if type == GEN_DNS {
                out.append(String(decoding: bytes, as: UTF8.self))
            } else if let ip = ipText(bytes) {
                out.append(ip)
            }
        }
        return out
    }

    static func ipText(_ bytes: [UInt8]) -> String? {
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var buffer = [CChar](repeating: 0, count: 64)
        guard inet_ntop(family, bytes, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return OpenSSLErrors.string(buffer)
    }

    /// The last commonName of the subject (the most specific), as UTF-8.
    static func commonName(_ n: OpaquePointer) -> String? {
        var index: Int32 = -1, last: Int32 = -1
        while true {
            index = X509_NAME_get_index_by_NID(n, NID_commonName, index)
            if index < 0 { break }
            last = index
        }
        guard last >= 0, let entry = X509_NAME_get_entry(n, last), let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
        var out: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&out, data)
        guard length >= 0, let out else { return nil }
        defer { CRYPTO_free(out, #fileID, #line) }
        return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
    }
}

/// Owns one `X509` (freed in deinit).
final class X509Handle {
    let pointer: OpaquePointer

    /// Parses exactly one DER certificate; nil when the bytes are not one (or have trailing bytes).
    init?(der: [UInt8]) {
        guard !der.isEmpty else { return nil }
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buf in
            var p: UnsafePointer<UInt8>? = buf.baseAddress
            guard let x = d2i_X509(nil, &p, buf.count) else { return nil }
            guard let end = p, end - buf.baseAddress! == buf.count else { X509_free(x); return nil }
            return x
        }
        guard let parsed else { return nil }
        pointer = parsed
    }

    deinit { X509_free(pointer) }
}

/// OpenSSL's thread-local error queue and memory BIOs, as Strings.
enum OpenSSLErrors {
    /// Drains the calling thread's error queue: the reasons joined with "; ", nil when empty.
    static func drain() -> String? {
        var parts: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            parts.append(string(buffer))
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// A NUL-terminated C buffer as UTF-8.
    static func string(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Everything written to a memory BIO, as UTF-8.
    static func bioString(_ bio: OpaquePointer) -> String {
        var data: UnsafeMutablePointer<CChar>?
        let length = cssl_BIO_get_mem_data(bio, &data)
        guard length > 0, let data else { return "" }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
