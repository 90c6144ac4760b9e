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
}

public struct TCPScanOptions: Sendable {
    public static let defaultPorts = [21, 22, 23, 25, 80, 110, 139, 143, 161, 443, 445, 3389, 5900, 7547, 8080, 8443]
    /// Ports where the client speaks first over plain HTTP: a `HEAD / HTTP/1.0` is sent.
    public static let httpPorts: Set<Int> = [80, 8000, 8008, 8080, 8888]
    /// TLS ports: the server says nothing until a ClientHello, so no banner is awaited.
    public static let tlsPorts: Set<Int> = [443, 465, 636, 853, 993, 995, 8443]
    public var ports = TCPScanOptions.defaultPorts
    public var concurrency = 64
    public var connectTimeout = 1.0
    public var bannerTimeout = 2.0
    public var grabBanners = true
    public init() {}
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
        var reading = false
        var deadline: UInt64
        var buffer: [UInt8] = []
    }

    /// Scans `hosts` (each must be in scope; default: every address in scope) on `options.ports`.
    public func run(hosts: [IPv4Address]? = nil, stop: StopSignal? = nil) throws -> [PortResult] {
        let targets = hosts ?? scope.addresses
        var work: [(IPv4Address, Int)] = []
        for h in targets {
            guard scope.contains(h) else { throw ProbeError("\(h) is outside the scan scope") }
            for p in options.ports { work.append((h, p)) }
        }
        work.reverse()   // popLast takes them in host, port order
        var active: [Conn] = []
        var results: [PortResult] = []
        let connectNanos = UInt64(options.connectTimeout * 1e9)
        let bannerNanos = UInt64(options.bannerTimeout * 1e9)

        func finish(_ c: Conn, _ state: PortResult.State) {
            close(c.fd)
            var banner: String?
            if state == .open, !c.buffer.isEmpty { banner = BannerText.extract(c.buffer, port: c.port) }
            results.append(PortResult(ip: c.ip, port: c.port, state: state, banner: banner))
        }

        while !work.isEmpty || !active.isEmpty {
            if stop?.isStopped == true { for c in active { close(c.fd) }; break }
            while active.count < options.concurrency, let (ip, port) = work.popLast() {
                limiter.acquire()
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
                guard fd >= 0 else { throw ProbeError("socket: \(String(cString: strerror(errno)))") }
                var sa = sockaddr_in()
                sa.sin_family = sa_family_t(AF_INET)
                sa.sin_port = UInt16(port).bigEndian
                sa.sin_addr.s_addr = ip.rawValue.bigEndian
                let rc = withUnsafePointer(to: &sa) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                let conn = Conn(fd: fd, ip: ip, port: port, deadline: Monotonic.now() + connectNanos)
                if rc == 0 || errno == EINPROGRESS {
                    active.append(conn)
                } else {
                    finish(conn, errno == ECONNREFUSED ? .closed : .filtered)
                }
            }
            var fds = active.map { pollfd(fd: $0.fd, events: Int16($0.reading ? POLLIN : POLLOUT), revents: 0) }
            let now = Monotonic.now()
            let nearest = active.map(\.deadline).min() ?? now
            let waitMs = Int32(min(50, max(0, Int64(nearest) - Int64(now)) / 1_000_000 + 1))
            _ = poll(&fds, nfds_t(fds.count), waitMs)
            let after = Monotonic.now()
            var keep: [Conn] = []
            for (i, var c) in active.enumerated() {
                let ev = Int32(fds[i].revents)
                if !c.reading {
                    if ev != 0 {
                        var err: Int32 = 0
                        var len = socklen_t(MemoryLayout<Int32>.size)
                        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len)
                        if err == 0 {
                            if options.grabBanners && !TCPScanOptions.tlsPorts.contains(c.port) {
                                if TCPScanOptions.httpPorts.contains(c.port) {
                                    let req = Array("HEAD / HTTP/1.0\r\n\r\n".utf8)
                                    _ = req.withUnsafeBytes { send(c.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                                }
                                c.reading = true
                                c.deadline = after + bannerNanos
                                keep.append(c)
                            } else {
                                finish(c, .open)
                            }
                        } else {
                            finish(c, err == ECONNREFUSED ? .closed : .filtered)
                        }
                    } else if after >= c.deadline {
                        finish(c, .filtered)
                    } else {
                        keep.append(c)
                    }
                } else {
                    if ev & (POLLIN | POLLHUP | POLLERR) != 0 {
                        var chunk = [UInt8](repeating: 0, count: 4096)
                        let n = chunk.withUnsafeMutableBytes { recv(c.fd, $0.baseAddress, $0.count, 0) }
                        if n > 0 { c.buffer.append(contentsOf: chunk[0..<n]) }
                        if n <= 0 || BannerText.isComplete(c.buffer, port: c.port) || c.buffer.count >= 16_384 {
                            finish(c, .open)
                        } else { keep.append(c) }
                    } else if after >= c.deadline {
                        finish(c, .open)
                    } else {
                        keep.append(c)
                    }
                }
            }
            active = keep
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
