/// TLS facts: per server endpoint, what active probing (`netaudit tls`, `audit --scan`) or a
/// capture showed: protocol versions and the cipher suites accepted for each, key-exchange
/// groups, certificate facts, trust verdicts and, for mail, what the server offers before TLS.
/// Documented in docs/tls-json.md; part of the versioned snapshot contract (`Snapshot.tls`).
/// Facts only: whether a version or a suite is acceptable is the profile's decision.

public struct TLSSnapshot: Codable, Sendable, Equatable {
    /// One entry per (address, port, SNI, STARTTLS protocol), sorted by address then port.
    public var endpoints: [TLSEndpoint]
    public init(endpoints: [TLSEndpoint] = []) { self.endpoints = endpoints }
}

public struct TLSEndpoint: Codable, Sendable, Equatable {
    /// How the facts were obtained.
    public enum Origin: String, Codable, Sendable { case probe, capture }
    /// `ok`: a TLS handshake completed or was refused at the TLS layer (facts below).
    /// `unreachable`: TCP connect failed or timed out (never a pass).
    /// `no_tls`: the port answered but not with TLS (or STARTTLS was not offered).
    /// `error`: something else went wrong; see `error`.
    public enum Status: String, Codable, Sendable { case ok, unreachable, noTLS = "no_tls", error }

    /// The name or address as given on the command line, the scan or the ledger.
    public var host: String
    /// The IP address connected to (or seen in the capture).
    public var address: String
    public var port: Int
    /// Server name sent in the ClientHello (probe) or seen in it (capture).
    public var sni: String?
    /// `smtp`, `imap`, `pop3`, `ftp`, `ldap` when TLS was reached through STARTTLS.
    public var starttls: String?
    public var origin: Origin
    public var status: Status
    public var error: String?
    /// One entry per protocol version probed (probe) or negotiated (capture), oldest first.
    public var protocols: [TLSProtocolSupport]
    /// Key-exchange groups the server accepted (ECDHE curves, FFDHE groups), and finite-field
    /// DH parameters seen in ServerKeyExchange.
    public var groups: [TLSGroup]
    /// Smallest finite-field DH prime (bits) the server used with a DHE suite; nil when none.
    public var dhMinBits: Int?
    /// Whether the server chose a suite by its own preference order (nil: not determined).
    public var serverCipherPreference: Bool?
    /// RFC 5746 renegotiation_info in the ServerHello (TLS ≤ 1.2; nil when not determined).
    public var secureRenegotiation: Bool?
    /// The server accepted DEFLATE compression (CRIME); nil when not determined.
    public var compression: Bool?
    /// The chain as the server sent it, leaf first (not reordered).
    public var certificates: [TLSCertificate]
    /// Chain verification and name check; nil when no certificate was obtained.
    public var trust: TLSTrust?
    /// What a mail (or FTP) server offered before TLS; nil for implicit-TLS ports.
    public var plaintext: TLSPlaintextFacts?
    /// Milliseconds spent on this endpoint (probe only).
    public var durationMS: Int?
    public var evidence: Evidence?

    public init(host: String, address: String, port: Int, sni: String? = nil, starttls: String? = nil,
                origin: Origin, status: Status, error: String? = nil, protocols: [TLSProtocolSupport] = [],
                groups: [TLSGroup] = [], dhMinBits: Int? = nil, serverCipherPreference: Bool? = nil,
                secureRenegotiation: Bool? = nil, compression: Bool? = nil, certificates: [TLSCertificate] = [],
                trust: TLSTrust? = nil, plaintext: TLSPlaintextFacts? = nil, durationMS: Int? = nil, evidence: Evidence? = nil) {
        self.host = host; self.address = address; self.port = port; self.sni = sni; self.starttls = starttls
        self.origin = origin; self.status = status; self.error = error; self.protocols = protocols
        self.groups = groups; self.dhMinBits = dhMinBits; self.serverCipherPreference = serverCipherPreference
        self.secureRenegotiation = secureRenegotiation; self.compression = compression
        self.certificates = certificates; self.trust = trust; self.plaintext = plaintext
        self.durationMS = durationMS; self.evidence = evidence
    }

    /// Versions the server accepted, oldest first.
    public var acceptedProtocols: [TLSProtocolSupport] { protocols.filter(\.accepted) }

