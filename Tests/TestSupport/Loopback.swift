import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP connection to 127.0.0.1 (never any other address) with a 5 s receive timeout,
/// for tests that talk to a server they started themselves.
public enum Loopback {
    /// The connected descriptor, or -1 when nothing accepts on `port`.
    public static func connect(port: UInt16) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian   // 127.0.0.1 only
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if r != 0 { close(fd); return -1 }
        var tv = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }
}

extension Loopback {
    /// Sends `request` on `fd`, then reads until `done` (given each chunk as it arrives) says the
    /// answer is complete, the peer closes, or the receive timeout passes; returns every byte read.
    public static func exchange(_ fd: Int32, send request: [UInt8], until done: (UnsafeRawBufferPointer) -> Bool) -> [UInt8] {
        _ = request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[0..<n]
            if buffer.withUnsafeBytes({ done(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }) { break }
        }
        return received
    }
}
