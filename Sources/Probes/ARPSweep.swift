/// ARP sweep: who-has for every address in scope, retried for the silent ones; each round ends when all
/// its addresses answered or after a quiet period
/// that adapts to the round-trip times seen so far. Requests go out and replies come back on one
/// AF_PACKET socket bound to EtherType 0x0806 (`PacketSocket`).
import Capture
import Foundation
import NetAddress
import Packets
import Synchronization

public struct ARPReply: Sendable, Hashable {
    public var ip: IPv4Address
    public var mac: MACAddress
    /// CLOCK_REALTIME of the first reply, nanoseconds (from the capture header).
    public var timestamp: Int64
    /// Send-to-reply time of the first reply, nanoseconds.
    public var rtt: UInt64
}

public struct ARPSweepResult: Sendable {
    public var replies: [ARPReply]
    public var requestsSent: Int
    public var rounds: Int
    public var elapsedSeconds: Double
}

public struct ARPSweepOptions: Sendable {
    /// Extra rounds for addresses that did not answer.
    public var retries = 2
    /// Quiet period after a round before the first reply has given an RTT estimate.
    public var initialWait = 0.25
    /// Bounds of the quiet period once RTTs are known (twice the slowest reply). Late replies still
    /// count until the sweep ends; the quiet period only decides when silent addresses are retried,
    /// so rounds before the last use the shorter floor and the last round (after which nothing is
    /// retried) waits at least `finalMinWait`.
    public var minWait = 0.01
    public var finalMinWait = 0.02
    public var maxWait = 1.0
    /// A round ends as soon as every address of it answered, or when nothing arrived
    /// for the quiet period after the later of the last request and the last reply.
    public static func quietPeriod(rtts maxRTT: Double?, options: ARPSweepOptions, finalRound: Bool = false) -> Double {
        guard let maxRTT else { return options.initialWait }
        return min(options.maxWait, max(finalRound ? max(options.minWait, options.finalMinWait) : options.minWait, 2 * maxRTT))
    }
    public init() {}
}

public final class ARPSweep {
    public let interface: String
    public let scope: ScanScope
    public let limiter: RateLimiter
    public var options: ARPSweepOptions
    /// The addresses to ask for (each must be in scope); nil: every address in scope. The scan passes the
    /// scope's on-link addresses; routed ones are pinged instead (`RoutedPing`).
    public var addresses: [IPv4Address]?

    public init(interface: String, scope: ScanScope, limiter: RateLimiter, options: ARPSweepOptions = ARPSweepOptions()) {
        self.interface = interface; self.scope = scope; self.limiter = limiter; self.options = options
    }

    private struct Shared {
        var sentAt: [IPv4Address: UInt64] = [:]
        var replies: [IPv4Address: ARPReply] = [:]
        var lastReply: UInt64 = 0
        /// Slowest reply to the current round's requests; fastest reply seen at all (an uncongested exchange).
        var roundMaxRTT: UInt64?
        var minRTT: UInt64?
    }
    private final class SharedBox: Sendable {
        let state = Mutex(Shared())
        func withLock<R>(_ body: (inout Shared) -> R) -> R { state.withLock { body(&$0) } }
    }

    private var opened: (InterfaceAddresses, PacketSocket)?

    /// Opens one AF_PACKET socket for ARP (sends the requests, receives the replies; needs CAP_NET_RAW);
    /// call before dropping privileges. No libpcap handle: a socket and a bind, no ring to map.
    public func open() throws {
        if opened != nil { return }
        let me = try InterfaceAddresses.lookup(interface)
        opened = (me, try PacketSocket(interface: interface, etherType: 0x0806, receiveBuffer: 4 << 20))
    }

