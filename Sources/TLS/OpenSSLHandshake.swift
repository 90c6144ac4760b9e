import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// What a libssl handshake negotiated.
public struct OpenSSLHandshakeResult: Sendable, Equatable {
    /// `TLSv1.3`, `TLSv1.2`, … (`SSL_get_version`).
    public let version: String
    /// IANA name (`TLS_AES_256_GCM_SHA384`) via `SSL_CIPHER_standard_name`.
    public let cipher: String
    /// IANA code point (`0x1302`).
    public let cipherCode: UInt16
    /// The certificates the server sent, leaf first, DER (`SSL_get_peer_cert_chain`).
    public let chain: [[UInt8]]
    /// Key-exchange group as named in the TLS registry (`x25519`, `secp256r1`, `ffdhe2048`);
    /// nil for static RSA key exchange or when OpenSSL cannot tell.
    public let group: String?

    public init(version: String, cipher: String, cipherCode: UInt16, chain: [[UInt8]], group: String?) {
        self.version = version; self.cipher = cipher; self.cipherCode = cipherCode; self.chain = chain; self.group = group
    }
}

/// A full handshake with libssl, to obtain the chain and what a modern client negotiates.
public enum OpenSSLHandshake {
    /// Performs a TLS handshake over an already connected `stream` (after STARTTLS, if any).
    ///
    /// libssl talks to memory BIOs and this function moves the bytes with the stream's
    /// deadline-bound `send`/`receive`, rather than `SSL_set_fd`: bytes a STARTTLS server sent
    /// after its last line (already in the stream's buffer) reach libssl, every wait ends by the
    /// deadline, and a peer reset never raises SIGPIPE (libssl writes sockets with write(2)).
    ///
    /// Certificate verification is off (`TrustVerifier` does it, with the chain returned here).
    /// - `legacy: false`: TLS 1.2–1.3 at OpenSSL's default security level. Weak certificates
    ///   (RSA-1024, SHA-1 signatures) are still accepted, since that check belongs to chain
    ///   verification, which is off; TLS 1.0/1.1, DHE-1024 and the like make the handshake fail
    ///   with `.protocolError` (e.g. "unsupported protocol" / "protocol version"): retry with
    ///   `legacy: true`.
    /// - `legacy: true`: TLS 1.0–1.3, `DEFAULT:@SECLEVEL=0`, unsafe legacy renegotiation allowed.
    ///   OpenSSL 3 still cannot do SSLv3, RC4, 3DES, DES or export suites.
    ///
    /// `serverName` is sent as SNI unless it is an IP literal. Throws `.timeout` at the deadline,
    /// `.closed` when the server closes before the handshake completes, `.protocolError` with
    /// OpenSSL's reason (alerts, no shared cipher, …).
    public static func handshake(on stream: TCPStream, serverName: String?, deadline: ContinuousClock.Instant,
                                 legacy: Bool = false) throws(TLSProbeError) -> OpenSSLHandshakeResult {
        ERR_clear_error()
        defer { ERR_clear_error() }
        let context = try (legacy ? SharedContext.legacy : SharedContext.modern).get()
        guard let ssl = SSL_new(context) else { throw .system("SSL_new: \(OpenSSLErrors.drain() ?? "failed")") }
        defer { SSL_free(ssl) }   // frees both BIOs too
        guard let rbio = BIO_new(BIO_s_mem()) else { throw .system("BIO_new failed") }
        guard let wbio = BIO_new(BIO_s_mem()) else { BIO_free(rbio); throw .system("BIO_new failed") }
        _ = cssl_BIO_set_mem_eof_return(rbio, -1)   // empty = "retry", not EOF
        SSL_set_bio(ssl, rbio, wbio)
        SSL_set_connect_state(ssl)
        if let name = serverName, !name.isEmpty, !TrustVerifier.isIPLiteral(name) {
            guard cssl_SSL_set_tlsext_host_name(ssl, name) == 1 else {
                throw .system("SNI \(name): \(OpenSSLErrors.drain() ?? "rejected")")
            }
        }

        func flush() throws(TLSProbeError) {
            let pending = cssl_BIO_ctrl_pending(wbio)
            guard pending > 0 else { return }
            var out = [UInt8](repeating: 0, count: pending)
            let n = BIO_read(wbio, &out, Int32(pending))
            if n > 0 { try stream.send(Array(out.prefix(Int(n))), deadline: deadline) }
        }

        while true {
            let r = SSL_do_handshake(ssl)
            let sslError = r == 1 ? SSL_ERROR_NONE : SSL_get_error(ssl, r)
            // Send whatever libssl produced (ClientHello, Finished, or an alert) before acting.
            do throws(TLSProbeError) { try flush() } catch {
                if sslError == SSL_ERROR_SSL { break } else { throw error }
            }
            if r == 1 { break }
            switch sslError {
            case SSL_ERROR_WANT_READ:
                if ContinuousClock.now >= deadline { throw .timeout("\(stream.peer): TLS handshake not complete by the deadline") }
                let bytes: [UInt8]
                do throws(TLSProbeError) { bytes = try stream.receive(max: 16384, deadline: deadline) } catch {
                    if case .timeout = error { throw .timeout("\(stream.peer): TLS handshake not complete by the deadline") }
                    throw error
                }
                if bytes.isEmpty { throw .closed }
                _ = bytes.withUnsafeBytes { BIO_write(rbio, $0.baseAddress, Int32($0.count)) }
            case SSL_ERROR_WANT_WRITE:
                continue   // memory BIOs grow; flush() above already sent the output
            case SSL_ERROR_ZERO_RETURN:
                throw .closed
            default:
                throw .protocolError("TLS handshake with \(stream.peer) failed: \(OpenSSLErrors.drain() ?? "SSL error \(sslError)")")
            }
        }
        if SSL_is_init_finished(ssl) != 1 {
            throw .protocolError("TLS handshake with \(stream.peer) failed: \(OpenSSLErrors.drain() ?? "not finished")")
        }

        let version = SSL_get_version(ssl).map { String(cString: $0) } ?? "unknown"
        let cipherPointer = SSL_get_current_cipher(ssl)
        let cipher = cipherPointer.flatMap { SSL_CIPHER_standard_name($0) }.map { String(cString: $0) } ?? "unknown"
        let cipherCode = cipherPointer.map { SSL_CIPHER_get_protocol_id($0) } ?? 0
        var chain: [[UInt8]] = []
        if let stack = SSL_get_peer_cert_chain(ssl) {
            for i in 0..<cssl_sk_X509_num(stack) {
                if let x = cssl_sk_X509_value(stack, i), let der = derBytes(x) { chain.append(der) }
            }
        }
        if chain.isEmpty, let leaf = SSL_get1_peer_certificate(ssl) {
            defer { X509_free(leaf) }
            if let der = derBytes(leaf) { chain.append(der) }
        }
        let group = groupName(ssl, cipherName: cipher)

        // Best effort close_notify; the caller closes the stream.
        if SSL_shutdown(ssl) >= 0 { try? flush() }
        return OpenSSLHandshakeResult(version: version, cipher: cipher, cipherCode: cipherCode, chain: chain, group: group)
    }

