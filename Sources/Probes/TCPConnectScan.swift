/// TCP connect scan: non-blocking connects multiplexed with poll(2), bounded concurrency, one
/// rate-limiter token per connection attempt, and banner grabbing where a service volunteers one.
import Capture
import Glibc
import NetAddress

public struct PortResult: Sendable, Equatable {
    public enum State: String, Sendable { case open, closed, filtered }
    public var ip: IPv4Address
    public var port: Int
    public var state: State
    public var banner: String?
    /// `tcp`, or `udp` for the SNMP check.
    public var transport = "tcp"
}

public struct TCPScanOptions: Sendable {
    public static let defaultPorts = [21, 22, 23, 25, 80, 110, 139, 143, 161, 443, 445, 3389, 5900, 7547, 8080, 8443]
    /// Ports where the client speaks first over plain HTTP: a `HEAD / HTTP/1.0` is sent.
    public static let httpPorts: Set<Int> = [80, 8000, 8008, 8080, 8888]
    /// TLS ports: the server says nothing until a ClientHello, so no banner is awaited.
    public static let tlsPorts: Set<Int> = [443, 465, 636, 853, 993, 995, 8443]
    public var ports = TCPScanOptions.defaultPorts
    /// Sockets in flight at most; capped by RLIMIT_NOFILE (whose soft limit is raised to the hard one).
    public var concurrency = 1024
    /// Connect timeout before any round-trip time has been measured (and the upper bound after).
    public var connectTimeout = 1.0
    /// Lower bound of the RTT-adaptive connect timeout (nmap -T4 uses 100 ms).
    public var minConnectTimeout = 0.1
    /// Shrink the connect timeout to srtt + 4·rttvar (bounded) as connects and RSTs come back.
    public var adaptiveTimeout = true
    /// Extra attempts for a connect that timed out (never for an RST, which is an answer).
    public var timeoutRetries = 1
    public var bannerTimeout = 2.0
    public var grabBanners = true
    public init() {}
}

/// Round-trip estimator for connect timeouts: RFC 6298 smoothing, timeout = srtt + 4·rttvar, bounded.
public struct RTTEstimator: Sendable {
    public private(set) var srtt: Double?
    public private(set) var rttvar = 0.0
    public let initial: Double
    public let minimum: Double
    public let maximum: Double

    public init(initial: Double, minimum: Double, maximum: Double) {
        self.initial = initial; self.minimum = min(minimum, maximum); self.maximum = maximum
    }

    public mutating func add(_ sample: Double) {
        guard let s = srtt else { srtt = sample; rttvar = sample / 2; return }
        rttvar = 0.75 * rttvar + 0.25 * abs(s - sample)
        srtt = 0.875 * s + 0.125 * sample
    }

    /// Seconds a connect may stay unanswered before it counts as filtered.
    public var timeout: Double {
        guard let s = srtt else { return initial }
        return min(maximum, max(minimum, s + 4 * rttvar))
    }
}

/// Raises the soft RLIMIT_NOFILE to the hard limit; returns the resulting soft limit.
@discardableResult
public func raiseOpenFileLimit() -> Int {
    var rl = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl) == 0 else { return 1024 }
    if rl.rlim_cur < rl.rlim_max {
        var raised = rl
        raised.rlim_cur = rl.rlim_max
        if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { rl = raised }
    }
    return rl.rlim_cur > rlim_t(Int32.max) ? Int(Int32.max) : Int(rl.rlim_cur)
}

public struct TCPConnectScan {
    public let scope: ScanScope
    public let limiter: RateLimiter
    public var options: TCPScanOptions

    public init(scope: ScanScope, limiter: RateLimiter, options: TCPScanOptions = TCPScanOptions()) {
        self.scope = scope; self.limiter = limiter; self.options = options
    }

    private struct Conn {
        var fd: Int32
        var ip: IPv4Address
        var port: Int
        var attempt: Int
        var started: UInt64
        var reading = false
        var deadline: UInt64 = 0   // banner deadline while reading
        var buffer: [UInt8] = []
    }

