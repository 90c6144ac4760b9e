/// ARP sweep: who-has for every address in scope, retried for the silent ones; each round ends when all
/// its addresses answered or after a quiet period
/// that adapts to the round-trip times seen so far. Replies are read with `PacketSource` (BPF `arp`).
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
    /// count until the sweep ends; the quiet period only decides when silent addresses are retried.
    public var minWait = 0.02
    public var maxWait = 1.0
    /// A round ends as soon as every address of it answered, or when nothing arrived
    /// for the quiet period after the later of the last request and the last reply.
    public static func quietPeriod(rtts maxRTT: Double?, options: ARPSweepOptions) -> Double {
        guard let maxRTT else { return options.initialWait }
        return min(options.maxWait, max(options.minWait, 2 * maxRTT))
    }
    public init() {}
}

public final class ARPSweep {
    public let interface: String
    public let scope: ScanScope
    public let limiter: RateLimiter
    public var options: ARPSweepOptions

    public init(interface: String, scope: ScanScope, limiter: RateLimiter, options: ARPSweepOptions = ARPSweepOptions()) {
        self.interface = interface; self.scope = scope; self.limiter = limiter; self.options = options
    }

    private struct Shared {
        var sentAt: [IPv4Address: UInt64] = [:]
        var replies: [IPv4Address: ARPReply] = [:]
        var lastReply: UInt64 = 0
        var maxRTT: UInt64?
    }
    private final class SharedBox: Sendable {
        let state = Mutex(Shared())
        func withLock<R>(_ body: (inout Shared) -> R) -> R { state.withLock { body(&$0) } }
    }

    private var opened: (InterfaceAddresses, PacketSource, LinkInjector)?

    /// Opens the capture and injection handles (needs CAP_NET_RAW); call before dropping privileges.
    public func open() throws {
        if opened != nil { return }
        let me = try InterfaceAddresses.lookup(interface)
        var live = LiveCaptureOptions(interface: interface)
        live.promiscuous = false
        live.snaplen = 128
        live.timeoutMilliseconds = 10
        let capture: PacketSource
        do {
            capture = try PacketSource.openLive(live)
            try capture.setFilter("arp")
        } catch let e as CaptureError { throw ProbeError(e.message) }
        opened = (me, capture, try LinkInjector(interface: interface))
    }

    public func run(stop: StopSignal? = nil) throws -> ARPSweepResult {
        try open()
        let (me, capture, injector) = opened!
        defer { opened = nil }
        let scope = self.scope
        let shared = SharedBox()
        let done = StopSignal()
        let started = Monotonic.now()

        // Receiver: one thread reads the capture until the sender says it is done.
        let receiverFinished = DispatchSemaphore(value: 0)
        let receiver = Thread {
            _ = capture.read(stop: done) { _, frame in
                guard let link = LinkFrame.decode(frame, linkType: capture.linkType), link.kind == .etherType(EtherType.arp),
                      let arp = ARPPacket(link.payload), arp.operation == ARPPacket.reply,
                      arp.targetIP == me.ipv4, scope.contains(arp.senderIP) else { return }
                let now = Monotonic.now()
                var ts = timespec()
                clock_gettime(CLOCK_REALTIME, &ts)
                let wall = Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
                shared.withLock { s in
                    guard s.replies[arp.senderIP] == nil, let sent = s.sentAt[arp.senderIP] else { return }
                    s.replies[arp.senderIP] = ARPReply(ip: arp.senderIP, mac: arp.senderMAC, timestamp: wall, rtt: now &- sent)
                    s.lastReply = now
                    s.maxRTT = max(s.maxRTT ?? 0, now &- sent)
                }
            }
            receiverFinished.signal()
        }
        receiver.start()
        defer { done.stop(); receiverFinished.wait() }

        var pending = scope.addresses
        var sent = 0
        var rounds = 0
        for _ in 0...options.retries {
            if pending.isEmpty || stop?.isStopped == true { break }
            rounds += 1
            for target in pending {
                if stop?.isStopped == true { break }
                precondition(scope.contains(target), "ARP sweep addressed \(target) outside its scope")
                limiter.acquire()
                shared.withLock { $0.sentAt[target] = Monotonic.now() }
                try injector.send(ARPFrame.request(from: me.mac, ip: me.ipv4, for: target))
                sent += 1
            }
            // Adaptive wait: done when every address of the round answered, or after a quiet period
            // (twice the slowest RTT so far, bounded) with neither a request nor a reply.
            let lastSent = Monotonic.now()
            let round = pending
            var answered = Set<IPv4Address>()
            while true {
                let (lastReply, maxRTT, got) = shared.withLock { s in (s.lastReply, s.maxRTT, s.replies.count) }
                if got >= round.count || stop?.isStopped == true {
                    answered = shared.withLock { s in Set(s.replies.keys) }
                    if round.allSatisfy(answered.contains) || stop?.isStopped == true { break }
                }
                let quiet = UInt64(ARPSweepOptions.quietPeriod(rtts: maxRTT.map { Double($0) / 1e9 }, options: options) * 1e9)
                let now = Monotonic.now()
                let idleSince = max(lastSent, lastReply)
                if now &- idleSince >= quiet { break }
                RateLimiter.sleep(seconds: min(0.002, Double(quiet - (now &- idleSince)) / 1e9))
            }
            answered = shared.withLock { s in Set(s.replies.keys) }
            pending.removeAll { answered.contains($0) }
        }
        let replies = shared.withLock { s in s.replies.values.sorted { $0.ip < $1.ip } }
        return ARPSweepResult(replies: replies, requestsSent: sent, rounds: rounds,
                              elapsedSeconds: Double(Monotonic.now() - started) / 1e9)
    }
}
