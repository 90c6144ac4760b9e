/// TCP SYN ("half-open") scan with CAP_NET_RAW: SYNs go out as complete Ethernet frames on an
/// AF_PACKET socket (to the MAC the ARP sweep found, so the kernel resolves nothing), answers come
/// back on a raw IPPROTO_TCP socket. SYN-ACK = open (answered with an RST; the kernel, which owns no
/// socket on our port, sends one too), RST = closed, nothing after the retries = filtered.
///
/// Replies are matched without per-probe allocation: the source port encodes the attempt
/// (`basePort + attempt`) and the initial sequence number is a keyed hash of (target, port, attempt),
/// so a reply's acknowledgement number must be that cookie + 1. Probe state lives in flat arrays
/// indexed by host × port.
import Capture
import Foundation
import Glibc
import NetAddress
import Synchronization

public struct SynScanOptions: Sendable {
    public var ports = TCPScanOptions.defaultPorts
    /// Extra rounds for probes nothing answered (an RST or SYN-ACK is an answer and never retried).
    public var retries = 1
    /// Wait after a round before any RTT is known, and the upper bound after (nmap -T4: 1.25 s max).
    public var initialTimeout = 1.0
    /// Lower bound of the RTT-adaptive wait (nmap -T4's min-rtt-timeout is 100 ms).
    public var minTimeout = 0.1
    /// Socket receive buffer for answers (SO_RCVBUFFORCE): a burst of SYN-ACKs must not be dropped.
    public var receiveBuffer = 32 << 20
    /// Threads sending SYNs (sharing the one rate limiter). On a virtual link the receiving hosts'
    /// kernel work runs in the sender's system call, so a second sender uses a second core.
    public var senderThreads = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))
    public init() {}
}

public struct SynScanTarget: Sendable, Hashable {
    public var ip: IPv4Address
    /// Where frames to `ip` go: the host itself on the link (from the ARP sweep).
    public var mac: MACAddress
    public init(ip: IPv4Address, mac: MACAddress) { self.ip = ip; self.mac = mac }
}

public struct SynScanResult: Sendable {
    public var ports: [PortResult]
    public var probesSent: Int
    public var rounds: Int
    public var elapsedSeconds: Double
}

public final class TCPSynScan {
    public let interface: String
    public let scope: ScanScope
    public let limiter: RateLimiter
    public var options: SynScanOptions

    private var opened: (me: InterfaceAddresses, link: PacketSocket, raw: Int32)?

    public init(interface: String, scope: ScanScope, limiter: RateLimiter, options: SynScanOptions = SynScanOptions()) {
        self.interface = interface; self.scope = scope; self.limiter = limiter; self.options = options
    }

    deinit { if let raw = opened?.raw { close(raw) } }

