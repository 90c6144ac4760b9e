/// UDP 161: an SNMP GetRequest for sysDescr.0 (1.3.6.1.2.1.1.1.0) with community `public`, as
/// SNMPv2c and SNMPv1, to every host. An answer means a cleartext v1/v2c management interface that
/// accepts the default community; its sysDescr becomes the service's banner. No privilege needed
/// (an ordinary UDP socket); one rate-limiter token per datagram.
import Capture
import Glibc
import NetAddress

public struct SNMPProbeOptions: Sendable {
    public var community = "public"
    /// Extra rounds for hosts that did not answer.
    public var retries = 1
    /// Wait for answers after each round before any agent answered; once one has, 4x the slowest
    /// answer's RTT (at least `minTimeout`).
    public var timeout = 0.3
    public var minTimeout = 0.05
    public init() {}
}

public enum SNMPMessage {
    public static let sysDescrOID: [UInt8] = [0x2B, 6, 1, 2, 1, 1, 1, 0]

    /// A GetRequest for sysDescr.0: `version` 0 = SNMPv1, 1 = SNMPv2c.
    public static func getRequest(version: UInt8, community: String, requestID: UInt32) -> [UInt8] {
        let varbind = tlv(0x30, tlv(0x06, sysDescrOID) + [0x05, 0x00])
        let pdu = tlv(0xA0, tlv(0x02, [UInt8(requestID >> 24), UInt8(truncatingIfNeeded: requestID >> 16),
                                       UInt8(truncatingIfNeeded: requestID >> 8), UInt8(truncatingIfNeeded: requestID)])
                      + [0x02, 0x01, 0x00, 0x02, 0x01, 0x00] + tlv(0x30, varbind))
        return tlv(0x30, [0x02, 0x01, version] + tlv(0x04, Array(community.utf8)) + pdu)
    }

    static func tlv(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] {
        let n = value.count
        if n < 0x80 { return [tag, UInt8(n)] + value }
        if n < 0x100 { return [tag, 0x81, UInt8(n)] + value }
        return [tag, 0x82, UInt8(n >> 8), UInt8(n & 0xFF)] + value
    }

    public struct Response: Equatable, Sendable {
        public var version: Int
        public var community: String
        public var requestID: UInt32
        public var errorStatus: Int
        /// The first varbind's value when it is an OCTET STRING (sysDescr).
        public var value: String?
    }

    /// Parses a GetResponse (PDU tag 0xA2); nil for anything else or anything malformed.
    public static func parseResponse(_ b: [UInt8]) -> Response? {
        var r = Reader(bytes: b)
        guard let msg = r.read(), msg.tag == 0x30 else { return nil }
        var m = Reader(bytes: Array(b[msg.range]))
        guard let ver = m.read(), ver.tag == 0x02, let comm = m.read(), comm.tag == 0x04, let pdu = m.read(), pdu.tag == 0xA2 else { return nil }
        let version = m.integer(ver)
        let community = String(decoding: m.bytes[comm.range], as: UTF8.self)
        var p = Reader(bytes: Array(m.bytes[pdu.range]))
        guard let rid = p.read(), rid.tag == 0x02, let err = p.read(), err.tag == 0x02, let idx = p.read(), idx.tag == 0x02,
              let list = p.read(), list.tag == 0x30 else { return nil }
        _ = idx
        var response = Response(version: version, community: community, requestID: UInt32(truncatingIfNeeded: p.integer(rid)),
                                errorStatus: p.integer(err), value: nil)
        var l = Reader(bytes: Array(p.bytes[list.range]))
        if let vb = l.read(), vb.tag == 0x30 {
            var v = Reader(bytes: Array(l.bytes[vb.range]))
            if let oid = v.read(), oid.tag == 0x06, let value = v.read(), value.tag == 0x04 {
                let text = String(decoding: v.bytes[value.range], as: UTF8.self)
                response.value = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init).prefix(200))
            }
        }
        return response
    }

    struct Reader {
        var bytes: [UInt8]
        var offset = 0
        init(bytes: [UInt8]) { self.bytes = bytes }
        mutating func read() -> (tag: UInt8, range: Range<Int>)? {
            guard offset + 2 <= bytes.count else { return nil }
            let tag = bytes[offset]
            var len = Int(bytes[offset + 1])
            var start = offset + 2
            if len & 0x80 != 0 {
                let n = len & 0x7F
                guard n >= 1, n <= 2, start + n <= bytes.count else { return nil }
                len = 0
                for i in 0..<n { len = len << 8 | Int(bytes[start + i]) }
                start += n
            }
            guard start + len <= bytes.count else { return nil }
            offset = start + len
            return (tag, start..<start + len)
        }
        func integer(_ t: (tag: UInt8, range: Range<Int>)) -> Int {
            var v = 0
            for i in t.range.prefix(8) { v = v << 8 | Int(bytes[i]) }
            return v
        }
    }
}

