/// A token bucket shared by every prober of a run: a global packets-per-second ceiling.
import Capture
import Glibc
import Synchronization

public final class RateLimiter: Sendable {
    /// 2000 packets/s: four times arp-scan's default (~500/s); a /24 sweep takes 0.13 s of sending.
    public static let defaultRate = 2000.0
    public let rate: Double
    public let burst: Double
    private struct State { var tokens: Double; var last: UInt64 }
    private let state: Mutex<State>

    /// - Parameters:
    ///   - packetsPerSecond: the long-run ceiling.
    ///   - burst: tokens that may accumulate while idle (default: 1/50 s worth, at least 1).
    public init(packetsPerSecond: Double = RateLimiter.defaultRate, burst: Double? = nil) {
        precondition(packetsPerSecond > 0)
        rate = packetsPerSecond
        self.burst = max(1, burst ?? packetsPerSecond / 50)
        // The bucket starts full, as token buckets do: the first burst goes out at once.
        state = Mutex(State(tokens: self.burst, last: Monotonic.now()))
    }

    /// Blocks until the caller may send one packet. Callers on several threads share the budget:
    /// each reserves a token (the balance may go negative) and sleeps off its own debt.
    public func acquire() {
        let wait: Double = state.withLock { s in
            let now = Monotonic.now()
            s.tokens = min(burst, s.tokens + Double(now &- s.last) / 1e9 * rate)
            s.last = now
            s.tokens -= 1
            return s.tokens >= 0 ? 0 : -s.tokens / rate
        }
        if wait > 0 { RateLimiter.sleep(seconds: wait) }
    }

    /// Takes a token if one is available now and returns 0; otherwise takes nothing and returns the
    /// seconds until one will be (so an event loop can keep serving completions meanwhile).
    public func tryAcquire() -> Double {
        state.withLock { s in
            let now = Monotonic.now()
            s.tokens = min(burst, s.tokens + Double(now &- s.last) / 1e9 * rate)
            s.last = now
            if s.tokens >= 1 { s.tokens -= 1; return 0 }
            return max(1e-6, (1 - s.tokens) / rate)
        }
    }

    /// Takes a token without waiting (the balance may go negative; later callers sleep it off): for
    /// packets that answer an answer, such as the RST after a SYN-ACK, which must not stall the reader.
    public func charge() {
        state.withLock { s in
            let now = Monotonic.now()
            s.tokens = min(burst, s.tokens + Double(now &- s.last) / 1e9 * rate)
            s.last = now
            s.tokens -= 1
        }
    }

    static func sleep(seconds: Double) {
        var ts = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var rem = timespec()
        while nanosleep(&ts, &rem) == -1 && errno == EINTR { ts = rem }
    }
}
