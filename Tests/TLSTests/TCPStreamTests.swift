import Foundation
import Glibc
import XCTest
@testable import TLS

/// A thread-safe counter for concurrent tests.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

/// A listening socket on 127.0.0.1 (or ::1) with an ephemeral port; each accepted connection is
/// handed to `handler` on its own thread (nil handler: never accept, the kernel completes the
/// TCP handshakes into the backlog).
final class LoopbackListener: @unchecked Sendable {
    let fd: Int32
    let port: Int
    private let handler: (@Sendable (Int32) -> Void)?
    private let lock = NSLock()
    private var stopped = false

    init(ipv6: Bool = false, backlog: Int32 = 16, handler: (@Sendable (Int32) -> Void)?) throws {
        let family = ipv6 ? AF_INET6 : AF_INET
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var boundPort: UInt16 = 0
        if ipv6 {
            var sa = sockaddr_in6()
            sa.sin6_family = sa_family_t(AF_INET6)
            sa.sin6_addr = in6addr_loopback
            let size = socklen_t(MemoryLayout<sockaddr_in6>.size)
            var len = size
            let ok = withUnsafeMutablePointer(to: &sa) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) == 0 && getsockname(fd, $0, &len) == 0 }
            }
            guard ok else { Glibc.close(fd); throw POSIXError(.EADDRNOTAVAIL) }
            boundPort = UInt16(bigEndian: sa.sin6_port)
        } else {
            var sa = sockaddr_in()
            sa.sin_family = sa_family_t(AF_INET)
            sa.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            let size = socklen_t(MemoryLayout<sockaddr_in>.size)
            var len = size
            let ok = withUnsafeMutablePointer(to: &sa) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) == 0 && getsockname(fd, $0, &len) == 0 }
            }
            guard ok else { Glibc.close(fd); throw POSIXError(.EADDRNOTAVAIL) }
            boundPort = UInt16(bigEndian: sa.sin_port)
        }
        guard listen(fd, backlog) == 0 else { Glibc.close(fd); throw POSIXError(.EIO) }
        self.fd = fd
        port = Int(boundPort)
        self.handler = handler
        if handler != nil {
            let thread = Thread { [self] in self.acceptLoop() }
            thread.start()
        }
    }

    private func acceptLoop() {
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let r = poll(&p, 1, 100)
            if lock.withLock({ stopped }) { return }
            guard r > 0 else { continue }
            let client = accept(fd, nil, nil)
            guard client >= 0 else { continue }
            let handler = self.handler!
            Thread { handler(client); Glibc.close(client) }.start()
        }
    }

    func stop() {
        lock.withLock { stopped = true }
        usleep(150_000)   // let the accept loop notice before the descriptor goes away
        Glibc.close(fd)
    }

    /// Writes all of `text` to a client socket (test side, blocking).
    static func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + off, bytes.count - off, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            off += n
        }
    }
}

final class TCPStreamTests: XCTestCase {
    private func deadline(_ ms: Int) -> ContinuousClock.Instant { .now.advanced(by: .milliseconds(ms)) }

