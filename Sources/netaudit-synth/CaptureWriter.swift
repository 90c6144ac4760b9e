#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `write(2)`, named apart from this file's `write(frame:timestamp:)` method.
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, bytes, count)
    #else
    return Darwin.write(fd, bytes, count)
    #endif
}

enum CaptureFormat: String, CaseIterable {
    case pcap, pcapng
}

/// Writes Ethernet frames to a classic pcap or a pcapng file through one large
/// reusable buffer, so the benchmark generator can fill records in place and
/// the kernel sees few, big `write` calls.
///
/// pcap: nanosecond magic 0xa1b23c4d, version 2.4, LINKTYPE_ETHERNET.
/// pcapng: one section (SHB), one interface (IDB with if_tsresol = 9, i.e.
/// nanoseconds), one Enhanced Packet Block per frame. All fields little-endian,
/// so the bytes do not depend on the machine that wrote them.
final class CaptureWriter {
    static let snapLength: UInt32 = 262_144
    static let linkTypeEthernet: UInt16 = 1
    /// LINKTYPE_IEEE802_11_RADIOTAP, for the wireless scenario.
    static let linkTypeRadiotap: UInt16 = 127
    private static let bufferCapacity = 8 << 20

    let format: CaptureFormat
    let path: String
    let linkType: UInt16
    private let fd: Int32
    private let isStandardOutput: Bool
    private let buffer: UnsafeMutableRawPointer
    private var used = 0
    private var closed = false
    /// Bytes handed to the kernel plus bytes still buffered: the file's length once closed.
    private(set) var bytesWritten: Int = 0
    private(set) var frameCount: Int = 0