    /// The concurrency actually used: the option, bounded by the open-file limit (raised if possible).
    public var effectiveConcurrency: Int {
        max(1, min(options.concurrency, raiseOpenFileLimit() - 64))
    }

    /// Scans `hosts` (each must be in scope; default: every address in scope) on `options.ports`.
    public func run(hosts: [IPv4Address]? = nil, stop: StopSignal? = nil) throws -> [PortResult] {
        let targets = hosts ?? scope.addresses
        var pairs: [(IPv4Address, Int)] = []
        for h in targets { for p in options.ports { pairs.append((h, p)) } }
        return try run(pairs: pairs, stop: stop)
    }

    /// Connects to exactly these (host, port) pairs, e.g. the open ports a SYN scan found, for their banners.
    public func run(pairs: [(IPv4Address, Int)], stop: StopSignal? = nil) throws -> [PortResult] {
        var work: [(IPv4Address, Int, Int)] = []
        for (h, p) in pairs {
            guard scope.contains(h) else { throw ProbeError("\(h) is outside the scan scope") }
            work.append((h, p, 0))
        }
        work.reverse()   // popLast takes them in host, port order
        let concurrency = effectiveConcurrency
        var active: [Conn] = []
        active.reserveCapacity(concurrency)
        var results: [PortResult] = []
        results.reserveCapacity(work.count)
        var rtt = RTTEstimator(initial: options.connectTimeout, minimum: options.minConnectTimeout, maximum: options.connectTimeout)
        let bannerNanos = UInt64(options.bannerTimeout * 1e9)
        var fds: [pollfd] = []
        var chunk = [UInt8](repeating: 0, count: 4096)

        func finish(_ c: Conn, _ state: PortResult.State) {
            if state == .open {
                // Abortive close (RST): no FIN exchange, no TIME_WAIT slot per probe.
                var lg = linger(l_onoff: 1, l_linger: 0)
                setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &lg, socklen_t(MemoryLayout<linger>.size))
            }
            close(c.fd)
            var banner: String?
            if state == .open, !c.buffer.isEmpty { banner = BannerText.extract(c.buffer, port: c.port) }
            results.append(PortResult(ip: c.ip, port: c.port, state: state, banner: banner))
        }

