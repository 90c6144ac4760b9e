import Packets
import Snapshot

/// Probes TLS endpoints with crafted hellos (versions, suites, groups, compression, preference)
/// and one certificate fetch, concurrently with bounded width, and returns one `TLSEndpoint`
/// each. A dead or filtered port is `unreachable`, never a pass; a port that does not speak TLS
/// is `no_tls`.
///
/// Why enumerate by hand: OpenSSL 3 cannot offer SSLv3, RC4, 3DES or export suites, so only a
/// crafted ClientHello finds them. Each suite list is enumerated the way nmap and sslscan do it:
/// offer a set, record the server's pick, drop it, repeat until the server refuses; the registry
/// is split into chunks enumerated in parallel so one endpoint costs roughly
/// (accepted suites + chunks) handshakes per version, at `perEndpointWidth` at a time.
public struct TLSScanner: Sendable {
    public let options: TLSScanOptions

    public init(options: TLSScanOptions) { self.options = options }

    /// Suites per hello while enumerating: small enough for servers that choke on long hellos
    /// (some balancers reject hellos of 256–511 bytes), large enough to keep the round count low.
    static let chunkSize = 48

    public func scan(_ targets: [TLSTarget], progress: (@Sendable (TLSEndpoint) -> Void)? = nil) -> [TLSEndpoint] {
        // Loading the system bundle costs ~70 ms: once per run, shared by every verification.
        let store = try? LoadedTrustStore(options.trustStore)
        return BoundedWorkers.map(targets, width: options.endpointWidth) { target in
            let endpoint = probe(target, store: store)
            progress?(endpoint)
            return endpoint
        }
    }

    /// Everything about one endpoint.
    public func probe(_ target: TLSTarget, store: LoadedTrustStore? = nil) -> TLSEndpoint {
        let started = ContinuousClock.now
        var endpoint = options.stopped
            ? TLSEndpoint(host: target.host, address: target.address, port: target.port, sni: target.serverName,
                          starttls: target.starttls?.rawValue, origin: .probe, status: .error)
            : observe(target, store: store)
        if options.stopped {
            // Whatever was learnt before the stop is kept, but an interrupted endpoint is never judged clean.
            endpoint.status = .error
            endpoint.error = "interrupted (SIGINT/SIGTERM): not probed or results incomplete"
        }
        endpoint.durationMS = Int((ContinuousClock.now - started) / .milliseconds(1))
        return endpoint
    }

