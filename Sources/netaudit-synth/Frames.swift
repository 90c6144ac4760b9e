import NetAddress

/// One 802.1Q tag. `tpid` is 0x8100 for a customer tag, 0x88a8 for an 802.1ad service tag (QinQ).
struct VLANTag: Sendable, Equatable {
    var tpid: UInt16 = 0x8100
    var vid: UInt16
    var priority: UInt8 = 0
}

enum EtherType {
    static let ipv4: UInt16 = 0x0800
    static let arp: UInt16 = 0x0806
    static let ipv6: UInt16 = 0x86DD
    static let lldp: UInt16 = 0x88CC
}

enum IPProtocol {
    static let tcp: UInt8 = 6
    static let udp: UInt8 = 17
    static let icmpv6: UInt8 = 58
}

/// Byte-exact frame construction, outermost layer last: callers build the
/// payload first and wrap it, so every length and checksum covers final bytes.
enum FrameBuilder {
    /// The shortest Ethernet frame without FCS; shorter frames are zero-padded as NICs do.
    static let minimumFrameLength = 60

    /// Ethernet II with optional 802.1Q/802.1ad tags, outermost tag first.
    static func ethernet(dst: MACAddress, src: MACAddress, tags: [VLANTag], etherType: UInt16, payload: [UInt8]) -> [UInt8] {
        var f: [UInt8] = []
        f.reserveCapacity(14 + 4 * tags.count + payload.count)
        f.mac(dst); f.mac(src)
        for t in tags { f.be16(t.tpid); f.be16(UInt16(t.priority) << 13 | (t.vid & 0x0FFF)) }
        f.be16(etherType)
        f.append(contentsOf: payload)
        if f.count < minimumFrameLength { f.zeros(minimumFrameLength - f.count) }
        return f
    }

    /// IEEE 802.3 with an LLC/SNAP header, as CDP uses: the type field holds the length.
    static func snap(dst: MACAddress, src: MACAddress, tags: [VLANTag], oui: UInt32, pid: UInt16, payload: [UInt8]) -> [UInt8] {
        var llc: [UInt8] = [0xAA, 0xAA, 0x03]
        llc.append(UInt8(oui >> 16 & 0xFF)); llc.append(UInt8(oui >> 8 & 0xFF)); llc.append(UInt8(oui & 0xFF))
        llc.be16(pid)
        llc.append(contentsOf: payload)
        return ethernet(dst: dst, src: src, tags: tags, etherType: UInt16(llc.count), payload: llc)
    }

    /// ARP for IPv4 over Ethernet (RFC 826); opcode 1 request, 2 reply.
    static func arp(opcode: UInt16, senderMAC: MACAddress, senderIP: IPv4Address, targetMAC: MACAddress, targetIP: IPv4Address) -> [UInt8] {
        var p: [UInt8] = []
        p.be16(1); p.be16(EtherType.ipv4); p.u8(6); p.u8(4); p.be16(opcode)
        p.mac(senderMAC); p.ipv4(senderIP); p.mac(targetMAC); p.ipv4(targetIP)
        return p
    }

    /// IPv4 header (no options) followed by `payload`, with the header checksum filled in.
    static func ipv4(src: IPv4Address, dst: IPv4Address, protocol proto: UInt8, identification: UInt16, ttl: UInt8,
                     dontFragment: Bool, tos: UInt8 = 0, payload: [UInt8]) -> [UInt8] {
        var h: [UInt8] = []
        h.reserveCapacity(20 + payload.count)
        h.u8(0x45); h.u8(tos); h.be16(UInt16(20 + payload.count)); h.be16(identification)
        h.be16(dontFragment ? 0x4000 : 0); h.u8(ttl); h.u8(proto); h.be16(0)
        h.ipv4(src); h.ipv4(dst)
        var c = InternetChecksum()
        c.add(h[0..<20])
        h.setBE16(c.value, at: 10)
        h.append(contentsOf: payload)
        return h
    }