    /// Opens `path` (or standard output for "-"), truncating it, and writes the file header.
    init(path: String, format: CaptureFormat, applicationName: String, interfaceName: String,
         linkType: UInt16 = CaptureWriter.linkTypeEthernet) throws(SynthError) {
        self.path = path
        self.format = format
        self.linkType = linkType
        if path == "-" {
            fd = STDOUT_FILENO
            isStandardOutput = true
        } else {
            let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard opened >= 0 else { throw SynthError.system("create", path: path) }
            fd = opened
            isStandardOutput = false
        }
        buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.bufferCapacity, alignment: 16)
        switch format {
        case .pcap: writePcapHeader()
        case .pcapng: writeSectionHeader(applicationName: applicationName, interfaceName: interfaceName)
        }
    }

    deinit {
        if !closed && !isStandardOutput { _ = close(fd) }
        buffer.deallocate()
    }

    // MARK: little-endian stores into the buffer

    @inline(__always) private func put16(_ v: UInt16, _ at: Int) { buffer.storeBytes(of: v.littleEndian, toByteOffset: at, as: UInt16.self) }
    @inline(__always) private func put32(_ v: UInt32, _ at: Int) { buffer.storeBytes(of: v.littleEndian, toByteOffset: at, as: UInt32.self) }
    @inline(__always) private func put64(_ v: UInt64, _ at: Int) { buffer.storeBytes(of: v.littleEndian, toByteOffset: at, as: UInt64.self) }

    private func appendRaw(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { src in
            buffer.advanced(by: used).copyMemory(from: src.baseAddress!, byteCount: src.count)
        }
        used += bytes.count
        bytesWritten += bytes.count
    }

    private func writePcapHeader() {
        put32(0xA1B2_3C4D, 0)                  // nanosecond-resolution magic
        put16(2, 4); put16(4, 6)
        put32(0, 8); put32(0, 12)              // thiszone, sigfigs
        put32(Self.snapLength, 16)
        put32(UInt32(linkType), 20)
        used = 24
        bytesWritten = 24
    }

    /// An option: code, length, value padded to 32 bits.
    private static func option(_ code: UInt16, _ value: [UInt8]) -> [UInt8] {
        var o: [UInt8] = [UInt8(code & 0xFF), UInt8(code >> 8), UInt8(value.count & 0xFF), UInt8(value.count >> 8)]
        o += value
        while o.count % 4 != 0 { o.append(0) }
        return o
    }

    private static func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }

    private static func block(type: UInt32, body: [UInt8]) -> [UInt8] {
        let total = UInt32(12 + body.count)
        return le32(type) + le32(total) + body + le32(total)
    }

    private func writeSectionHeader(applicationName: String, interfaceName: String) {
        var shb: [UInt8] = Self.le32(0x1A2B_3C4D) + [1, 0, 0, 0]     // byte-order magic, version 1.0
        shb += [UInt8](repeating: 0xFF, count: 8)                   // section length unknown (-1)
        shb += Self.option(4, Array(applicationName.utf8))          // shb_userappl
        shb += [0, 0, 0, 0]                                         // opt_endofopt
        appendRaw(Self.block(type: 0x0A0D_0D0A, body: shb))

        var idb: [UInt8] = [UInt8(linkType & 0xFF), UInt8(linkType >> 8), 0, 0] + Self.le32(Self.snapLength)
        idb += Self.option(2, Array(interfaceName.utf8))            // if_name
        idb += Self.option(9, [9])                                  // if_tsresol: 10^-9 s
        idb += [0, 0, 0, 0]
        appendRaw(Self.block(type: 0x0000_0001, body: idb))
    }

    /// Bytes a frame of `length` takes in the file, headers included.
    @inline(__always) func recordSize(frameLength length: Int) -> Int {
        switch format {
        case .pcap: return 16 + length
        case .pcapng: return 32 + (length + 3) & ~3
        }
    }

    /// Reserves room for one frame of `length` bytes stamped `timestamp` (ns since the epoch),
    /// lets `fill` write the frame straight into the buffer, then completes the record.
    @inline(__always)
    func writeFrame(length: Int, timestamp: Int64, fill: (UnsafeMutableRawPointer) -> Void) throws(SynthError) {
        precondition(length > 0 && length <= Int(Self.snapLength), "frame length \(length) out of range")
        precondition(timestamp >= 0, "timestamps before 1970 cannot be stored")
        if used + recordSize(frameLength: length) > Self.bufferCapacity { try flush() }
        appendRecord(length: length, timestamp: timestamp, fill: fill)
    }

    /// Writes one record into the buffer, which has room for it.
    @inline(__always)
    private func appendRecord(length: Int, timestamp: Int64, fill: (UnsafeMutableRawPointer) -> Void) {
        let size = recordSize(frameLength: length)
        let at = used
        switch format {
        case .pcap:
            put32(UInt32(timestamp / 1_000_000_000), at)
            put32(UInt32(timestamp % 1_000_000_000), at + 4)
            put32(UInt32(length), at + 8)
            put32(UInt32(length), at + 12)
            fill(buffer.advanced(by: at + 16))
        case .pcapng:
            let ts = UInt64(timestamp)
            put32(6, at)                                            // Enhanced Packet Block
            put32(UInt32(size), at + 4)
            put32(0, at + 8)                                        // interface 0
            put32(UInt32(ts >> 32), at + 12)
            put32(UInt32(ts & 0xFFFF_FFFF), at + 16)
            put32(UInt32(length), at + 20)
            put32(UInt32(length), at + 24)
            fill(buffer.advanced(by: at + 28))
            let padded = (length + 3) & ~3
            if padded > length { buffer.advanced(by: at + 28 + length).initializeMemory(as: UInt8.self, repeating: 0, count: padded - length) }
            put32(UInt32(size), at + 28 + padded)
        }
        used += size
        bytesWritten += size
        frameCount += 1
    }

    func write(frame: [UInt8], timestamp: Int64) throws(SynthError) {
        precondition(!frame.isEmpty && frame.count <= Int(Self.snapLength), "frame length \(frame.count) out of range")
        precondition(timestamp >= 0, "timestamps before 1970 cannot be stored")
        if used + recordSize(frameLength: frame.count) > Self.bufferCapacity { try flush() }
        frame.withUnsafeBytes { src in
            appendRecord(length: src.count, timestamp: timestamp) { dst in dst.copyMemory(from: src.baseAddress!, byteCount: src.count) }
        }
    }

    func flush() throws(SynthError) {
        var offset = 0
        while offset < used {
            let n = posixWrite(fd, buffer.advanced(by: offset), used - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw SynthError.system("write", path: path)
            }
            offset += n
        }
        used = 0
    }

    /// Flushes and closes; the file is complete only after this returns.
    func finish() throws(SynthError) {
        try flush()
        closed = true
        if !isStandardOutput && close(fd) != 0 { throw SynthError.system("close", path: path) }
    }

    /// After a failure: closes and removes the partial file (never standard output).
    func abandon() {
        guard !closed else { return }
        closed = true
        if !isStandardOutput {
            _ = close(fd)
            var st = stat()
            if lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG { _ = unlink(path) }
        }
    }
}
