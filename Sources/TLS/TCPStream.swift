#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A blocking-with-deadline TCP stream: a non-blocking socket driven with poll(2), so every
/// operation ends by its deadline whatever the peer does.
///
/// Addresses are IPv4 or IPv6 literals only (`192.0.2.1`, `::1`, `[::1]`, `fe80::1%eth0`); names
/// are resolved elsewhere. Writes use `MSG_NOSIGNAL`, so a peer that resets never raises SIGPIPE.
///
/// `readLine` (for STARTTLS dialogues) reads ahead into a small buffer; `receive` and
/// `readExactly` hand out buffered bytes first, so bytes a server sent right after its last line
/// are not lost when the caller switches to TLS.
///
/// One thread at a time should do I/O on a stream; `close()` is idempotent and safe from any
/// thread, and `deinit` closes.
public final class TCPStream: @unchecked Sendable {
    private struct State {
        var fd: Int32
        var buffer: [UInt8] = []
    }
    private let state: Mutex<State>
    /// The peer as given, for error messages (`127.0.0.1:25`, `[::1]:25`).
    public let peer: String

    /// Longest line `readLine` accepts.
    public static let maxLineLength = 8192

    private init(fd: Int32, peer: String) {
        state = Mutex(State(fd: fd))
        self.peer = peer
    }

    deinit { close() }

    /// The socket descriptor; -1 once closed.
    public var fd: Int32 { state.withLock { $0.fd } }