public struct SNMPProbe {
    public let scope: ScanScope
    public let limiter: RateLimiter
    public var options: SNMPProbeOptions

    public init(scope: ScanScope, limiter: RateLimiter, options: SNMPProbeOptions = SNMPProbeOptions()) {
        self.scope = scope; self.limiter = limiter; self.options = options
    }

    /// Asks every host for sysDescr.0; returns one `open` 161/udp result per host that answered
    /// (banner `SNMPv2c public: <sysDescr>`). Silent hosts are not reported (UDP silence proves nothing).
    public func run(hosts: [IPv4Address], stop: StopSignal? = nil) throws -> [PortResult] {
        for h in hosts where !scope.contains(h) { throw ProbeError("\(h) is outside the scan scope") }
        if hosts.isEmpty { return [] }
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ProbeError("udp socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var rnd = SystemRandomNumberGenerator()
        let base = UInt32.random(in: 1...0x3FFF_FFFF, using: &rnd)
        var answered: [IPv4Address: String] = [:]
        var firstSent: [IPv4Address: UInt64] = [:]
        var maxRTT: UInt64 = 0
        var buffer = [UInt8](repeating: 0, count: 2048)
        let index = Dictionary(uniqueKeysWithValues: hosts.enumerated().map { ($1, UInt32($0)) })

        func drain() {
            while true {
                var from = sockaddr_in()
                var len = socklen_t(MemoryLayout<sockaddr_in>.size)
                let n = buffer.withUnsafeMutableBytes { b in
                    withUnsafeMutablePointer(to: &from) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, b.baseAddress, b.count, 0, $0, &len) }
                    }
                }
                if n <= 0 { return }
                let ip = IPv4Address(rawValue: UInt32(bigEndian: from.sin_addr.s_addr))
                guard UInt16(bigEndian: from.sin_port) == 161, let i = index[ip], answered[ip] == nil,
                      let r = SNMPMessage.parseResponse(Array(buffer[0..<n])), r.requestID & 0x3FFF_FFFF == (base &+ i * 2) & 0x3FFF_FFFF
                        || r.requestID & 0x3FFF_FFFF == (base &+ i * 2 &+ 1) & 0x3FFF_FFFF else { continue }
                let version = r.version == 1 ? "SNMPv2c" : r.version == 0 ? "SNMPv1" : "SNMP version \(r.version)"
                answered[ip] = "\(version) community \"\(r.community)\"" + (r.value.map { ": \($0)" } ?? "")
                if let t = firstSent[ip] { maxRTT = max(maxRTT, Monotonic.now() &- t) }
            }
        }

        for _ in 0...options.retries {
            if stop?.isStopped == true { break }
            let pending = hosts.filter { answered[$0] == nil }
            if pending.isEmpty { break }
            for h in pending {
                precondition(scope.contains(h), "SNMP probe addressed \(h) outside its scope")
                let i = index[h]!
                firstSent[h] = Monotonic.now()
                for version: UInt8 in [1, 0] {
                    limiter.acquire()
                    let msg = SNMPMessage.getRequest(version: version, community: options.community,
                                                     requestID: (base &+ i * 2 &+ UInt32(1 - version)) & 0x3FFF_FFFF)
                    var sa = sockaddr_in()
                    sa.sin_family = sa_family_t(AF_INET)
                    sa.sin_port = UInt16(161).bigEndian
                    sa.sin_addr.s_addr = h.rawValue.bigEndian
                    _ = msg.withUnsafeBytes { m in
                        withUnsafePointer(to: &sa) {
                            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, m.baseAddress, m.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                        }
                    }
                }
                drain()
            }
            let wait = maxRTT > 0 ? max(options.minTimeout, min(options.timeout, 4 * Double(maxRTT) / 1e9)) : options.timeout
            let deadline = Monotonic.now() + UInt64(wait * 1e9)
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while Monotonic.now() < deadline, answered.count < hosts.count {
                _ = poll(&pfd, 1, 10)
                drain()
            }
        }
        return answered.keys.sorted().map { PortResult(ip: $0, port: 161, state: .open, banner: answered[$0], transport: "udp") }
    }
}