        while !work.isEmpty || !active.isEmpty {
            if stop?.isStopped == true { for c in active { close(c.fd) }; break }
            // Start connects while tokens are available, without sleeping: completions keep flowing.
            var tokenWait = 0.0
            while active.count < concurrency, !work.isEmpty {
                tokenWait = limiter.tryAcquire()
                if tokenWait > 0 { break }
                let (ip, port, attempt) = work.removeLast()
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
                guard fd >= 0 else { throw ProbeError("socket: \(String(cString: strerror(errno)))") }
                var sa = sockaddr_in()
                sa.sin_family = sa_family_t(AF_INET)
                sa.sin_port = UInt16(port).bigEndian
                sa.sin_addr.s_addr = ip.rawValue.bigEndian
                let started = Monotonic.now()
                let rc = withUnsafePointer(to: &sa) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                let err = errno
                let conn = Conn(fd: fd, ip: ip, port: port, attempt: attempt, started: started)
                if rc == 0 || err == EINPROGRESS {
                    active.append(conn)
                } else if err == EAGAIN || err == EADDRNOTAVAIL {
                    // Out of local ports for the moment: put it back and let connections drain.
                    close(fd)
                    work.append((ip, port, attempt))
                    break
                } else {
                    finish(conn, err == ECONNREFUSED ? .closed : .filtered)
                }
            }
            let timeoutNanos = UInt64(rtt.timeout * 1e9)
            fds.removeAll(keepingCapacity: true)
            var nearest = UInt64.max
            for c in active {
                fds.append(pollfd(fd: c.fd, events: Int16(c.reading ? POLLIN : POLLOUT), revents: 0))
                nearest = min(nearest, c.reading ? c.deadline : c.started &+ timeoutNanos)
            }
            let now = Monotonic.now()
            var waitMs = nearest == UInt64.max ? 50 : Int64(min(50, max(0, Int64(nearest) - Int64(now)) / 1_000_000 + 1))
            if tokenWait > 0 { waitMs = min(waitMs, Int64(tokenWait * 1000)) }
            if active.count < concurrency, !work.isEmpty, tokenWait == 0 { waitMs = 0 }
            _ = poll(&fds, nfds_t(fds.count), Int32(waitMs))
            let after = Monotonic.now()
            var kept = 0
            for i in active.indices {
                var c = active[i]
                let ev = Int32(fds[i].revents)
                var keep = false
                if !c.reading {
                    if ev != 0 {
                        var err: Int32 = 0
                        var len = socklen_t(MemoryLayout<Int32>.size)
                        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len)
                        if err == 0 || err == ECONNREFUSED {
                            if options.adaptiveTimeout { rtt.add(Double(after &- c.started) / 1e9) }
                        }
                        if err == 0 {
                            if options.grabBanners && !TCPScanOptions.tlsPorts.contains(c.port) {
                                if TCPScanOptions.httpPorts.contains(c.port) {
                                    let req = Array("HEAD / HTTP/1.0\r\n\r\n".utf8)
                                    _ = req.withUnsafeBytes { send(c.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                                }
                                c.reading = true
                                c.deadline = after + bannerNanos
                                keep = true
                            } else {
                                finish(c, .open)
                            }
                        } else {
                            finish(c, err == ECONNREFUSED ? .closed : .filtered)
                        }
                    } else if after &- c.started >= timeoutNanos {
                        close(c.fd)
                        if c.attempt < options.timeoutRetries {
                            work.append((c.ip, c.port, c.attempt + 1))
                        } else {
                            results.append(PortResult(ip: c.ip, port: c.port, state: .filtered, banner: nil))
                        }
                    } else {
                        keep = true
                    }
                } else {
                    if ev & (POLLIN | POLLHUP | POLLERR) != 0 {
                        let n = chunk.withUnsafeMutableBytes { recv(c.fd, $0.baseAddress, $0.count, 0) }
                        if n > 0 { c.buffer.append(contentsOf: chunk[0..<n]) }
                        if n <= 0 || BannerText.isComplete(c.buffer, port: c.port) || c.buffer.count >= 16_384 {
                            finish(c, .open)
                        } else { keep = true }
                    } else if after >= c.deadline {
                        finish(c, .open)
                    } else {
                        keep = true
                    }
                }
                if keep { active[kept] = c; kept += 1 }
            }
            active.removeSubrange(kept...)
        }
        return results.sorted { ($0.ip, $0.port) < ($1.ip, $1.port) }
    }
}

/// Turns what a service volunteered into one printable line.
public enum BannerText {
    static func isComplete(_ b: [UInt8], port: Int) -> Bool {
        if TCPScanOptions.httpPorts.contains(port) { return containsSequence(b, [13, 10, 13, 10]) }
        return b.contains(10)
    }

    static func containsSequence(_ b: [UInt8], _ s: [UInt8]) -> Bool {
        guard b.count >= s.count else { return false }
        for i in 0...(b.count - s.count) where Array(b[i..<i + s.count]) == s { return true }
        return false
    }

    /// HTTP: the `Server:` header (else the status line); SSH, SMTP, FTP, POP3, IMAP, telnet: the
    /// first line with telnet option negotiation and control characters removed.
    public static func extract(_ bytes: [UInt8], port: Int) -> String? {
        var clean: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0xFF, i + 1 < bytes.count {          // telnet IAC
                let cmd = bytes[i + 1]
                i += (cmd >= 251 && cmd <= 254) ? 3 : 2
                continue
            }
            clean.append(b)
            i += 1
        }
        let text = String(decoding: clean, as: UTF8.self)
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0.isNewline })
            .map { String($0.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init)) }
            .map { $0.trimmingCharacters() }
            .filter { !$0.isEmpty }
        if lines.first?.hasPrefix("HTTP/") == true {
            if let server = lines.first(where: { $0.lowercased().hasPrefix("server:") }) {
                return String(server.dropFirst(7)).trimmingCharacters()
            }
            return lines.first
        }
        guard let first = lines.first else { return nil }
        return String(first.prefix(200))
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