    private func observe(_ target: TLSTarget, store: LoadedTrustStore?) -> TLSEndpoint {
        var endpoint = TLSEndpoint(host: target.host, address: target.address, port: target.port, sni: target.serverName,
                                   starttls: target.starttls?.rawValue, origin: .probe, status: .ok)
        let attempt = HandshakeAttempt(target: target, options: options)

        // 1. Reachability, and what a STARTTLS server says before TLS.
        switch attempt.open() {
        case .success(let (stream, facts)):
            stream.close()
            endpoint.plaintext = facts
        case .failure(let error):
            switch error.outcome {
            case .noStartTLS(let facts):
                endpoint.plaintext = facts
                endpoint.status = .noTLS
                endpoint.error = "\(target.starttls?.rawValue ?? "STARTTLS") server "
                    + (facts.starttlsOffered ? "offers STARTTLS but refused the upgrade" : "does not offer STARTTLS")
            case .unreachable(let why), .timeout(let why):
                endpoint.status = .unreachable
                endpoint.error = why
            case .notTLS(let why), .refused(let why), .localError(let why):
                endpoint.status = .error
                endpoint.error = why
            case .flight:
                break
            }
            return endpoint
        }

        // 2. Which versions: one hello per version offering every suite.
        let versions: [ProbeVersion] = [.sslv2] + TLSProtocolVersion.allCases.map(ProbeVersion.tls)
        let detection = BoundedWorkers.map(versions, width: options.perEndpointWidth) { version in
            (version, attempt.run(hello(for: version, suites: allSuites(for: version), serverName: target.serverName)))
        }
        if detection.allSatisfy({ if case .notTLS = $0.1 { true } else { false } }) {
            endpoint.status = .noTLS
            if case .notTLS(let why) = detection.first?.1 { endpoint.error = why }
            return endpoint
        }
        if detection.allSatisfy({ if case .unreachable = $0.1 { true } else { false } }) {
            endpoint.status = .unreachable
            endpoint.error = "connections failed after the first one succeeded"
            return endpoint
        }
        if detection.allSatisfy({ $0.1.isInconclusive }) {
            // The port accepts connections but nothing answers a ClientHello: a silent service, not a pass.
            endpoint.status = .error
            endpoint.error = "no answer to any ClientHello within \(options.readTimeout)"
            return endpoint
        }
        var sslv2Suites: [TLSCipherSuite] = []
        var acceptedVersions: [TLSProtocolVersion] = []
        var flights: [TLSServerFlight] = []
        for (version, outcome) in detection {
            switch version {
            case .sslv2:
                if let v2 = outcome.flight?.sslv2, !v2.cipherKinds.isEmpty {
                    sslv2Suites = v2.cipherKinds.map(SSLv2Suites.suite)
                    if !v2.certificate.isEmpty {
                        var flight = TLSServerFlight()
                        flight.certificates = [v2.certificate]
                        flights.append(flight)
                    }
                }
            case .tls(let v):
                if let hello = outcome.serverHello, accepts(hello, version: v) {
                    acceptedVersions.append(v)
                    if let flight = outcome.flight { flights.append(flight) }
                }
            }
        }

        // 3. Suites per accepted version (chunked enumeration, all chunks in parallel).
        var jobs: [EnumerationJob] = []
        for v in acceptedVersions {
            let suites = v == .tls13 ? TLSCipherSuiteRegistry.tls13.map(\.code) : TLSCipherSuiteRegistry.all.map(\.code)
            var start = 0
            while start < suites.count {
                jobs.append(EnumerationJob(version: v, suites: Array(suites[start..<min(start + TLSScanner.chunkSize, suites.count)])))
                start += TLSScanner.chunkSize
            }
        }
        let enumerated = BoundedWorkers.map(jobs, width: options.perEndpointWidth) { job in enumerate(job, attempt) }
        var accepted: [TLSProtocolVersion: Set<UInt16>] = [:]
        var unanswered: [String] = detection.filter { $0.1.isInconclusive }.map { version, _ in
            switch version { case .sslv2: "SSLv2 hello"; case .tls(let v): "\(v.name) hello" }
        }
        for (job, result) in zip(jobs, enumerated) {
            accepted[job.version, default: []].formUnion(result.suites)
            flights += result.flights
            if result.inconclusive { unanswered.append("\(job.version.name) suite enumeration") }
        }

        var protocols: [TLSProtocolSupport] = [TLSProtocolSupport(version: "SSLv2", accepted: !sslv2Suites.isEmpty, cipherSuites: sslv2Suites)]
        for v in TLSProtocolVersion.allCases {
            let codes = (accepted[v] ?? []).sorted()
            let suites = codes.map { code in TLSCipherSuiteRegistry.info(code).map { TLSCipherSuite($0) } ?? TLSScanner.unknownSuite(code) }
            // A version is accepted when a hello for it was answered in kind, even if no suite
            // enumeration round succeeded afterwards (a server that rate-limits, say).
            protocols.append(TLSProtocolSupport(version: v.name, accepted: acceptedVersions.contains(v), cipherSuites: suites))
        }
        endpoint.protocols = protocols

        let legacy = acceptedVersions.filter { $0 != .tls13 }
        let highestLegacy = legacy.max()
        // 4. Groups, preference and compression, in parallel.
        var extraJobs: [ExtraProbe] = TLSNamedGroup.probeable.map(ExtraProbe.group)
        extraJobs.append(.preference)
        if highestLegacy != nil { extraJobs.append(.compression) }
        let ecdheSuites = legacy.isEmpty ? [] : Array(Set(legacy.flatMap { accepted[$0] ?? [] })).sorted()
            .filter { TLSCipherSuiteRegistry.info($0)?.keyExchange == "ECDHE" }
        let versionsFound = acceptedVersions, suitesFound = accepted
        let extras = BoundedWorkers.map(extraJobs, width: options.perEndpointWidth) { job in
            runExtra(job, attempt: attempt, acceptedVersions: versionsFound, accepted: suitesFound, ecdheSuites: ecdheSuites)
        }
        var groups: [TLSGroup] = []
        for (job, result) in zip(extraJobs, extras) {
            switch job {
            case .group(let code):
                if result == true, let name = TLSNamedGroup.name(code) {
                    groups.append(TLSGroup(name: name, kind: TLSNamedGroup.kind(code) ?? "ecdhe", bits: TLSNamedGroup.bits(code) ?? 0))
                }
            case .preference: endpoint.serverCipherPreference = result
            case .compression: endpoint.compression = result
            }
        }

        // 5. Facts every ≤ 1.2 flight carries: DH sizes, renegotiation_info.
        var dhBits: [Int] = []
        for flight in flights {
            if case .dhe(let bits) = flight.serverKeyExchange { dhBits.append(bits) }
        }
        for bits in Set(dhBits).sorted() { groups.append(TLSGroup(name: "dh\(bits)", kind: "dhe", bits: bits)) }
        endpoint.groups = groups
        endpoint.dhMinBits = dhBits.min()
        let legacyHellos = flights.compactMap(\.serverHello).filter { ($0.selectedVersion ?? .tls12) != .tls13 }
        if !legacyHellos.isEmpty { endpoint.secureRenegotiation = legacyHellos.contains { $0.renegotiationInfo } }

        // 6. The certificate chain: from a ≤ 1.2 handshake (newest version first), else a real TLS 1.3 handshake via OpenSSL.
        var chain = flights.filter { !$0.certificates.isEmpty }
            .max { ($0.serverHello?.selectedVersion ?? .ssl3) < ($1.serverHello?.selectedVersion ?? .ssl3) }?.certificates ?? []
        if chain.isEmpty, acceptedVersions.contains(.tls13) {
            if case .success(let (stream, _)) = attempt.open() {
                defer { stream.close() }
                do {
                    chain = try OpenSSLHandshake.handshake(on: stream, serverName: target.serverName,
                                                           deadline: .now + options.readTimeout).chain
                } catch {
                    endpoint.error = "certificate: TLS 1.3 handshake failed: \(error)"
                }
            }
        }
        var certificates: [TLSCertificate] = []
        for der in chain {
            do {
                certificates.append(try CertificateInspector.inspect(der: der))
            } catch {
                endpoint.error = "certificate \(certificates.count + 1): \(error)"
                break
            }
        }
        endpoint.certificates = certificates
        if !chain.isEmpty {
            let name = target.serverName ?? target.address
            endpoint.trust = store.map { TrustVerifier.verify(chain: chain, name: name, loaded: $0, at: options.verifyTime) }
                ?? TrustVerifier.verify(chain: chain, name: name, store: options.trustStore, at: options.verifyTime)
        }
        if acceptedVersions.isEmpty && sslv2Suites.isEmpty {
            // Refused at the TLS layer (an alert, or a ServerHello for another version) is a verdict;
            // connections closed without one are not: that is not a TLS server we could assess.
            let answered = detection.contains { $0.1.flight?.alert != nil || $0.1.serverHello != nil }
            endpoint.status = answered ? .ok : .error
            endpoint.error = endpoint.error ?? (answered ? "the server refused every protocol version offered"
                                                        : "no TLS answer to any ClientHello (connections closed or reset)")
        }
        if !unanswered.isEmpty {
            // Incomplete facts must not pass as a clean endpoint.
            endpoint.status = .error
            endpoint.error = "no answer (after retries) to: \(unanswered.joined(separator: ", ")); results incomplete"
        }
        return endpoint
    }

