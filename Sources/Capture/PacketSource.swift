/// libpcap packet sources: capture files (pcap and pcapng, `-` for stdin) and
/// live interfaces with BPF filters, clean stops on SIGINT/SIGTERM, and a
/// privilege drop once the interface is open.
///
/// A source hands each packet to the caller as a borrowed buffer that is valid
/// only during the callback (libpcap reuses it), so decoding stays zero-copy.
import CPcap
import Glibc
import Packets

/// Per-packet metadata from the capture record header.
public struct PacketHeader: Sendable {
    /// Nanoseconds since the Unix epoch (libpcap opened with nanosecond precision).
    public var timestamp: Int64
    public var capturedLength: Int
    public var originalLength: Int
}

/// Why a read loop ended.
public enum ReadOutcome: Equatable, Sendable {
    /// End of file, or the packet count / duration limit was reached.
    case completed
    /// SIGINT/SIGTERM or an explicit stop request.
    case stopped
    /// The file is damaged from this packet on (1-based); everything before it was delivered.
    case damaged(packet: Int, message: String)
}

/// A failure to open or configure a source.
public struct CaptureError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// Bad input: unreadable or corrupt file, unsupported link type, bad filter.
        case input
        /// The environment failed: no such interface, permission denied, privilege drop.
        case runtime
    }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public var description: String { message }
}

/// Options for a live capture.
public struct LiveCaptureOptions: Sendable {
    public var interface: String
    public var promiscuous: Bool = true
    public var snaplen: Int32 = 262_144
    /// How long libpcap may hold packets before returning, which also bounds how late a stop is noticed.
    public var timeoutMilliseconds: Int32 = 100
    public init(interface: String) { self.interface = interface }
}

/// An open libpcap handle. Owns the `pcap_t` and closes it on deinit.
public final class PacketSource: @unchecked Sendable {
    // @unchecked: the handle is used from one thread at a time; only `breakLoop` is
    // called from the signal handler's queue, which libpcap allows.
    let handle: OpaquePointer
    public let name: String
    public let isFile: Bool
    public let linkType: LinkType
    /// Size of the file in bytes, when known (for progress reporting).
    public let fileSize: Int64?

    init(handle: OpaquePointer, name: String, isFile: Bool, fileSize: Int64?) {
        self.handle = handle
        self.name = name
        self.isFile = isFile
        self.fileSize = fileSize
        self.linkType = LinkType(rawValue: pcap_datalink(handle))
    }

    /// The stdio buffer behind a file's FILE*: it must outlive the stream, so it is freed after pcap_close.
    var stdioBuffer: UnsafeMutablePointer<CChar>?
    static let fileBufferSize = 1 << 20

    deinit {
        pcap_close(handle)
        stdioBuffer?.deallocate()
    }

