import Capture
import NetAddress
import Packets
import Snapshot

/// Passive TLS: reads the facts a server showed in captured handshakes (any TCP port) into
/// `TLSEndpoint`s with origin `capture`: SNI from the ClientHello, the negotiated version
/// (supported_versions aware) and suite from the ServerHello, ServerKeyExchange groups, and the
/// certificate chain of TLS ≤ 1.2 and SSLv2 handshakes.
///
/// TLS is recognised by content, not port: a flow is followed from the first client segment
/// that starts a ClientHello (a handshake record 0x16 0x03 0x0N carrying message type 1, or an
/// SSLv2-format CLIENT-HELLO). Each direction is reassembled in sequence order from its first
/// payload byte; retransmitted bytes are skipped, and a gap (a lost or out-of-order segment)
/// ends the flow with whatever was read so far. Buffers are capped per flow and the number of
/// flows is capped; what the caps cost is counted in `stats`.
///
/// Only flow state allocates. Frames that are not TCP with payload, and TCP segments of flows
/// not being followed that do not start a ClientHello, cost a decode and at most two hash
/// lookups, without allocating (this observer runs beside the inventory in the hot loop).
public final class PassiveTLSObserver: FrameObserver {
    /// Limits on what is kept.
    public struct Limits: Sendable {
        /// Flows followed at once; new handshakes beyond it are counted and skipped.
        public var maxFlows = 65_536
        /// Bytes buffered per direction of one flow.
        public var maxBytesPerDirection = 65_536
        /// When the table is full, flows idle this long (capture time) are ended to make room.
        public var idleSeconds: Int64 = 60
        public init() {}
    }

    /// What happened to the flows that were followed.
    public struct Stats: Sendable, Equatable {
        /// ClientHellos that started a flow.
        public var flows = 0
        /// Flows whose server flight was read to its end (ServerHelloDone, TLS 1.3 ServerHello, alert, SSLv2 SERVER-HELLO).
        public var completed = 0
        /// Handshakes skipped because `maxFlows` flows were already being followed.
        public var droppedTableFull = 0
        /// Flows ended by a sequence gap (a segment missing from the capture or out of order).
        public var droppedGap = 0
        /// Flows ended because a direction exceeded `maxBytesPerDirection`.
        public var droppedOversize = 0
        /// Flows whose server did not answer with TLS, or answered with damaged TLS.
        public var malformed = 0
        /// Flows closed (FIN/RST) or still open at the end of the capture before completing.
        public var incomplete = 0
        public init() {}
    }

    public let limits: Limits
    public private(set) var stats = Stats()

    /// A directed TCP connection (client → server); IPv4 addresses sit in `low` with `v6` false.
    struct FlowKey: Hashable {
        var sourceHigh: UInt64, sourceLow: UInt64, destinationHigh: UInt64, destinationLow: UInt64
        var sourcePort: UInt16, destinationPort: UInt16
        var v6: Bool

        var reversed: FlowKey {
            FlowKey(sourceHigh: destinationHigh, sourceLow: destinationLow, destinationHigh: sourceHigh, destinationLow: sourceLow,
                    sourcePort: destinationPort, destinationPort: sourcePort, v6: v6)
        }
    }

    final class Flow {
        let server: ServerAddress
        var clientNext: UInt32
        var clientBytes: [UInt8] = []
        var hello: TLSClientHelloSummary?
        var clientDone = false
        var serverNext: UInt32?
        var parser: TLSServerFlightParser
        var serverHelloPacket: Int?
        var lastSeen: Int64

        init(server: ServerAddress, clientNext: UInt32, maxBytes: Int, time: Int64) {
            self.server = server; self.clientNext = clientNext; lastSeen = time
            parser = TLSServerFlightParser(maxBufferedBytes: maxBytes)
        }
    }

    /// A server address with a numeric sort key.
    struct ServerAddress: Hashable, Comparable {
        var v6: Bool, high: UInt64, low: UInt64, port: Int
        var text: String
        static func < (a: ServerAddress, b: ServerAddress) -> Bool {
            (a.v6 ? 1 : 0, a.high, a.low, a.port) < (b.v6 ? 1 : 0, b.high, b.low, b.port)
        }
    }

    struct EndpointKey: Hashable { var server: ServerAddress; var sni: String? }