    /// IPv6 fixed header followed by `payload` (no extension headers).
    static func ipv6(src: IPv6Address, dst: IPv6Address, nextHeader: UInt8, hopLimit: UInt8, flowLabel: UInt32 = 0,
                     trafficClass: UInt8 = 0, payload: [UInt8]) -> [UInt8] {
        var h: [UInt8] = []
        h.reserveCapacity(40 + payload.count)
        h.be32(6 << 28 | UInt32(trafficClass) << 20 | (flowLabel & 0xF_FFFF))
        h.be16(UInt16(payload.count)); h.u8(nextHeader); h.u8(hopLimit)
        h.ipv6(src); h.ipv6(dst)
        h.append(contentsOf: payload)
        return h
    }

    /// A UDP datagram; `pseudo` is the pseudo-header sum for the enclosing IP version.
    static func udp(sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8], pseudo: InternetChecksum) -> [UInt8] {
        var u: [UInt8] = []
        u.reserveCapacity(8 + payload.count)
        u.be16(sourcePort); u.be16(destinationPort); u.be16(UInt16(8 + payload.count)); u.be16(0)
        u.append(contentsOf: payload)
        var c = pseudo
        c.add(u)
        let v = c.value
        // A computed zero is sent as all ones: zero means "no checksum" in UDP (RFC 768).
        u.setBE16(v == 0 ? 0xFFFF : v, at: 6)
        return u
    }

    static func udp4(src: IPv4Address, dst: IPv4Address, sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8]) -> [UInt8] {
        udp(sourcePort: sourcePort, destinationPort: destinationPort, payload: payload,
            pseudo: .pseudoHeader(src, dst, protocol: IPProtocol.udp, length: 8 + payload.count))
    }

    static func udp6(src: IPv6Address, dst: IPv6Address, sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8]) -> [UInt8] {
        udp(sourcePort: sourcePort, destinationPort: destinationPort, payload: payload,
            pseudo: .pseudoHeader(src, dst, nextHeader: IPProtocol.udp, length: 8 + payload.count))
    }

    struct TCPFlags: OptionSet, Sendable {
        let rawValue: UInt8
        static let fin = TCPFlags(rawValue: 0x01)
        static let syn = TCPFlags(rawValue: 0x02)
        static let rst = TCPFlags(rawValue: 0x04)
        static let psh = TCPFlags(rawValue: 0x08)
        static let ack = TCPFlags(rawValue: 0x10)
    }

    /// A TCP segment over IPv4. `options` must already be padded to a multiple of four bytes.
    static func tcp4(src: IPv4Address, dst: IPv4Address, sourcePort: UInt16, destinationPort: UInt16, sequence: UInt32,
                     acknowledgment: UInt32, flags: TCPFlags, window: UInt16, options: [UInt8] = [], payload: [UInt8]) -> [UInt8] {
        precondition(options.count % 4 == 0 && options.count <= 40, "TCP options must be padded to 32-bit words")
        var t: [UInt8] = []
        let headerLength = 20 + options.count
        t.reserveCapacity(headerLength + payload.count)
        t.be16(sourcePort); t.be16(destinationPort); t.be32(sequence); t.be32(acknowledgment)
        t.u8(UInt8(headerLength / 4) << 4); t.u8(flags.rawValue); t.be16(window); t.be16(0); t.be16(0)
        t.append(contentsOf: options)
        t.append(contentsOf: payload)
        var c = InternetChecksum.pseudoHeader(src, dst, protocol: IPProtocol.tcp, length: t.count)
        c.add(t)
        t.setBE16(c.value, at: 16)
        return t
    }

    /// An ICMPv6 message (RFC 4443) with its checksum over the IPv6 pseudo-header.
    static func icmpv6(src: IPv6Address, dst: IPv6Address, type: UInt8, code: UInt8, body: [UInt8]) -> [UInt8] {
        var m: [UInt8] = [type, code, 0, 0]
        m.append(contentsOf: body)
        var c = InternetChecksum.pseudoHeader(src, dst, nextHeader: IPProtocol.icmpv6, length: m.count)
        c.add(m)
        m.setBE16(c.value, at: 2)
        return m
    }
}