    // MARK: Hellos

    enum ProbeVersion: Sendable { case sslv2, tls(TLSProtocolVersion) }

    struct EnumerationJob: Sendable { let version: TLSProtocolVersion; let suites: [UInt16] }

    enum ExtraProbe: Sendable { case group(UInt16), preference, compression }

    private func allSuites(for version: ProbeVersion) -> [UInt16] {
        switch version {
        case .sslv2: []
        case .tls(.tls13): TLSCipherSuiteRegistry.tls13.map(\.code)
        case .tls: TLSCipherSuiteRegistry.all.map(\.code)
        }
    }

    private func hello(for version: ProbeVersion, suites: [UInt16], serverName: String?) -> [UInt8] {
        switch version {
        case .sslv2:
            var out: [UInt8] = []
            SSLv2ClientHello.write(cipherKinds: SSLv2ClientHello.allCipherKinds, challenge: TLSScanner.random(16), into: &out)
            return out
        case .tls(let v):
            return hello(serverName, v, suites: suites)
        }
    }

    func hello(_ serverName: String?, _ version: TLSProtocolVersion, suites: [UInt16], groups: [UInt16]? = nil,
               keyShare: Bool = true, compression: Bool = false) -> [UInt8] {
        var o = TLSClientHelloOptions(version: version, cipherSuites: suites, serverName: serverName)
        if let groups { o.groups = groups }
        if version == .tls13 {
            let offered = groups ?? o.groups
            // x25519 accepts any 32 bytes as a public key; the handshake is abandoned after the ServerHello.
            o.keyShares = keyShare && offered.contains(TLSScanner.x25519) ? [(group: TLSScanner.x25519, publicKey: TLSScanner.random(32))] : []
        }
        o.offerCompression = compression
        var out: [UInt8] = []
        TLSClientHello.write(o, random: TLSScanner.random(32), into: &out)
        return out
    }