    /// A port with nothing listening: bound, never listened on, kept bound so nobody else takes it.
    private func closedPort() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET)
        sa.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &sa) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw POSIXError(.EADDRNOTAVAIL) }
        return (fd, Int(UInt16(bigEndian: sa.sin_port)))
    }

    func testClosedPortIsUnreachableFast() throws {
        let (fd, port) = try closedPort()
        defer { close(fd) }
        let start = ContinuousClock.now
        XCTAssertThrowsError(try TCPStream.connect(address: "127.0.0.1", port: port, timeout: .seconds(5))) { error in
            guard case .unreachable(let text) = error as? TLSProbeError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("refused"), text)
            XCTAssertTrue(text.contains("127.0.0.1:\(port)"), text)
        }
        XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(500))
    }

    func testSilentListenerTimesOutByTheDeadline() throws {
        let listener = try LoopbackListener(handler: nil)   // the kernel accepts; nobody ever writes
        defer { listener.stop() }
        let stream = try TCPStream.connect(address: "127.0.0.1", port: listener.port, timeout: .seconds(2))
        for ms in [300, 700] {
            let start = ContinuousClock.now
            XCTAssertThrowsError(try stream.receive(deadline: deadline(ms))) { error in
                guard case .timeout = error as? TLSProbeError else { return XCTFail("\(error)") }
            }
            let took = ContinuousClock.now - start
            XCTAssertGreaterThanOrEqual(took, .milliseconds(ms - 5))
            XCTAssertLessThan(took, .milliseconds(ms + 200))
            let lineStart = ContinuousClock.now
            XCTAssertThrowsError(try stream.readLine(deadline: deadline(ms)))
            XCTAssertLessThan(ContinuousClock.now - lineStart, .milliseconds(ms + 200))
        }
        // A deadline already past: immediate timeout.
        XCTAssertThrowsError(try stream.receive(deadline: .now - .seconds(1)))
    }

    /// A full accept queue drops SYNs on Linux: connect then times out (→ .unreachable).
    func testConnectTimeoutIsUnreachable() throws {
        let listener = try LoopbackListener(backlog: 0, handler: nil)
        defer { listener.stop() }
        var fillers: [TCPStream] = []
        defer { fillers.forEach { $0.close() } }
        var timedOut = false
        for _ in 0..<8 {
            let start = ContinuousClock.now
            do {
                fillers.append(try TCPStream.connect(address: "127.0.0.1", port: listener.port, timeout: .milliseconds(400)))
            } catch {
                guard case .unreachable(let text) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(text.contains("timed out"), text)
                let took = ContinuousClock.now - start
                XCTAssertGreaterThanOrEqual(took, .milliseconds(395))
                XCTAssertLessThan(took, .milliseconds(600))
                timedOut = true
                break
            }
        }
        XCTAssertTrue(timedOut, "the backlog never filled")
    }

    func testLinesThenBufferedBytesThenEOF() throws {
        let listener = try LoopbackListener { fd in
            LoopbackListener.write(fd, "220 hello\r\n")
            usleep(50_000)
            LoopbackListener.write(fd, "250-split")
            usleep(50_000)
            LoopbackListener.write(fd, " line\n250 last\r\n\u{16}\u{03}\u{01}tail")
            usleep(100_000)
        }
        defer { listener.stop() }
        let stream = try TCPStream.connect(address: "127.0.0.1", port: listener.port, timeout: .seconds(2))
        XCTAssertGreaterThanOrEqual(stream.fd, 0)
        XCTAssertEqual(try stream.readLine(deadline: deadline(2000)), "220 hello")
        XCTAssertEqual(try stream.readLine(deadline: deadline(2000)), "250-split line")
        XCTAssertEqual(try stream.readLine(deadline: deadline(2000)), "250 last")
        // Bytes read ahead with the last line come out of receive() first, in order.
        var rest: [UInt8] = []
        while rest.count < 7 {
            let chunk = try stream.receive(max: 3, deadline: deadline(2000))
            XCTAssertFalse(chunk.isEmpty)
            XCTAssertLessThanOrEqual(chunk.count, 3)
            rest += chunk
        }
        XCTAssertEqual(rest, [0x16, 0x03, 0x01] + Array("tail".utf8))
        XCTAssertEqual(try stream.receive(deadline: deadline(2000)), [])   // EOF
        XCTAssertThrowsError(try stream.readLine(deadline: deadline(2000))) { error in
            XCTAssertEqual(error as? TLSProbeError, .closed)
        }
        stream.close()
        stream.close()
        XCTAssertEqual(stream.fd, -1)
        XCTAssertThrowsError(try stream.send([1], deadline: deadline(100)))
    }

    func testOverlongLineIsAProtocolError() throws {
        let listener = try LoopbackListener { fd in
            LoopbackListener.write(fd, String(repeating: "A", count: 20_000))
            usleep(300_000)
        }
        defer { listener.stop() }
        let stream = try TCPStream.connect(address: "127.0.0.1", port: listener.port, timeout: .seconds(2))
        XCTAssertThrowsError(try stream.readLine(deadline: deadline(2000))) { error in
            guard case .protocolError = error as? TLSProbeError else { return XCTFail("\(error)") }
        }
    }

    func testSendAndEchoOverIPv6() throws {
        let listener: LoopbackListener
        do {
            listener = try LoopbackListener(ipv6: true) { fd in
                var buf = [UInt8](repeating: 0, count: 64)
                let n = recv(fd, &buf, 64, 0)
                if n > 0 { LoopbackListener.write(fd, "echo:" + String(decoding: buf[..<n], as: UTF8.self) + "\n") }
            }
        } catch { throw XCTSkip("no IPv6 loopback") }
        defer { listener.stop() }
        for address in ["::1", "[::1]"] {
            let stream = try TCPStream.connect(address: address, port: listener.port, timeout: .seconds(2))
            XCTAssertEqual(stream.peer, "[::1]:\(listener.port)")
            try stream.send(Array("ping".utf8), deadline: deadline(2000))
            XCTAssertEqual(try stream.readLine(deadline: deadline(2000)), "echo:ping")
        }
    }

    func testNamesAreNotResolved() {
        XCTAssertThrowsError(try TCPStream.connect(address: "localhost", port: 80, timeout: .seconds(1))) { error in
            guard case .system = error as? TLSProbeError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try TCPStream.connect(address: "127.0.0.1", port: 70000, timeout: .seconds(1)))
    }
}
