/// ARP sweep: who-has for every address in scope, retried for the silent ones with a wait that
/// adapts to the round-trip times seen so far. Replies are read with `PacketSource` (BPF `arp`).
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
    /// Wait after a round before the first reply has given an RTT estimate.
    public var initialWait = 0.25
    public var minWait = 0.05
    public var maxWait = 1.0
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
            // Adaptive wait: four times the slowest reply seen so far, bounded.
            let rtts = shared.withLock { s in s.replies.values.map(\.rtt) }
            let wait = rtts.isEmpty ? options.initialWait
                : min(options.maxWait, max(options.minWait, 4 * Double(rtts.max()!) / 1e9))
            RateLimiter.sleep(seconds: wait)
            let answered = shared.withLock { s in Set(s.replies.keys) }
            pending.removeAll { answered.contains($0) }
        }
        let replies = shared.withLock { s in s.replies.values.sorted { $0.ip < $1.ip } }
        return ARPSweepResult(replies: replies, requestsSent: sent, rounds: rounds,
                              elapsedSeconds: Double(Monotonic.now() - started) / 1e9)
    }
}
