/// Why a TLS probe step failed. The orchestrator maps these to `TLSEndpoint.Status`:
/// `.unreachable` → `unreachable`, `.starttlsNotOffered` → `no_tls`, everything else → `error`
/// (or `no_tls` for a `.protocolError` before any TLS byte, at the caller's discretion).
public enum TLSProbeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// TCP connect failed: refused, no route, or no answer before the connect timeout.
    case unreachable(String)
    /// The peer did not answer (or accept data) before the deadline.
    case timeout(String)
    /// The peer closed the connection (EOF) when more data was expected.
    case closed
    /// The peer spoke, but not the protocol expected (bad STARTTLS reply, TLS alert, unparsable DER…).
    case protocolError(String)
    /// The server does not offer STARTTLS (or refused the upgrade command); the text says which.
    case starttlsNotOffered(String)
    /// A local failure: socket(2), OpenSSL allocation, an unreadable trust store.
    case system(String)

    public var description: String {
        switch self {
        case .unreachable(let s): "unreachable: \(s)"
        case .timeout(let s): "timeout: \(s)"
        case .closed: "connection closed by peer"
        case .protocolError(let s): "protocol error: \(s)"
        case .starttlsNotOffered(let s): "STARTTLS not offered: \(s)"
        case .system(let s): "system error: \(s)"
        }
    }
}