    /// What all handshakes to one (server, port, SNI) showed.
    struct EndpointFacts {
        var evidence: Evidence
        /// Version rank (SSLv2 = 0x0200) → suites (reported in code-point order).
        var suites: [UInt16: [TLSCipherSuite]] = [:]
        var chain: [[UInt8]] = []
        var groups: [TLSGroup] = []
        var dhMinBits: Int?
        var secureRenegotiation: Bool?
        var compression: Bool?
    }

    var flows = PassiveFlowTable()
    var endpointFacts: [EndpointKey: EndpointFacts] = [:]
    var sourceIndex = 0
    var packetNumber = 0
    /// Capture time of the last idle sweep (a full table is swept at most once per `idleSeconds`).
    var lastSweep = Int64.min

    public init(limits: Limits = Limits()) { self.limits = limits }

    public func beginSource(index: Int) {
        // Sequence numbers do not carry over between files: finish what the last file left open.
        for (_, flow) in flows { finish(flow, counting: \.incomplete) }
        flows.removeAll()
        lastSweep = Int64.min
        sourceIndex = index
        packetNumber = 0
    }

    public func observe(_ header: PacketHeader, _ frame: UnsafeRawBufferPointer, linkType: LinkType) {
        packetNumber += 1
        guard let link = LinkFrame.decode(frame, linkType: linkType), case .etherType(let type) = link.kind else { return }
        let key: FlowKey
        let tcp: TCPSegment
        if type == EtherType.ipv4 {
            guard let ip = IPv4Packet(link.payload), ip.protocol == IPProtocol.tcp, ip.isFirstFragment,
                  let t = TCPSegment(ip.payload) else { return }
            tcp = t
            key = FlowKey(sourceHigh: 0, sourceLow: UInt64(ip.source.rawValue), destinationHigh: 0,
                          destinationLow: UInt64(ip.destination.rawValue), sourcePort: t.sourcePort,
                          destinationPort: t.destinationPort, v6: false)
        } else if type == EtherType.ipv6 {
            guard let ip = IPv6Packet(link.payload), ip.protocol == IPProtocol.tcp, ip.isFirstFragment,
                  let t = TCPSegment(ip.payload) else { return }
            tcp = t
            key = FlowKey(sourceHigh: ip.source.high, sourceLow: ip.source.low, destinationHigh: ip.destination.high,
                          destinationLow: ip.destination.low, sourcePort: t.sourcePort, destinationPort: t.destinationPort, v6: true)
        } else {
            return
        }
        segment(key, tcp, time: header.timestamp)
    }

    /// One TCP segment: to a followed flow in either direction, or perhaps the start of one.
    func segment(_ key: FlowKey, _ tcp: TCPSegment, time: Int64) {
        let payload = tcp.payload
        let closing = tcp.flags & 0x05 != 0   // FIN or RST
        if payload.count == 0 && !closing { return }
        if !flows.isEmpty && flows.mayFollow(tcp.sourcePort, tcp.destinationPort) {
            if let flow = flows[key] {
                flow.lastSeen = time
                if payload.count > 0 { clientData(flow, key: key, tcp.sequence, payload) }
                if closing, flows[key] != nil { flows[key] = nil; finish(flow, counting: \.incomplete) }
                return
            }
            let reverse = key.reversed
            if let flow = flows[reverse] {
                flow.lastSeen = time
                if payload.count > 0 { serverData(flow, key: reverse, tcp.sequence, payload) }
                if closing, flows[reverse] != nil { flows[reverse] = nil; finish(flow, counting: \.incomplete) }
                return
            }
        }
        guard payload.count > 0, Self.startsClientHello(payload) else { return }
        if flows.count >= limits.maxFlows { evictIdle(now: time) }
        guard flows.count < limits.maxFlows else { stats.droppedTableFull += 1; return }
        stats.flows += 1
        let flow = Flow(server: Self.serverAddress(key), clientNext: tcp.sequence, maxBytes: limits.maxBytesPerDirection, time: time)
        flows[key] = flow
        clientData(flow, key: key, tcp.sequence, payload)
    }

    /// Ends flows idle for `idleSeconds` (at most one sweep per `idleSeconds` of capture time).
    func evictIdle(now: Int64) {
        let idle = limits.idleSeconds * 1_000_000_000
        guard lastSweep == Int64.min || now - lastSweep >= idle else { return }
        lastSweep = now
        for (key, flow) in flows where now - flow.lastSeen >= idle {
            flows[key] = nil
            finish(flow, counting: \.incomplete)
        }
    }

