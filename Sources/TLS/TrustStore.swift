import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// Where trusted roots come from: the system bundle, a CA file (PEM, one or more
/// certificates), or both.
public struct TrustStore: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Debian's (and Ubuntu's) bundle, built by update-ca-certificates.
    public static let systemBundlePath = "/etc/ssl/certs/ca-certificates.crt"

    /// Whether the system bundle is included.
    public let includesSystem: Bool
    /// A CA file given by the user.
    public let path: String?

    /// The OS bundle only.
    public static let system = TrustStore(includesSystem: true, path: nil)

    /// A CA file, with or without the system bundle.
    public static func file(_ path: String, includeSystem: Bool) -> TrustStore {
        TrustStore(includesSystem: includeSystem, path: path)
    }

    private init(includesSystem: Bool, path: String?) {
        self.includesSystem = includesSystem
        self.path = path
    }

    /// `system`, the CA file path, or `system+PATH` (the `TLSTrust.store` text).
    public var description: String {
        switch (includesSystem, path) {
        case (true, nil): "system"
        case (false, let p?): p
        case (true, let p?): "system+\(p)"
        case (false, nil): "empty"
        }
    }

    /// The files this store reads, system bundle first.
    public var files: [String] { (includesSystem ? [Self.systemBundlePath] : []) + (path.map { [$0] } ?? []) }

    /// Loads every file, so a command can refuse a missing or unreadable CA file before probing.
    /// Throws `.system("trust store …: …")`.
    public func check() throws(TLSProbeError) {
        _ = try LoadedTrustStore(self)
    }
}

/// A `TrustStore` loaded once (an `X509_STORE`, freed in deinit), for callers that verify many
/// chains: loading the system bundle costs tens of milliseconds, verifying a chain well under one.
/// X509_STORE is locked internally, so one loaded store serves verifications on many threads.
/// Pass it to `TrustVerifier.verify(chain:name:loaded:at:)`.
public final class LoadedTrustStore: @unchecked Sendable {
    let pointer: OpaquePointer
    /// What was loaded.
    public let store: TrustStore

    /// Loads every file of `store`; throws `.system("trust store PATH: …")` for a missing,
    /// unreadable or certificate-less file.
    public init(_ store: TrustStore) throws(TLSProbeError) {
        self.store = store
        guard let s = X509_STORE_new() else { throw .system("trust store: X509_STORE_new failed") }
        ERR_clear_error()
        for file in store.files {
            // X509_STORE_load_file accepts an empty file, and a missing one fails with a generic
            // "system lib" error: check both first, so the message says what is wrong.
            var st = stat()
            if stat(file, &st) != 0 {
                let e = errno
                X509_STORE_free(s)
                throw .system("trust store \(file): \(String(cString: strerror(e)))")
            }
            let before = Self.objectCount(s)
            if X509_STORE_load_file(s, file) != 1 || Self.objectCount(s) == before {
                let why = OpenSSLErrors.drain() ?? "no certificates found"
                X509_STORE_free(s)
                throw .system("trust store \(file): cannot load certificates (\(why))")
            }
        }
        pointer = s
    }

    private static func objectCount(_ store: OpaquePointer) -> Int32 {
        guard let objects = X509_STORE_get0_objects(store) else { return 0 }
        return OPENSSL_sk_num(objects)
    }

    deinit { X509_STORE_free(pointer) }
}
