import Capture
/// One TLS endpoint to probe: where to connect, which name to present, and whether TLS is
/// reached directly or through STARTTLS.
public struct TLSTarget: Sendable, Equatable, Hashable {
    /// The name or address as the user gave it (reported as `host`).
    public var host: String
    /// An IPv4 or IPv6 literal; names are resolved before a target is built.
    public var address: String
    public var port: Int
    /// Sent as SNI and checked against the certificate; nil for a bare IP target
    /// (then the certificate is checked against the IP address).
    public var serverName: String?
    public var starttls: StartTLSProtocol?

    public init(host: String, address: String, port: Int, serverName: String? = nil, starttls: StartTLSProtocol? = nil) {
        self.host = host; self.address = address; self.port = port; self.serverName = serverName; self.starttls = starttls
    }

    /// `198.18.0.10:443`, `[2001:2::1]:443`.
    public var endpoint: String { address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)" }
}

/// How hard and how wide to probe.
public struct TLSScanOptions: Sendable {
    /// TCP connect timeout per attempt.
    public var connectTimeout: Duration = .seconds(3)
    /// Time allowed for a server's reply (STARTTLS dialogue and handshake) per attempt.
    public var readTimeout: Duration = .seconds(5)
    /// Attempts that time out or reset are retried this many times before counting as refused.
    public var retries: Int = 1
    /// Endpoints probed at once.
    public var endpointWidth: Int = 16
    /// Connections open at once per endpoint (servers rate-limit handshakes; keep this modest).
    public var perEndpointWidth: Int = 8
    /// Trust anchors for chain verification.
    public var trustStore: TrustStore = .system
    /// Unix seconds the certificates are verified at (pinned by tests and SOURCE_DATE_EPOCH).
    public var verifyTime: Int
    /// Name used in EHLO/HELO for STARTTLS.
    public var clientName: String = "netaudit.invalid"
    /// SIGINT/SIGTERM: endpoints not yet probed, and rounds not yet run, are skipped and the
    /// endpoints concerned reported as `error` ("interrupted"), so the output is still written.
    public var stop: StopSignal? = nil

    var stopped: Bool { stop?.isStopped ?? false }

    public init(verifyTime: Int) { self.verifyTime = verifyTime }
}

extension TLSScanOptions {
    /// A copy trusting `store`.
    public func with(store: TrustStore) -> TLSScanOptions {
        var copy = self
        copy.trustStore = store
        return copy
    }
}