    private func accepts(_ hello: TLSServerHello, version: TLSProtocolVersion) -> Bool {
        !hello.isHelloRetryRequest || version == .tls13 ? (hello.selectedVersion ?? .ssl3) == version : false
    }

    private func enumerate(_ job: EnumerationJob, _ attempt: HandshakeAttempt) -> (suites: [UInt16], flights: [TLSServerFlight], inconclusive: Bool) {
        let sni = attempt.target.serverName
        var remaining = job.suites
        var found: [UInt16] = []
        var flights: [TLSServerFlight] = []
        while !remaining.isEmpty && !options.stopped {
            let outcome = attempt.run(hello(sni, job.version, suites: remaining))
            if outcome.isInconclusive { return (found, flights, true) }
            guard let hello = outcome.serverHello, (hello.selectedVersion ?? .ssl3) == job.version,
                  let index = remaining.firstIndex(of: hello.cipherSuite) else { break }
            found.append(hello.cipherSuite)
            remaining.remove(at: index)
            if let flight = outcome.flight { flights.append(flight) }
        }
        return (found, flights, false)
    }

    private func runExtra(_ job: ExtraProbe, attempt: HandshakeAttempt, acceptedVersions: [TLSProtocolVersion],
                          accepted: [TLSProtocolVersion: Set<UInt16>], ecdheSuites: [UInt16]) -> Bool? {
        let sni = attempt.target.serverName
        switch job {
        case .group(let code):
            if acceptedVersions.contains(.tls13) {
                // No key share: a server supporting the group answers HelloRetryRequest naming it.
                let outcome = attempt.run(hello(sni, .tls13, suites: TLSCipherSuiteRegistry.tls13.map(\.code), groups: [code], keyShare: false))
                if let hello = outcome.serverHello { return hello.keyShareGroup == code }
                if TLSNamedGroup.kind(code) != "ecdhe" || ecdheSuites.isEmpty { return false }
            }
            guard TLSNamedGroup.kind(code) == "ecdhe", !ecdheSuites.isEmpty,
                  let version = acceptedVersions.filter({ $0 != .tls13 }).max() else { return nil }
            let outcome = attempt.run(hello(sni, version, suites: ecdheSuites, groups: [code]))
            if case .ecdhe(let curve) = outcome.flight?.serverKeyExchange { return curve == code }
            return false
        case .preference:
            // The two first suites of the newest version with at least two, offered in both orders.
            guard let version = acceptedVersions.sorted(by: >).first(where: { (accepted[$0]?.count ?? 0) >= 2 }),
                  let suites = accepted[version]?.sorted(), suites.count >= 2 else { return nil }
            let a = suites[0], b = suites[suites.count - 1]
            let first = attempt.run(hello(sni, version, suites: [a, b])).serverHello?.cipherSuite
            let second = attempt.run(hello(sni, version, suites: [b, a])).serverHello?.cipherSuite
            guard let first, let second else { return nil }
            return first == second
        case .compression:
            guard let version = acceptedVersions.filter({ $0 != .tls13 }).max() else { return nil }
            let suites = Array(accepted[version] ?? [])
            guard !suites.isEmpty else { return nil }
            let outcome = attempt.run(hello(sni, version, suites: suites, compression: true))
            guard let hello = outcome.serverHello else { return nil }
            return hello.compressionMethod != 0
        }
    }

    // MARK: Helpers

    static let x25519: UInt16 = 0x001D

    static func random(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func unknownSuite(_ code: UInt16) -> TLSCipherSuite {
        TLSCipherSuite(code: TLSScanner.hex(code), name: TLSCipherSuiteRegistry.name(code), keyExchange: "UNKNOWN",
                       authentication: "UNKNOWN", encryption: "UNKNOWN", bits: 0, mode: "UNKNOWN", mac: "UNKNOWN", export: false)
    }

    static func hex(_ code: UInt16) -> String {
        let digits = String(code, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
