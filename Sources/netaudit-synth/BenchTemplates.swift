/// Recorded conversations replayed by the benchmark generator: the bytes of all
/// frames in one flat buffer, plus where each frame's client port and L4
/// checksum sit so a replay can use a fresh ephemeral port.
final class TemplateStore {
    struct Frame {
        var offset: Int
        var length: Int
        var sender: Int
        /// Byte offset of the client's port within the frame, or -1 when the frame carries none.
        var clientPortOffset: Int
        var checksumOffset: Int
        var isUDP: Bool
    }
    struct Event {
        var frames: Range<Int>
        var clientPort: UInt16
        /// Station index of the DHCP server acknowledging in this event, or -1.
        var dhcpAckServer: Int
    }

    private var staging: [UInt8] = []
    private(set) var frames: [Frame] = []
    private(set) var events: [Event] = []
    private(set) var base: UnsafeMutableRawPointer?

    deinit { base?.deallocate() }

    /// Where the L4 header starts in an Ethernet frame carrying IPv4 (after any VLAN tags), and its protocol.
    static func transportHeader(_ f: [UInt8]) -> (offset: Int, proto: UInt8)? {
        var at = 12
        var type = f.readBE16(at: at)
        while type == 0x8100 || type == 0x88A8 { at += 4; type = f.readBE16(at: at) }
        guard type == EtherType.ipv4 else { return nil }
        let l3 = at + 2
        return (l3 + Int(f[l3] & 0x0F) * 4, f[l3 + 9])
    }

    /// Adds one recorded conversation. With `patchPortOf` set, the first frame that station sent
    /// defines the client port, and every frame carrying it gets the port's offset recorded.
    func add(_ recorded: [(frame: [UInt8], sender: Station)], index: [ObjectIdentifier: Int], patchPortOf client: Station?,
             dhcpAckServer: Int = -1) -> Int {
        let first = frames.count
        var clientPort: UInt16 = 0
        if let c = client, let f = recorded.first(where: { $0.sender === c }), let l4 = Self.transportHeader(f.frame) {
            clientPort = f.frame.readBE16(at: l4.offset)
        }
        for (frame, sender) in recorded {
            var portOffset = -1, checksumOffset = -1, isUDP = false
            if client != nil, let l4 = Self.transportHeader(frame), l4.proto == IPProtocol.tcp || l4.proto == IPProtocol.udp {
                isUDP = l4.proto == IPProtocol.udp
                checksumOffset = l4.offset + (isUDP ? 6 : 16)
                if frame.readBE16(at: l4.offset) == clientPort && sender === client { portOffset = l4.offset }
                else if frame.readBE16(at: l4.offset + 2) == clientPort && sender !== client { portOffset = l4.offset + 2 }
            }
            guard let s = index[ObjectIdentifier(sender)] else { preconditionFailure("template sender is not a bench station") }
            frames.append(Frame(offset: staging.count, length: frame.count, sender: s, clientPortOffset: portOffset,
                                checksumOffset: checksumOffset, isUDP: isUDP))
            staging += frame
        }
        events.append(Event(frames: first..<frames.count, clientPort: clientPort, dhcpAckServer: dhcpAckServer))
        return events.count - 1
    }

    /// Moves the bytes into one fixed allocation; call once, after the last `add`.
    func seal() {
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(1, staging.count), alignment: 16)
        staging.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        base = p
        staging = []
    }
}

/// `check` after words whose template value was zero took values summing to `added` (RFC 1624).
@inline(__always)
func checksumAdding(_ check: UInt16, _ added: UInt32) -> UInt16 {
    var s = UInt32(~check) &+ added
    s = (s & 0xFFFF) &+ (s >> 16)
    s = (s & 0xFFFF) &+ (s >> 16)
    return ~UInt16(s)
}

@inline(__always)
func wordSum(_ v: UInt32) -> UInt32 { (v >> 16) &+ (v & 0xFFFF) }

extension UnsafeMutableRawPointer {
    @inline(__always) func storeBE16(_ v: UInt16, at i: Int) { storeBytes(of: v.bigEndian, toByteOffset: i, as: UInt16.self) }
    @inline(__always) func storeBE32(_ v: UInt32, at i: Int) { storeBytes(of: v.bigEndian, toByteOffset: i, as: UInt32.self) }
    @inline(__always) func loadBE16(at i: Int) -> UInt16 { UInt16(bigEndian: loadUnaligned(fromByteOffset: i, as: UInt16.self)) }
}
