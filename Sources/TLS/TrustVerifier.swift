import COpenSSL
import Snapshot
#if canImport(Glibc)
import Glibc
#endif

/// Chain verification and the name check, with OpenSSL, at an injected time.
public enum TrustVerifier {
    /// Verifies `chain` (DER, leaf first, exactly as the server sent it) against `store` at `time`
    /// (Unix seconds), for the TLS-server purpose, and checks the leaf against `name`.
    ///
    /// - The sent certificates after the leaf are untrusted intermediates; only the store's are
    ///   trust anchors (no partial chains).
    /// - `hostnameMatches` is computed separately from chain verification (`X509_check_ip_asc` for
    ///   an IPv4/IPv6 literal, `X509_check_host` otherwise, with OpenSSL's default flags: DNS SANs,
    ///   falling back to the subject CN only when there are none), so a name fact survives an
    ///   untrusted chain. nil when `name` is nil or empty.
    /// - `chainComplete` is false exactly when all of these hold:
    ///   1. verification failed with `X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY` (20) or
    ///      `X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE` (21): no issuer was found for some
    ///      certificate on the path;
    ///   2. the leaf is not self-signed;
    ///   3. no certificate the server sent after the leaf issued the leaf
    ///      (`X509_check_issued(sent, leaf) == X509_V_OK`).
    ///   So a server that sends its intermediate but whose root the store lacks is "complete but
    ///   untrusted", while a server that sends the leaf alone, whose issuer the store does not
    ///   have, is "incomplete". When the store supplies a missing intermediate and verification
    ///   succeeds, the chain is counted complete (clients with that store connect fine). A chain
    ///   that omits a second-level intermediate (leaf's issuer sent, its issuer not) is
    ///   indistinguishable from an unknown root without fetching AIA, which a probe does not do,
    ///   and is counted complete. An empty chain is incomplete.
    /// - A store that cannot be loaded (missing or empty CA file) yields `verified: false` with
    ///   `error` "trust store PATH: …" and `errorCode` nil: never a silent "untrusted". Callers that
    ///   want to fail early call `TrustStore.check()` first.
    public static func verify(chain: [[UInt8]], name: String?, store: TrustStore, at time: Int) -> TLSTrust {
        verify(chain: chain, name: name, store: store, preloaded: nil, at: time)
    }

    /// The same with a store loaded once by the caller (`LoadedTrustStore`), for many chains.
    public static func verify(chain: [[UInt8]], name: String?, loaded: LoadedTrustStore, at time: Int) -> TLSTrust {
        verify(chain: chain, name: name, store: loaded.store, preloaded: loaded, at: time)
    }

    private static func verify(chain: [[UInt8]], name: String?, store: TrustStore, preloaded: LoadedTrustStore?, at time: Int) -> TLSTrust {
        let checkedName = (name?.isEmpty ?? true) ? nil : name
        guard !chain.isEmpty else {
            return TLSTrust(verified: false, error: "no certificate", errorCode: nil, hostnameMatches: checkedName == nil ? nil : false,
                            checkedName: checkedName, chainComplete: false, selfSigned: false, store: store.description)
        }
        var handles: [X509Handle] = []
        for (i, der) in chain.enumerated() {
            guard let h = X509Handle(der: der) else {
                ERR_clear_error()
                if i == 0 {
                    return TLSTrust(verified: false, error: "certificate 0 is not a DER X.509 certificate", errorCode: nil,
                                    hostnameMatches: checkedName == nil ? nil : false, checkedName: checkedName,
                                    chainComplete: false, selfSigned: false, store: store.description)
                }
                continue   // an unparsable extra certificate cannot help build the path
            }
            handles.append(h)
        }
        let leaf = handles[0].pointer
        let selfSigned = CertificateInspector.isSelfSigned(leaf)
        let hostnameMatches = checkedName.map { matches(leaf, name: $0) }

        func result(verified: Bool, error: String?, code: Int?, complete: Bool) -> TLSTrust {
            TLSTrust(verified: verified, error: error, errorCode: code, hostnameMatches: hostnameMatches, checkedName: checkedName,
                     chainComplete: complete, selfSigned: selfSigned, store: store.description)
        }

        let loaded: LoadedTrustStore
        do throws(TLSProbeError) {
            if let preloaded { loaded = preloaded } else { loaded = try LoadedTrustStore(store) }
        } catch {
            let text: String
            if case .system(let s) = error { text = s } else { text = "\(error)" }
            return result(verified: false, error: text, code: nil, complete: true)
        }
        // OpenSSL holds raw pointers into `handles` and `loaded` below: keep both alive to the end.
        return withExtendedLifetime((handles, loaded)) {
            verifyPath(leaf: leaf, handles: handles, store: loaded.pointer, at: time, selfSigned: selfSigned, make: result)
        }
    }

    private static func verifyPath(leaf: OpaquePointer, handles: [X509Handle], store: OpaquePointer, at time: Int, selfSigned: Bool,
                                   make: (Bool, String?, Int?, Bool) -> TLSTrust) -> TLSTrust {
        func result(verified: Bool, error: String?, code: Int?, complete: Bool) -> TLSTrust {
            make(verified, error, code, complete)
        }

        guard let untrusted = cssl_sk_X509_new_null() else {
            return result(verified: false, error: "out of memory", code: nil, complete: true)
        }
        defer { cssl_sk_X509_free(untrusted) }   // the stack only: the handles own the certificates
        for h in handles.dropFirst() { _ = cssl_sk_X509_push(untrusted, h.pointer) }

        guard let ctx = X509_STORE_CTX_new() else {
            return result(verified: false, error: "out of memory", code: nil, complete: true)
        }
        defer { X509_STORE_CTX_free(ctx) }
        ERR_clear_error()
        guard X509_STORE_CTX_init(ctx, store, leaf, untrusted) == 1 else {
            let why = OpenSSLErrors.drain() ?? "X509_STORE_CTX_init failed"
            return result(verified: false, error: why, code: nil, complete: true)
        }
        if let param = X509_STORE_CTX_get0_param(ctx) {
            X509_VERIFY_PARAM_set_time(param, time_t(time))
            _ = X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_SERVER)
        }
        let ok = X509_verify_cert(ctx) == 1
        defer { ERR_clear_error() }
        if ok { return result(verified: true, error: nil, code: nil, complete: true) }

        let code = X509_STORE_CTX_get_error(ctx)
        let text = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "verification failed (\(code))"
        var complete = true
        if code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY || code == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, !selfSigned {
            let issuerSent = handles.dropFirst().contains { X509_check_issued($0.pointer, leaf) == X509_V_OK }
            complete = issuerSent
        }
        return result(verified: false, error: text, code: Int(code), complete: complete)
    }

    /// The leaf names `name`: an IP literal against IP SANs, anything else as a DNS name.
    static func matches(_ leaf: OpaquePointer, name: String) -> Bool {
        var host = name
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        defer { ERR_clear_error() }
        if isIPLiteral(host) { return X509_check_ip_asc(leaf, host, 0) == 1 }
        return X509_check_host(leaf, host, host.utf8.count, 0, nil) == 1
    }

    static func isIPLiteral(_ s: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, s, &v4) == 1 || inet_pton(AF_INET6, s, &v6) == 1
    }
}