    public func run(stop: StopSignal? = nil) throws -> ARPSweepResult {
        try open()
        let (me, socket) = opened!
        defer { opened = nil }
        let scope = self.scope
        let shared = SharedBox()
        let done = StopSignal()
        let started = Monotonic.now()

        // Receiver: one thread reads the ARP socket until the sender says it is done.
        let receiverFinished = DispatchSemaphore(value: 0)
        let receiver = Thread {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2048, alignment: 8)
            defer { buffer.deallocate() }
            var outgoing = false
            while !done.isStopped {
                let n = socket.receive(into: buffer, timeoutMilliseconds: 5, outgoing: &outgoing)
                guard n >= 42, !outgoing, buffer[12] == 0x08, buffer[13] == 0x06,
                      let arp = ARPPacket(UnsafeRawBufferPointer(rebasing: buffer[14..<n])), arp.operation == ARPPacket.reply,
                      arp.targetIP == me.ipv4, scope.contains(arp.senderIP) else { continue }
                let now = Monotonic.now()
                var ts = timespec()
                clock_gettime(CLOCK_REALTIME, &ts)
                let wall = Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
                shared.withLock { s in
                    guard s.replies[arp.senderIP] == nil, let sent = s.sentAt[arp.senderIP] else { return }
                    s.replies[arp.senderIP] = ARPReply(ip: arp.senderIP, mac: arp.senderMAC, timestamp: wall, rtt: now &- sent)
                    s.lastReply = now
                    s.roundMaxRTT = max(s.roundMaxRTT ?? 0, now &- sent)
                    s.minRTT = min(s.minRTT ?? .max, now &- sent)
                }
            }
            receiverFinished.signal()
        }
        receiver.start()
        defer { done.stop(); receiverFinished.wait() }

        var pending = addresses ?? scope.addresses
        var sent = 0
        var rounds = 0
        for roundIndex in 0...options.retries {
            if pending.isEmpty || stop?.isStopped == true { break }
            rounds += 1
            for target in pending {
                if stop?.isStopped == true { break }
                precondition(scope.contains(target), "ARP sweep addressed \(target) outside its scope")
                limiter.acquire()
                shared.withLock { $0.sentAt[target] = Monotonic.now() }
                try socket.send(ARPFrame.request(from: me.mac, ip: me.ipv4, for: target))
                sent += 1
            }
            // Adaptive wait: done when every address of the round answered, or after a quiet period
            // (twice the slowest RTT so far, bounded) with neither a request nor a reply.
            let lastSent = Monotonic.now()
            let round = pending
            var answered = Set<IPv4Address>()
            while true {
                // The quiet period follows this round's slowest reply; a retry round nothing answered
                // (yet) waits as long as an uncongested exchange takes: 4x the fastest RTT seen
                // (the floors apply). A first round's burst inflates RTTs by queueing; retries do not.
                let (lastReply, roundMax, minRTT, got) = shared.withLock { s in (s.lastReply, s.roundMaxRTT, s.minRTT, s.replies.count) }
                let maxRTT = roundMax ?? minRTT.map { $0 &* 2 }
                if got >= round.count || stop?.isStopped == true {
                    answered = shared.withLock { s in Set(s.replies.keys) }
                    if round.allSatisfy(answered.contains) || stop?.isStopped == true { break }
                }
                let quiet = UInt64(ARPSweepOptions.quietPeriod(rtts: maxRTT.map { Double($0) / 1e9 }, options: options,
                                                               finalRound: roundIndex == options.retries) * 1e9)
                let now = Monotonic.now()
                let idleSince = max(lastSent, lastReply)
                if now &- idleSince >= quiet { break }
                RateLimiter.sleep(seconds: min(0.002, Double(quiet - (now &- idleSince)) / 1e9))
            }
            answered = shared.withLock { s in s.roundMaxRTT = nil; return Set(s.replies.keys) }
            pending.removeAll { answered.contains($0) }
        }
        let replies = shared.withLock { s in s.replies.values.sorted { $0.ip < $1.ip } }
        return ARPSweepResult(replies: replies, requestsSent: sent, rounds: rounds,
                              elapsedSeconds: Double(Monotonic.now() - started) / 1e9)
    }
}