    /// Opens a pcap or pcapng file, or standard input for `-`.
    public static func openFile(_ path: String) throws -> PacketSource {
        var errbuf = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        var fileBuffer: UnsafeMutablePointer<CChar>?
        var size: Int64?
        if path != "-" {
            var st = stat()
            guard stat(path, &st) == 0 else {
                throw CaptureError(.input, "\(path): \(String(cString: strerror(errno)))")
            }
            guard (st.st_mode & S_IFMT) != S_IFDIR else { throw CaptureError(.input, "\(path): is a directory") }
            size = (st.st_mode & S_IFMT) == S_IFREG ? Int64(st.st_size) : nil
        }
        // libpcap reads each record with two small freads; behind a 4 KiB stdio buffer that is a
        // read(2) per packet. Opening the FILE ourselves lets us give it a 1 MiB buffer first.
        let handle: OpaquePointer?
        if path == "-" {
            handle = pcap_open_offline_with_tstamp_precision(path, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errbuf)
        } else {
            guard let fp = fopen(path, "rb") else {
                let code = errno
                throw CaptureError(code == EACCES ? .runtime : .input, "\(path): \(String(cString: strerror(code)))")
            }
            // glibc ignores the size when it has to allocate the buffer itself: pass our own.
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: PacketSource.fileBufferSize)
            setvbuf(fp, buffer, _IOFBF, PacketSource.fileBufferSize)
            handle = pcap_fopen_offline_with_tstamp_precision(fp, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errbuf)
            if handle == nil { fclose(fp); buffer.deallocate() } else { fileBuffer = buffer }
        }
        guard let h = handle else {
            let message = cString(errbuf)
            let kind: CaptureError.Kind = message.contains("Permission denied") ? .runtime : .input
            throw CaptureError(kind, "\(path == "-" ? "<stdin>" : path): \(message)")
        }
        let source = PacketSource(handle: h, name: path, isFile: true, fileSize: size)
        source.stdioBuffer = fileBuffer
        guard source.linkType.isSupported else {
            throw CaptureError(.input, "\(path): unsupported link type \(source.linkTypeName) (\(source.linkType.rawValue)); supported: "
                + LinkType.supported.map { String($0.rawValue) }.joined(separator: ", "))
        }
        return source
    }

    /// Opens a live interface. Needs CAP_NET_RAW (root is not required).
    public static func openLive(_ options: LiveCaptureOptions) throws -> PacketSource {
        var errbuf = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        guard let h = pcap_create(options.interface, &errbuf) else {
            throw CaptureError(.runtime, "\(options.interface): \(cString(errbuf))")
        }
        pcap_set_snaplen(h, options.snaplen)
        pcap_set_promisc(h, options.promiscuous ? 1 : 0)
        pcap_set_timeout(h, options.timeoutMilliseconds)
        pcap_set_tstamp_precision(h, Int32(PCAP_TSTAMP_PRECISION_NANO))
        let status = pcap_activate(h)
        if status < 0 {
            let detail = status == PCAP_ERROR ? String(cString: pcap_geterr(h)) : String(cString: pcap_statustostr(status))
            pcap_close(h)
            var message = "\(options.interface): \(detail)"
            if status == PCAP_ERROR_PERM_DENIED {
                message += " (live capture needs root or CAP_NET_RAW: setcap cap_net_raw+ep $(which netaudit))"
            }
            throw CaptureError(.runtime, message)
        }
        let source = PacketSource(handle: h, name: options.interface, isFile: false, fileSize: nil)
        guard source.linkType.isSupported else {
            throw CaptureError(.input, "\(options.interface): unsupported link type \(source.linkTypeName) (\(source.linkType.rawValue))")
        }
        return source
    }

    /// libpcap's own name for the link type (e.g. `EN10MB`).
    public var linkTypeName: String {
        if let p = pcap_datalink_val_to_name(linkType.rawValue) { return String(cString: p) }
        return linkType.name
    }

    /// Compiles and installs a BPF filter; a syntax error carries libpcap's own text.
    public func setFilter(_ expression: String) throws {
        var program = bpf_program()
        guard pcap_compile(handle, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            throw CaptureError(.input, "bad filter '\(expression)': \(String(cString: pcap_geterr(handle)))")
        }
        defer { pcap_freecode(&program) }
        guard pcap_setfilter(handle, &program) == 0 else {
            throw CaptureError(.input, "cannot install filter '\(expression)': \(String(cString: pcap_geterr(handle)))")
        }
    }

    /// Interrupts a running `read` from another thread or a signal handler's queue.
    public func breakLoop() { pcap_breakloop(handle) }

    /// Bytes consumed so far from a regular file (for progress bars).
    public var bytesRead: Int64? {
        guard isFile, let fp = pcap_file(handle) else { return nil }
        let pos = ftello(fp)
        return pos >= 0 ? Int64(pos) : nil
    }

    /// Delivers packets to `body` until the input ends, a limit is reached, `stop` fires, or the file is damaged.
    /// - Parameters:
    ///   - maxPackets: stop after this many packets (nil: no limit).
    ///   - deadline: stop at this CLOCK_MONOTONIC time in nanoseconds (nil: none).
    ///   - stop: checked between packets and on every live timeout.
    ///   - tick: called about every 64k packets and on every live timeout (progress bars, limits).
    public func read(maxPackets: Int? = nil, deadline: UInt64? = nil, stop: StopSignal? = nil,
                     tick: (() -> Void)? = nil,
                     _ body: (PacketHeader, UnsafeRawBufferPointer) -> Void) -> ReadOutcome {
        var headerPointer: UnsafeMutablePointer<pcap_pkthdr>?
        var dataPointer: UnsafePointer<UInt8>?
        var delivered = 0
        let limit = maxPackets ?? Int.max
        stop?.attach(self)
        defer { stop?.detach() }
        while delivered < limit {
            if let stop, stop.isStopped { return .stopped }
            let status = pcap_next_ex(handle, &headerPointer, &dataPointer)
            switch status {
            case 1:
                guard let h = headerPointer?.pointee, let d = dataPointer else { continue }
                delivered += 1
                // With nanosecond precision libpcap stores nanoseconds in tv_usec.
                let ts = Int64(h.ts.tv_sec) * 1_000_000_000 + Int64(h.ts.tv_usec)
                let header = PacketHeader(timestamp: ts, capturedLength: Int(h.caplen), originalLength: Int(h.len))
                body(header, UnsafeRawBufferPointer(start: d, count: Int(h.caplen)))
                if delivered & 0xFFFF == 0 {
                    tick?()
                    if let deadline, Monotonic.now() >= deadline { return .completed }
                }
            case 0:
                // Live timeout with no packet: a chance to notice stops and deadlines.
                tick?()
                if let deadline, Monotonic.now() >= deadline { return .completed }
            case PCAP_ERROR_BREAK:
                if let stop, stop.isStopped { return .stopped }
                if let deadline, Monotonic.now() >= deadline { return .completed }
                return .completed
            default:
                let message = String(cString: pcap_geterr(handle))
                if let stop, stop.isStopped { return .stopped }
                return .damaged(packet: delivered + 1, message: message)
            }
        }
        return .completed
    }
}

/// A NUL-terminated C buffer as a String.
func cString(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}

/// CLOCK_MONOTONIC in nanoseconds, for durations that must not jump with the wall clock.
public enum Monotonic {
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