    enum CodingKeys: String, CodingKey {
        case host, address, port, sni, starttls, origin, status, error, protocols, groups
        case dhMinBits = "dh_min_bits", serverCipherPreference = "server_cipher_preference"
        case secureRenegotiation = "secure_renegotiation", compression, certificates, trust, plaintext
        case durationMS = "duration_ms", evidence
    }
}

/// One protocol version: `SSLv2`, `SSLv3`, `TLSv1.0`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3`.
public struct TLSProtocolSupport: Codable, Sendable, Equatable {
    public var version: String
    public var accepted: Bool
    /// Suites accepted with this version, in code-point order (stable across runs; whether the
    /// server imposes its own order is `TLSEndpoint.serverCipherPreference`). Empty when not accepted.
    public var cipherSuites: [TLSCipherSuite]

    public init(version: String, accepted: Bool, cipherSuites: [TLSCipherSuite] = []) {
        self.version = version; self.accepted = accepted; self.cipherSuites = cipherSuites
    }
    enum CodingKeys: String, CodingKey { case version, accepted, cipherSuites = "cipher_suites" }
}

/// A cipher suite with its properties spelled out, so the document is self-describing and a
/// rule needs no registry: `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256` → ECDHE / RSA / AES_128_GCM.
public struct TLSCipherSuite: Codable, Sendable, Equatable, Hashable {
    /// IANA code point, `0xC02F` (SSLv2 kinds are 3 bytes: `0x010080`).
    public var code: String
    /// IANA name (`TLS_…`, `SSL_CK_…` for SSLv2), or `UNKNOWN_0xNNNN`.
    public var name: String
    /// `ECDHE`, `DHE`, `RSA` (static), `DH`, `ECDH`, `PSK`, `SRP`, `NULL`, `TLS13` (any group).
    public var keyExchange: String
    /// `RSA`, `ECDSA`, `DSS`, `anon`, `PSK`, `NULL`, `TLS13` (from the certificate).
    public var authentication: String
    /// `AES_128_GCM`, `CHACHA20_POLY1305`, `AES_256_CBC`, `3DES_EDE_CBC`, `RC4_128`, `DES_CBC`, `NULL`, ….
    public var encryption: String
    /// Effective symmetric key bits (0 for NULL; 40/56 for export).
    public var bits: Int
    /// `GCM`, `CCM`, `POLY1305`, `CBC`, `STREAM`, `NONE`.
    public var mode: String
    /// `SHA256`, `SHA384`, `SHA`, `MD5`, `AEAD`.
    public var mac: String
    public var export: Bool

    public init(code: String, name: String, keyExchange: String, authentication: String, encryption: String,
                bits: Int, mode: String, mac: String, export: Bool) {
        self.code = code; self.name = name; self.keyExchange = keyExchange; self.authentication = authentication
        self.encryption = encryption; self.bits = bits; self.mode = mode; self.mac = mac; self.export = export
    }

    /// (EC)DHE or TLS 1.3: the session keys do not depend on the certificate's key.
    public var forwardSecret: Bool { ["ECDHE", "DHE", "TLS13"].contains(keyExchange) }

    enum CodingKeys: String, CodingKey {
        case code, name, keyExchange = "key_exchange", authentication, encryption, bits, mode, mac, export
    }
}

/// A key-exchange group: `x25519`, `secp256r1`, `ffdhe2048`, or `dh1024` for custom DHE primes.
public struct TLSGroup: Codable, Sendable, Equatable, Hashable {
    public var name: String
    /// `ecdhe`, `ffdhe` (named RFC 7919 group) or `dhe` (custom prime from ServerKeyExchange).
    public var kind: String
    /// Prime or curve size in bits.
    public var bits: Int
    public init(name: String, kind: String, bits: Int) { self.name = name; self.kind = kind; self.bits = bits }
}

/// One certificate's facts, parsed with OpenSSL from the DER the server sent.
public struct TLSCertificate: Codable, Sendable, Equatable {
    /// RFC 2253 distinguished names.
    public var subject: String
    public var issuer: String
    public var serial: String
    public var notBefore: Timestamp
    public var notAfter: Timestamp
    /// `RSA`, `EC`, `Ed25519`, `Ed448`, `DSA`, `DH`.
    public var keyType: String
    public var keyBits: Int
    /// Curve name for EC keys (`prime256v1`).
    public var curve: String?
    /// OpenSSL's long name, `sha256WithRSAEncryption`, `ecdsa-with-SHA256`.
    public var signatureAlgorithm: String
    /// The signature's hash: `md5`, `sha1`, `sha256`, … (nil for Ed25519/Ed448).
    public var signatureHash: String?
    /// DNS and IP subjectAltNames (`DNS:` / `IP:` prefixes dropped).
    public var subjectAltNames: [String]
    public var commonName: String?
    /// Subject equals issuer and the signature verifies with its own key.
    public var selfSigned: Bool
    public var isCA: Bool
    /// SHA-256 of the DER, lowercase hex.
    public var sha256: String