    /// True when this process may open raw sockets (root or CAP_NET_RAW), i.e. a SYN scan can run.
    public static func isPermitted() -> Bool {
        let s = socket(AF_INET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), Int32(IPPROTO_TCP))
        if s < 0 { return false }
        close(s)
        return true
    }

    /// Opens the sending packet socket and the receiving raw socket (needs CAP_NET_RAW); call before
    /// dropping privileges.
    public func open() throws {
        if opened != nil { return }
        let me = try InterfaceAddresses.lookup(interface)
        let link = try PacketSocket(interface: interface)
        let raw = socket(AF_INET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), Int32(IPPROTO_TCP))
        guard raw >= 0 else { throw ProbeError("raw socket: \(String(cString: strerror(errno))) (the SYN scan needs root or CAP_NET_RAW; --connect does not)") }
        var size = Int32(options.receiveBuffer)
        if setsockopt(raw, SOL_SOCKET, SO_RCVBUFFORCE, &size, 4) != 0 { _ = setsockopt(raw, SOL_SOCKET, SO_RCVBUF, &size, 4) }
        // Only what arrives on the scanning interface.
        let name = Array(interface.utf8) + [0]
        _ = name.withUnsafeBytes { setsockopt(raw, SOL_SOCKET, SO_BINDTODEVICE, $0.baseAddress, socklen_t($0.count)) }
        opened = (me, link, raw)
    }

    /// The initial sequence number of a probe: a keyed hash, so replies need no lookup table.
    @inline(__always)
    static func cookie(ip: UInt32, port: UInt16, attempt: UInt16, key: UInt64) -> UInt32 {
        var x = key ^ (UInt64(ip) << 32 | UInt64(port) << 16 | UInt64(attempt))
        x ^= x >> 33; x &*= 0xff51afd7ed558ccd
        x ^= x >> 33; x &*= 0xc4ceb9fe1a85ec53
        x ^= x >> 33
        return UInt32(truncatingIfNeeded: x)
    }

    /// Internet checksum over `bytes` plus an initial partial sum.
    @inline(__always)
    static func checksum(_ p: UnsafeRawBufferPointer, start: Int, count: Int, initial: UInt32 = 0) -> UInt16 {
        var sum = initial
        var i = start
        while i + 1 < start + count { sum &+= UInt32(p[i]) << 8 | UInt32(p[i + 1]); i += 2 }
        if i < start + count { sum &+= UInt32(p[i]) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) &+ (sum >> 16) }
        return ~UInt16(truncatingIfNeeded: sum)
    }

    /// Fills `f` (58 bytes: Ethernet 14 + IPv4 20 + TCP 24 with an MSS option) for one probe.
    static func fillFrame(_ f: UnsafeMutableRawBufferPointer, srcMAC: MACAddress, dstMAC: MACAddress, src: UInt32, dst: UInt32,
                          srcPort: UInt16, dstPort: UInt16, seq: UInt32, ack: UInt32, flags: UInt8, ipID: UInt16) {
        for i in 0..<6 { f[i] = dstMAC.byte(i); f[6 + i] = srcMAC.byte(i) }
        f[12] = 0x08; f[13] = 0x00
        let withMSS = flags & 0x02 != 0
        let tcpLen = withMSS ? 24 : 20
        let total = UInt16(20 + tcpLen)
        // IPv4
        f[14] = 0x45; f[15] = 0
        f[16] = UInt8(total >> 8); f[17] = UInt8(total & 0xFF)
        f[18] = UInt8(ipID >> 8); f[19] = UInt8(ipID & 0xFF)
        f[20] = 0x40; f[21] = 0          // DF
        f[22] = 64; f[23] = 6; f[24] = 0; f[25] = 0
        for i in 0..<4 {
            f[26 + i] = UInt8(truncatingIfNeeded: src >> UInt32(24 - 8 * i))
            f[30 + i] = UInt8(truncatingIfNeeded: dst >> UInt32(24 - 8 * i))
        }
        let ipSum = checksum(UnsafeRawBufferPointer(f), start: 14, count: 20)
        f[24] = UInt8(ipSum >> 8); f[25] = UInt8(ipSum & 0xFF)
        // TCP
        let t = 34
        f[t] = UInt8(srcPort >> 8); f[t + 1] = UInt8(srcPort & 0xFF)
        f[t + 2] = UInt8(dstPort >> 8); f[t + 3] = UInt8(dstPort & 0xFF)
        for i in 0..<4 {
            f[t + 4 + i] = UInt8(truncatingIfNeeded: seq >> UInt32(24 - 8 * i))
            f[t + 8 + i] = UInt8(truncatingIfNeeded: ack >> UInt32(24 - 8 * i))
        }
        f[t + 12] = UInt8(tcpLen / 4) << 4
        f[t + 13] = flags
        if withMSS { f[t + 14] = 0x04; f[t + 15] = 0x00 } else { f[t + 14] = 0; f[t + 15] = 0 }   // window 1024 / 0
        f[t + 16] = 0; f[t + 17] = 0; f[t + 18] = 0; f[t + 19] = 0
        if withMSS { f[t + 20] = 2; f[t + 21] = 4; f[t + 22] = 0x05; f[t + 23] = 0xB4 }   // MSS 1460
        // Pseudo-header: src, dst, zero, protocol, TCP length.
        var pseudo = (src >> 16) &+ (src & 0xFFFF) &+ (dst >> 16) &+ (dst & 0xFFFF) &+ 6 &+ UInt32(tcpLen)
        while pseudo >> 16 != 0 { pseudo = (pseudo & 0xFFFF) &+ (pseudo >> 16) }
        let tcpSum = checksum(UnsafeRawBufferPointer(f), start: t, count: tcpLen, initial: pseudo)
        f[t + 16] = UInt8(tcpSum >> 8); f[t + 17] = UInt8(tcpSum & 0xFF)
    }

    static let stateOpen: UInt8 = 1, stateClosed: UInt8 = 2

    /// Scans every target on `options.ports`. Each target must be in scope.
    public func run(targets: [SynScanTarget], stop: StopSignal? = nil) throws -> SynScanResult {
        try open()
        let (me, link, raw) = opened!
        let started = Monotonic.now()
        for t in targets where !scope.contains(t.ip) { throw ProbeError("\(t.ip) is outside the scan scope") }
        let ports = options.ports.map { UInt16($0) }
        let hostCount = targets.count, portCount = ports.count
        let total = hostCount * portCount
        if total == 0 { return SynScanResult(ports: [], probesSent: 0, rounds: 0, elapsedSeconds: 0) }

        var hostIndex: [UInt32: Int32] = [:]
        hostIndex.reserveCapacity(hostCount)
        for (i, t) in targets.enumerated() { hostIndex[t.ip.rawValue] = Int32(i) }
        var portIndex = [Int32](repeating: -1, count: 65536)
        for (i, p) in ports.enumerated() { portIndex[Int(p)] = Int32(i) }
        let table = ProbeTable(count: total)
        let state = table.state, sentAt = table.sentAt, attempts = table.attempts
        defer { withExtendedLifetime(table) {} }   // the buffers above are used until the end
        var answered = 0

        var rnd = SystemRandomNumberGenerator()
        let key = rnd.next() as UInt64
        let maxAttempts = options.retries + 1
        // Source ports basePort…basePort+retries: above the default ephemeral range (32768–60999).
        let basePort = UInt16(61_000 + Int(rnd.next() as UInt16) % 4000)
        let myIP = me.ipv4.rawValue
        var rtt = RTTEstimator(initial: options.initialTimeout, minimum: options.minTimeout, maximum: options.initialTimeout)

        let rst = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 8)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
        defer { rst.deallocate(); buffer.deallocate() }
        var ipID = UInt16(truncatingIfNeeded: rnd.next() as UInt32)
        var sent = 0

        // Reads every queued answer; returns how many probes it settled.
        func drain() throws {
            while true {
                let n = recv(raw, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
                if n <= 0 { return }
                guard n >= 40, buffer[0] >> 4 == 4, buffer[9] == 6 else { continue }
                let ihl = Int(buffer[0] & 0x0F) * 4
                guard n >= ihl + 20 else { continue }
                let src = UInt32(buffer[12]) << 24 | UInt32(buffer[13]) << 16 | UInt32(buffer[14]) << 8 | UInt32(buffer[15])
                let dst = UInt32(buffer[16]) << 24 | UInt32(buffer[17]) << 16 | UInt32(buffer[18]) << 8 | UInt32(buffer[19])
                guard dst == myIP, let h = hostIndex[src] else { continue }
                let sport = UInt16(buffer[ihl]) << 8 | UInt16(buffer[ihl + 1])
                let dport = UInt16(buffer[ihl + 2]) << 8 | UInt16(buffer[ihl + 3])
                guard dport >= basePort, Int(dport - basePort) < maxAttempts else { continue }
                let pi = portIndex[Int(sport)]
                guard pi >= 0 else { continue }
                let seq = UInt32(buffer[ihl + 4]) << 24 | UInt32(buffer[ihl + 5]) << 16 | UInt32(buffer[ihl + 6]) << 8 | UInt32(buffer[ihl + 7])
                let ack = UInt32(buffer[ihl + 8]) << 24 | UInt32(buffer[ihl + 9]) << 16 | UInt32(buffer[ihl + 10]) << 8 | UInt32(buffer[ihl + 11])
                let flags = buffer[ihl + 13]
                let attempt = dport - basePort
                guard ack == Self.cookie(ip: src, port: sport, attempt: attempt, key: key) &+ 1 else { continue }
                let idx = Int(h) * portCount + Int(pi)
                let synAck = flags & 0x12 == 0x12
                let reset = flags & 0x04 != 0
                guard synAck || reset else { continue }
                if synAck {
                    // Tear the half-open connection down ourselves (the kernel also will: it owns no socket here).
                    Self.fillFrame(rst, srcMAC: me.mac, dstMAC: targets[Int(h)].mac, src: myIP, dst: src, srcPort: dport, dstPort: sport,
                                   seq: ack, ack: 0, flags: 0x04, ipID: ipID)
                    ipID &+= 1
                    limiter.charge()
                    try link.send(UnsafeRawBufferPointer(rebasing: rst[0..<54]))
                }
                guard state[idx] == 0 else { continue }
                state[idx] = synAck ? Self.stateOpen : Self.stateClosed
                answered += 1
                if Int(attempt) + 1 == Int(attempts[idx]) { rtt.add(Double(Monotonic.now() &- sentAt[idx]) / 1e9) }
                _ = seq
            }
        }

        // Probe order: port-major (every host on one port, then the next port), as nmap interleaves hosts.
        var pending: [Int32] = []
        pending.reserveCapacity(total)
        for p in 0..<portCount { for h in 0..<hostCount { pending.append(Int32(h * portCount + p)) } }
        var pfd = pollfd(fd: raw, events: Int16(POLLIN), revents: 0)
        var rounds = 0
        let threads = max(1, options.senderThreads)
        let scope = self.scope, limiter = self.limiter
        for attempt in 0..<maxAttempts {
            if pending.isEmpty || stop?.isStopped == true { break }
            rounds += 1
            // Senders: slice k takes every threads-th pending probe; this thread serves answers meanwhile.
            let finished = Atomic<Int>(0)
            let sentCount = Atomic<Int>(0)
            let failure = Mutex<ProbeError?>(nil)
            let round = pending
            let ipBase = UInt16(truncatingIfNeeded: rnd.next() as UInt32)
            for k in 0..<threads {
                Thread {
                    let frame = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 8)
                    defer { frame.deallocate(); finished.add(1, ordering: .releasing) }
                    var ipID = ipBase &+ UInt16(k) &* 0x4000
                    var n = 0
                    var i = k
                    while i < round.count {
                        defer { i += threads }
                        if stop?.isStopped == true { break }
                        let idx = Int(round[i])
                        if table.state[idx] != 0 { continue }
                        limiter.acquire()
                        let h = idx / portCount, p = idx % portCount
                        let target = targets[h]
                        precondition(scope.contains(target.ip), "SYN scan addressed \(target.ip) outside its scope")
                        TCPSynScan.fillFrame(frame, srcMAC: me.mac, dstMAC: target.mac, src: myIP, dst: target.ip.rawValue,
                                             srcPort: basePort + UInt16(attempt), dstPort: ports[p],
                                             seq: TCPSynScan.cookie(ip: target.ip.rawValue, port: ports[p], attempt: UInt16(attempt), key: key),
                                             ack: 0, flags: 0x02, ipID: ipID)
                        ipID &+= 1
                        do { try link.send(UnsafeRawBufferPointer(rebasing: frame[0..<58])) } catch {
                            failure.withLock { $0 = $0 ?? (error as? ProbeError) ?? ProbeError("\(error)") }
                            break
                        }
                        table.sentAt[idx] = Monotonic.now()
                        table.attempts[idx] = UInt8(attempt + 1)
                        n += 1
                    }
                    sentCount.add(n, ordering: .relaxed)
                }.start()
            }
            while finished.load(ordering: .acquiring) < threads {
                try drain()
                _ = poll(&pfd, 1, 1)
            }
            sent += sentCount.load(ordering: .relaxed)
            if let error = failure.withLock({ $0 }) { throw error }
            let lastSent = Monotonic.now()
            // Wait for the answers: until every probe is answered, or the adaptive timeout has passed since the last send.
            while answered < total, stop?.isStopped != true {
                try drain()
                let now = Monotonic.now()
                let timeout = UInt64(rtt.timeout * 1e9)
                if now &- lastSent >= timeout { break }
                _ = poll(&pfd, 1, Int32(min(10, (timeout - (now &- lastSent)) / 1_000_000 + 1)))
            }
            try drain()
            pending.removeAll { state[Int($0)] != 0 }
        }

        var results: [PortResult] = []
        results.reserveCapacity(total)
        for h in 0..<hostCount {
            for p in 0..<portCount {
                let s = state[h * portCount + p]
                results.append(PortResult(ip: targets[h].ip, port: Int(ports[p]),
                                          state: s == Self.stateOpen ? .open : s == Self.stateClosed ? .closed : .filtered, banner: nil))
            }
        }
        results.sort { ($0.ip, $0.port) < ($1.ip, $1.port) }
        return SynScanResult(ports: results, probesSent: sent, rounds: rounds, elapsedSeconds: Double(Monotonic.now() - started) / 1e9)
    }
}

/// Per-probe state in flat buffers shared by the sender threads and the reader: each sender writes only
/// the slots of its own probes (sentAt, attempts); the reader writes `state` and reads the rest. Word-sized
/// aligned stores, and a stale read only means one extra SYN or one RTT sample fewer.
private final class ProbeTable: @unchecked Sendable {
    let state: UnsafeMutableBufferPointer<UInt8>
    let sentAt: UnsafeMutableBufferPointer<UInt64>
    let attempts: UnsafeMutableBufferPointer<UInt8>
    init(count: Int) {
        state = .allocate(capacity: count); state.initialize(repeating: 0)
        sentAt = .allocate(capacity: count); sentAt.initialize(repeating: 0)
        attempts = .allocate(capacity: count); attempts.initialize(repeating: 0)
    }
    deinit { state.deallocate(); sentAt.deallocate(); attempts.deallocate() }
}
