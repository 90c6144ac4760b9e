import Packets
import Snapshot

/// One connection: TCP connect, STARTTLS if the target needs it, one crafted hello, and the
/// server's first flight parsed until it is complete (or refused). The unit the scanner counts.
enum HandshakeOutcome: Sendable {
    /// The server answered with a (partial) flight: a ServerHello, or an alert refusing the hello.
    case flight(TLSServerFlight)
    /// The connection was closed or reset without a TLS answer: the hello was refused.
    case refused(String)
    /// The port answered, but not with TLS (an HTTP error page, a banner).
    case notTLS(String)
    /// STARTTLS was not offered or was refused.
    case noStartTLS(TLSPlaintextFacts)
    case unreachable(String)
    case timeout(String)
    /// Something failed on this side (no descriptor, no memory): says nothing about the server.
    case localError(String)

    /// A ServerHello (or an SSLv2 SERVER-HELLO) came back.
    var serverHello: TLSServerHello? {
        if case .flight(let flight) = self { return flight.serverHello }
        return nil
    }

    var flight: TLSServerFlight? {
        if case .flight(let flight) = self { return flight }
        return nil
    }

    /// Worth trying again: the answer may have been lost rather than refused (the endpoint was
    /// reachable before, so a failed connect now is load, not absence).
    var isTransient: Bool {
        switch self {
        case .timeout, .unreachable, .localError: true
        default: false
        }
    }

    /// No verdict on the hello: neither an answer nor a refusal. Counting it as "refused" would
    /// let a version or suite that was merely unanswered pass as not accepted.
    var isInconclusive: Bool { isTransient }
}

struct HandshakeAttempt {
    let target: TLSTarget
    let options: TLSScanOptions

    /// Connects, negotiates STARTTLS when needed, sends `hello` and reads the answer.
    func run(_ hello: [UInt8]) -> HandshakeOutcome {
        var outcome = once(hello)
        var retries = options.retries
        while outcome.isTransient && retries > 0 && !options.stopped {
            retries -= 1
            outcome = once(hello)
        }
        return outcome
    }

    /// A connection that has reached the point where TLS bytes may flow (STARTTLS done).
    func open() -> Result<(TCPStream, TLSPlaintextFacts?), HandshakeOutcomeError> {
        let stream: TCPStream
        do {
            stream = try TCPStream.connect(address: target.address, port: target.port, timeout: options.connectTimeout)
        } catch {
            return .failure(HandshakeOutcomeError(outcome: HandshakeAttempt.classify(error)))
        }
        guard let proto = target.starttls else { return .success((stream, nil)) }
        do {
            let (facts, upgraded) = try StartTLS.probe(proto, on: stream, clientName: options.clientName,
                                                       deadline: .now + options.readTimeout, upgrade: true)
            guard upgraded else {
                stream.close()
                return .failure(HandshakeOutcomeError(outcome: .noStartTLS(facts)))
            }
            return .success((stream, facts))
        } catch {
            stream.close()
            return .failure(HandshakeOutcomeError(outcome: HandshakeAttempt.classify(error)))
        }
    }

    private func once(_ hello: [UInt8]) -> HandshakeOutcome {
        let stream: TCPStream
        switch open() {
        case .success(let opened): stream = opened.0
        case .failure(let error): return error.outcome
        }
        defer { stream.close() }
        let deadline = ContinuousClock.now + options.readTimeout
        do {
            try stream.send(hello, deadline: deadline)
        } catch {
            return HandshakeAttempt.classify(error)
        }
        var parser = TLSServerFlightParser()
        while true {
            let bytes: [UInt8]
            do {
                bytes = try stream.receive(max: 16384, deadline: deadline)
            } catch {
                // What arrived before a reset still counts: a ServerHello followed by a reset is an answer.
                if parser.flight.serverHello != nil || parser.flight.alert != nil || parser.flight.sslv2 != nil {
                    return .flight(parser.flight)
                }
                return HandshakeAttempt.classify(error)
            }
            if bytes.isEmpty {
                if parser.flight.serverHello != nil || parser.flight.alert != nil || parser.flight.sslv2 != nil {
                    return .flight(parser.flight)
                }
                return .refused("connection closed without a TLS answer")
            }
            let state = bytes.withUnsafeBytes { parser.feed($0) }
            switch state {
            case .needMore: continue
            case .complete: return .flight(parser.flight)
            case .malformed(let reason):
                if parser.flight.serverHello != nil { return .flight(parser.flight) }
                return .notTLS(reason)
            }
        }
    }

    static func classify(_ error: Error) -> HandshakeOutcome {
        guard let error = error as? TLSProbeError else { return .refused("\(error)") }
        switch error {
        case .unreachable(let why): return .unreachable(why)
        case .timeout(let why): return .timeout(why)
        case .closed: return .refused("connection closed")
        case .protocolError(let why): return .notTLS(why)
        case .starttlsNotOffered(let why): return .refused("STARTTLS: \(why)")
        case .system(let why): return .localError(why)
        }
    }
}

struct HandshakeOutcomeError: Error { let outcome: HandshakeOutcome }