    public init(subject: String, issuer: String, serial: String, notBefore: Timestamp, notAfter: Timestamp,
                keyType: String, keyBits: Int, curve: String? = nil, signatureAlgorithm: String, signatureHash: String?,
                subjectAltNames: [String], commonName: String?, selfSigned: Bool, isCA: Bool, sha256: String) {
        self.subject = subject; self.issuer = issuer; self.serial = serial; self.notBefore = notBefore; self.notAfter = notAfter
        self.keyType = keyType; self.keyBits = keyBits; self.curve = curve; self.signatureAlgorithm = signatureAlgorithm
        self.signatureHash = signatureHash; self.subjectAltNames = subjectAltNames; self.commonName = commonName
        self.selfSigned = selfSigned; self.isCA = isCA; self.sha256 = sha256
    }

    enum CodingKeys: String, CodingKey {
        case subject, issuer, serial, notBefore = "not_before", notAfter = "not_after", keyType = "key_type"
        case keyBits = "key_bits", curve, signatureAlgorithm = "signature_algorithm", signatureHash = "signature_hash"
        case subjectAltNames = "subject_alt_names", commonName = "common_name", selfSigned = "self_signed"
        case isCA = "is_ca", sha256
    }
}

/// Chain verification with OpenSSL against the trust store named in `store`.
public struct TLSTrust: Codable, Sendable, Equatable {
    /// A path from the leaf to a trusted root was built and verified (validity times included).
    public var verified: Bool
    /// OpenSSL's verify error text when not verified (`self-signed certificate`, …).
    public var error: String?
    /// OpenSSL's X509_V_ERR code when not verified.
    public var errorCode: Int?
    /// The leaf names the host probed (`X509_check_host`/`X509_check_ip`); nil when no name was probed.
    public var hostnameMatches: Bool?
    /// The name it was checked against.
    public var checkedName: String?
    /// False when the server omitted an intermediate that the store could not supply but
    /// which exists (verification succeeds only with it), or the leaf's issuer is neither sent
    /// nor a trusted root.
    public var chainComplete: Bool
    /// The leaf is self-signed.
    public var selfSigned: Bool
    /// `system` (the OS bundle), a CA file path, or `system+FILE`.
    public var store: String

    public init(verified: Bool, error: String? = nil, errorCode: Int? = nil, hostnameMatches: Bool?, checkedName: String?,
                chainComplete: Bool, selfSigned: Bool, store: String) {
        self.verified = verified; self.error = error; self.errorCode = errorCode; self.hostnameMatches = hostnameMatches
        self.checkedName = checkedName; self.chainComplete = chainComplete; self.selfSigned = selfSigned; self.store = store
    }

    enum CodingKeys: String, CodingKey {
        case verified, error, errorCode = "error_code", hostnameMatches = "hostname_matches", checkedName = "checked_name"
        case chainComplete = "chain_complete", selfSigned = "self_signed", store
    }
}

/// What a STARTTLS-capable server said before TLS.
public struct TLSPlaintextFacts: Codable, Sendable, Equatable {
    /// `smtp`, `imap`, `pop3`, `ftp`, `ldap`.
    public var protocolName: String
    /// First line of the greeting (control characters escaped; never credentials).
    public var greeting: String?
    public var starttlsOffered: Bool
    /// Authentication mechanisms offered before TLS (`PLAIN`, `LOGIN`, `USER` for POP3,
    /// `LOGIN` for IMAP when LOGINDISABLED is absent).
    public var authBeforeTLS: [String]

    public init(protocolName: String, greeting: String?, starttlsOffered: Bool, authBeforeTLS: [String]) {
        self.protocolName = protocolName; self.greeting = greeting; self.starttlsOffered = starttlsOffered
        self.authBeforeTLS = authBeforeTLS
    }
    enum CodingKeys: String, CodingKey {
        case protocolName = "protocol", greeting, starttlsOffered = "starttls_offered", authBeforeTLS = "auth_before_tls"
    }
}