    /// A TLS handshake record with a ClientHello, or an SSLv2-format CLIENT-HELLO (SSL 2.0 or an
    /// SSLv3/TLS client's backward-compatible hello).
    static func startsClientHello(_ p: UnsafeRawBufferPointer) -> Bool {
        guard p.count >= 6 else { return false }
        if p[0] == 0x16 { return p[1] == 3 && p[2] <= 4 && p[5] == 1 }
        return p[0] & 0x80 != 0 && p[2] == 1 && (p[3] == 0 || p[3] == 3)
    }

    static func serverAddress(_ key: FlowKey) -> ServerAddress {
        let text = key.v6 ? IPv6Address(high: key.destinationHigh, low: key.destinationLow).description
                          : IPv4Address(rawValue: UInt32(truncatingIfNeeded: key.destinationLow)).description
        return ServerAddress(v6: key.v6, high: key.destinationHigh, low: key.destinationLow, port: Int(key.destinationPort), text: text)
    }

    /// The part of a segment that continues the stream at `expected`: nil for a gap, empty for a
    /// pure retransmission.
    static func inOrder(_ sequence: UInt32, _ payload: UnsafeRawBufferPointer, expected: UInt32) -> UnsafeRawBufferPointer? {
        let delta = Int32(bitPattern: sequence &- expected)
        if delta > 0 { return nil }
        let skip = Int(-Int64(delta))
        return payload.tail(min(skip, payload.count))
    }

    func clientData(_ flow: Flow, key: FlowKey, _ sequence: UInt32, _ payload: UnsafeRawBufferPointer) {
        guard !flow.clientDone else { return }
        guard let fresh = Self.inOrder(sequence, payload, expected: flow.clientNext) else {
            // The ClientHello is incomplete: without it nothing about this flow is reliable.
            flows[key] = nil; finish(flow, counting: \.droppedGap); return
        }
        guard fresh.count > 0 else { return }
        flow.clientNext = flow.clientNext &+ UInt32(truncatingIfNeeded: fresh.count)
        guard flow.clientBytes.count + fresh.count <= limits.maxBytesPerDirection else {
            flows[key] = nil; finish(flow, counting: \.droppedOversize); return
        }
        flow.clientBytes.append(contentsOf: fresh)
        switch flow.clientBytes.withUnsafeBytes({ PassiveClientHello.read($0) }) {
        case .needMore: break
        case .hello(let summary):
            flow.hello = summary
            flow.clientDone = true
            flow.clientBytes = []
        case .damaged:
            flows[key] = nil; finish(flow, counting: \.malformed)
        }
    }

    func serverData(_ flow: Flow, key: FlowKey, _ sequence: UInt32, _ payload: UnsafeRawBufferPointer) {
        let expected = flow.serverNext ?? sequence
        guard let fresh = Self.inOrder(sequence, payload, expected: expected) else {
            flows[key] = nil; finish(flow, counting: \.droppedGap); return
        }
        flow.serverNext = expected &+ UInt32(truncatingIfNeeded: fresh.count)
        guard fresh.count > 0 else { return }
        let hadHello = flow.parser.flight.serverHello != nil || flow.parser.flight.sslv2 != nil
        let state = flow.parser.feed(fresh)
        if !hadHello, flow.parser.flight.serverHello != nil || flow.parser.flight.sslv2 != nil { flow.serverHelloPacket = packetNumber }
        switch state {
        case .needMore: break
        case .complete: flows[key] = nil; finish(flow, counting: \.completed)
        case .malformed(let why):
            flows[key] = nil
            finish(flow, counting: why.hasPrefix("server flight exceeds") ? \.droppedOversize : \.malformed)
        }
    }