    /// Connects to `address` (an IP literal) and `port`, giving up after `timeout`.
    /// Refused, unroutable and timed-out connects throw `.unreachable`; a malformed address or a
    /// failing socket(2) throws `.system`.
    public static func connect(address: String, port: Int, timeout: Duration) throws(TLSProbeError) -> TCPStream {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var host = address
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let peer = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        guard (0...65535).contains(port) else { throw .system("\(peer): port out of range") }

        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let gai = getaddrinfo(host, String(port), &hints, &list)
        guard gai == 0, let info = list else {
            throw .system("\(address): not an IP address literal (\(String(cString: gai_strerror(gai))))")
        }
        defer { freeaddrinfo(list) }

        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system("socket: \(Self.errorText(errno))") }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))

        if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
            let e = errno
            guard e == EINPROGRESS || e == EINTR else {
                Glibc.close(fd)
                throw .unreachable("\(peer): \(Self.errorText(e))")
            }
            let ready: Bool
            do throws(TLSProbeError) {
                ready = try Self.wait(fd: fd, events: Int16(POLLOUT), deadline: deadline)
            } catch {
                Glibc.close(fd)
                throw error
            }
            guard ready else {
                Glibc.close(fd)
                throw .unreachable("\(peer): connect timed out after \(Self.milliseconds(timeout)) ms")
            }
            var soError: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            if getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &len) != 0 { soError = errno }
            if soError != 0 {
                Glibc.close(fd)
                throw .unreachable("\(peer): \(Self.errorText(soError))")
            }
        }
        return TCPStream(fd: fd, peer: peer)
    }

    /// Sends all of `bytes` or throws: `.timeout` at the deadline, `.closed` when the peer reset
    /// or shut the connection.
    public func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TLSProbeError) {
        let fd = try openFD()
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n > 0 { offset += n; continue }
            let e = errno
            if n < 0 && e == EINTR { continue }
            if n < 0 && (e == EAGAIN || e == EWOULDBLOCK) {
                guard try Self.wait(fd: fd, events: Int16(POLLOUT), deadline: deadline) else {
                    throw .timeout("\(peer): send did not complete by the deadline")
                }
                continue
            }
            if e == EPIPE || e == ECONNRESET { throw .closed }
            throw .system("\(peer): send: \(Self.errorText(e))")
        }
    }

    /// Up to `max` bytes as soon as any are available (buffered bytes first); `[]` at EOF.
    /// Throws `.timeout` when nothing arrives by the deadline, `.closed` on a connection reset.
    public func receive(max: Int = 16384, deadline: ContinuousClock.Instant) throws(TLSProbeError) -> [UInt8] {
        let buffered: [UInt8] = state.withLock { s in
            guard !s.buffer.isEmpty else { return [] }
            let n = Swift.min(max, s.buffer.count)
            let out = Array(s.buffer[..<n])
            s.buffer.removeFirst(n)
            return out
        }
        if !buffered.isEmpty { return buffered }
        return try readSocket(max: max, deadline: deadline)
    }

    /// Exactly `count` bytes (buffered first); `.closed` if the peer ends the stream first.
    public func readExactly(_ count: Int, deadline: ContinuousClock.Instant) throws(TLSProbeError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            let chunk = try receive(max: count - out.count, deadline: deadline)
            if chunk.isEmpty { throw .closed }
            out += chunk
        }
        return out
    }

    /// One line without its CRLF or LF terminator (bytes decoded as UTF-8, invalid sequences
    /// replaced). Throws `.closed` at EOF before a terminator, `.protocolError` for a line longer
    /// than 8 KiB, `.timeout` at the deadline.
    public func readLine(deadline: ContinuousClock.Instant) throws(TLSProbeError) -> String {
        while true {
            let line: [UInt8]? = state.withLock { s in
                guard let nl = s.buffer.firstIndex(of: 0x0A) else { return nil }
                var end = nl
                if end > 0 && s.buffer[end - 1] == 0x0D { end -= 1 }
                let out = Array(s.buffer[..<end])
                s.buffer.removeFirst(nl + 1)
                return out
            }
            if let line { return String(decoding: line, as: UTF8.self) }
            let pending = state.withLock { $0.buffer.count }
            if pending > Self.maxLineLength {
                throw .protocolError("\(peer): line longer than \(Self.maxLineLength) bytes")
            }
            let chunk = try readSocket(max: 4096, deadline: deadline)
            if chunk.isEmpty { throw .closed }
            state.withLock { $0.buffer += chunk }
        }
    }

    /// Number of bytes read ahead by `readLine` and not yet consumed.
    public var bufferedByteCount: Int { state.withLock { $0.buffer.count } }

    /// Closes the socket; later calls do nothing.
    public func close() {
        let fd: Int32 = state.withLock { s in
            let fd = s.fd
            s.fd = -1
            s.buffer = []
            return fd
        }
        if fd >= 0 { Glibc.close(fd) }
    }

    // MARK: - Internals

    private func openFD() throws(TLSProbeError) -> Int32 {
        let fd = self.fd
        guard fd >= 0 else { throw .system("\(peer): stream is closed") }
        return fd
    }

    private func readSocket(max: Int, deadline: ContinuousClock.Instant) throws(TLSProbeError) -> [UInt8] {
        let fd = try openFD()
        let size = Swift.max(1, max)
        var out = [UInt8](repeating: 0, count: size)
        while true {
            let n = out.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress!, size, 0) }
            if n > 0 { out.removeLast(size - n); return out }
            if n == 0 { return [] }
            let e = errno
            if e == EINTR { continue }
            if e == EAGAIN || e == EWOULDBLOCK {
                guard try Self.wait(fd: fd, events: Int16(POLLIN), deadline: deadline) else {
                    throw .timeout("\(peer): no data by the deadline")
                }
                continue
            }
            if e == ECONNRESET || e == EPIPE { throw .closed }
            throw .system("\(peer): recv: \(Self.errorText(e))")
        }
    }

    /// Polls `fd` for `events` until the deadline: true when ready (or in error/hang-up, which the
    /// next call reports), false at the deadline.
    static func wait(fd: Int32, events: Int16, deadline: ContinuousClock.Instant) throws(TLSProbeError) -> Bool {
        while true {
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero {
                // One last non-waiting look, so a ready socket is not reported as a timeout.
                var p = pollfd(fd: fd, events: events, revents: 0)
                return poll(&p, 1, 0) > 0
            }
            var p = pollfd(fd: fd, events: events, revents: 0)
            let ms = Int32(clamping: milliseconds(remaining, roundingUp: true))
            let r = poll(&p, 1, ms)
            if r > 0 { return true }
            if r < 0 && errno != EINTR { throw .system("poll: \(errorText(errno))") }
        }
    }

    static func milliseconds(_ d: Duration, roundingUp: Bool = false) -> Int64 {
        let (s, atto) = d.components
        let ms = s * 1000 + atto / 1_000_000_000_000_000
        return roundingUp && atto % 1_000_000_000_000_000 > 0 ? ms + 1 : ms
    }

    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}