    static func derBytes(_ x: OpaquePointer) -> [UInt8]? {
        var out: UnsafeMutablePointer<UInt8>?
        let n = i2d_X509(x, &out)
        guard n > 0, let out else { return nil }
        defer { CRYPTO_free(out, #fileID, #line) }
        return Array(UnsafeBufferPointer(start: out, count: Int(n)))
    }

    /// The negotiated group by its TLS registry name. For TLS ≤ 1.2 with static RSA key
    /// exchange there is none.
    static func groupName(_ ssl: OpaquePointer, cipherName: String) -> String? {
        if cipherName.hasPrefix("TLS_RSA_") { return nil }
        let nid = cssl_SSL_get_negotiated_group(ssl)
        guard nid > 0 else { return nil }
        switch nid {
        case NID_X9_62_prime256v1: return "secp256r1"
        case NID_secp384r1: return "secp384r1"
        case NID_secp521r1: return "secp521r1"
        case NID_X25519: return "x25519"
        case NID_X448: return "x448"
        case NID_ffdhe2048: return "ffdhe2048"
        case NID_ffdhe3072: return "ffdhe3072"
        case NID_ffdhe4096: return "ffdhe4096"
        case NID_ffdhe6144: return "ffdhe6144"
        case NID_ffdhe8192: return "ffdhe8192"
        default:
            if let name = SSL_group_to_name(ssl, nid) { return String(cString: name) }
            return OBJ_nid2sn(nid).map { String(cString: $0) }
        }
    }

    /// One SSL_CTX per mode, created on first use and shared (SSL_CTX is safe to share across
    /// threads once configured; only SSL_new reads it).
    final class SharedContext: @unchecked Sendable {
        private let result: Result<OpaquePointer, TLSProbeError>

        static let modern = SharedContext(legacy: false)
        static let legacy = SharedContext(legacy: true)

        private init(legacy: Bool) {
            ERR_clear_error()
            guard let ctx = SSL_CTX_new(TLS_client_method()) else {
                result = .failure(.system("SSL_CTX_new: \(OpenSSLErrors.drain() ?? "failed")"))
                return
            }
            SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nil)
            var ok = cssl_SSL_CTX_set_min_proto_version(ctx, legacy ? TLS1_VERSION : TLS1_2_VERSION) == 1
            if legacy {
                ok = ok && SSL_CTX_set_cipher_list(ctx, "DEFAULT:@SECLEVEL=0") == 1
                _ = cssl_SSL_CTX_set_options(ctx, cssl_SSL_OP_LEGACY_SERVER_CONNECT)
            }
            _ = cssl_SSL_CTX_set_options(ctx, cssl_SSL_OP_NO_RENEGOTIATION)
            guard ok else {
                result = .failure(.system("SSL_CTX setup: \(OpenSSLErrors.drain() ?? "failed")"))
                SSL_CTX_free(ctx)
                return
            }
            result = .success(ctx)
        }

        func get() throws(TLSProbeError) -> OpaquePointer { try result.get() }
    }
}