    /// Folds what a flow showed into its endpoint's facts and counts how it ended.
    func finish(_ flow: Flow, counting outcome: WritableKeyPath<Stats, Int>) {
        stats[keyPath: outcome] += 1
        let flight = flow.parser.flight
        let evidence = Evidence(protocol: "tls", source: sourceIndex, packet: flow.serverHelloPacket ?? packetNumber)
        let key = EndpointKey(server: flow.server, sni: flow.hello?.serverName)
        if let v2 = flight.sslv2 {
            var facts = endpointFacts[key] ?? EndpointFacts(evidence: evidence)
            for kind in v2.cipherKinds { Self.add(SSLv2Suites.suite(kind), version: 0x0200, to: &facts) }
            if facts.chain.isEmpty, !v2.certificate.isEmpty { facts.chain = [v2.certificate] }
            endpointFacts[key] = facts
            return
        }
        guard let hello = flight.serverHello, !hello.isHelloRetryRequest, let version = hello.selectedVersion else { return }
        var facts = endpointFacts[key] ?? EndpointFacts(evidence: evidence)
        Self.add(TLSCipherSuite(code: hello.cipherSuite), version: version.rawValue, to: &facts)
        if facts.chain.isEmpty, !flight.certificates.isEmpty { facts.chain = flight.certificates }
        switch flight.serverKeyExchange {
        case .dhe(let bits)?:
            Self.add(TLSGroup(name: "dh\(bits)", kind: "dhe", bits: bits), to: &facts)
            facts.dhMinBits = min(facts.dhMinBits ?? bits, bits)
        case .ecdhe(let curve)?:
            if let name = TLSNamedGroup.name(curve) {
                Self.add(TLSGroup(name: name, kind: TLSNamedGroup.kind(curve) ?? "ecdhe", bits: TLSNamedGroup.bits(curve) ?? 0), to: &facts)
            }
        case nil: break
        }
        if version == .tls13 {
            if let g = hello.keyShareGroup, let name = TLSNamedGroup.name(g) {
                Self.add(TLSGroup(name: name, kind: TLSNamedGroup.kind(g) ?? "ecdhe", bits: TLSNamedGroup.bits(g) ?? 0), to: &facts)
            }
        } else {
            facts.secureRenegotiation = (facts.secureRenegotiation ?? true) && hello.renegotiationInfo
            if hello.compressionMethod != 0 {
                facts.compression = true
            } else if flow.hello?.compressionMethods.contains(where: { $0 != 0 }) == true, facts.compression == nil {
                facts.compression = false
            }
        }
        endpointFacts[key] = facts
    }

    static func add(_ suite: TLSCipherSuite, version: UInt16, to facts: inout EndpointFacts) {
        if facts.suites[version]?.contains(suite) != true { facts.suites[version, default: []].append(suite) }
    }

    static func add(_ group: TLSGroup, to facts: inout EndpointFacts) {
        if !facts.groups.contains(group) { facts.groups.append(group) }
    }

    /// Server endpoints seen so far, sorted by address, port and SNI. Flows still open are
    /// included with what they showed (without ending them). Certificates are parsed with
    /// `inspect` (OpenSSL's `CertificateInspector` by default); one that cannot be parsed is left
    /// out and named in the endpoint's `error`.
    public func endpoints(inspect: ([UInt8]) throws -> TLSCertificate = { try CertificateInspector.inspect(der: $0) }) -> [TLSEndpoint] {
        // Fold the open flows into a copy so that reading does not change what later frames do.
        let saved = (endpointFacts, stats)
        for (_, flow) in flows { finish(flow, counting: \.incomplete) }
        let facts = endpointFacts
        (endpointFacts, stats) = saved

        return facts.sorted { a, b in
            a.key.server != b.key.server ? a.key.server < b.key.server : (a.key.sni ?? "") < (b.key.sni ?? "")
        }.map { key, f in
            let protocols = f.suites.keys.sorted().map { v in
                TLSProtocolSupport(version: v == 0x0200 ? TLSProtocolVersion.sslv2Name : TLSProtocolVersion(rawValue: v)?.name ?? "0x\(String(v, radix: 16))",
                                   accepted: true, cipherSuites: (f.suites[v] ?? []).sorted { $0.code < $1.code })
            }
            var certificates: [TLSCertificate] = []
            var problems: [String] = []
            for (i, der) in f.chain.enumerated() {
                do { certificates.append(try inspect(der)) } catch { problems.append("certificate \(i) could not be parsed: \(error)") }
            }
            return TLSEndpoint(host: key.sni ?? key.server.text, address: key.server.text, port: key.server.port, sni: key.sni,
                               origin: .capture, status: .ok, error: problems.isEmpty ? nil : problems.joined(separator: "; "),
                               protocols: protocols, groups: f.groups, dhMinBits: f.dhMinBits,
                               secureRenegotiation: f.secureRenegotiation, compression: f.compression,
                               certificates: certificates, evidence: f.evidence)
        }
    }

    /// `endpoints()` as a snapshot section.
    public func snapshot() -> TLSSnapshot { TLSSnapshot(endpoints: endpoints()) }

    /// DER chains per endpoint (tests and callers that parse certificates themselves).
    public func certificateChains() -> [(address: String, port: Int, sni: String?, chain: [[UInt8]])] {
        endpointFacts.sorted { $0.key.server < $1.key.server }.map { ($0.key.server.text, $0.key.server.port, $0.key.sni, $0.value.chain) }
    }
}
