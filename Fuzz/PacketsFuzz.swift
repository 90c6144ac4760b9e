// libFuzzer target for netaudit's packet decoders and the passive inventory observer.
//
// Input: byte 0 picks the link type (a supported DLT value as itself, 0xFF for LINUX_SLL2 (276),
// any other value maps onto LinkType.supported by index), the remaining bytes are one captured
// frame. Each input runs Dissection.decode, every application decoder reachable from it (and on
// every UDP/TCP payload whatever the ports), the DNS/NBNS name decoders at every name offset, the
// 802.11 monitor-header strippers, and a fresh InventoryObserver including its snapshot.
//
// Built and run by scripts/fuzz.sh (swiftc -sanitize=fuzzer,address -O -assert-config Debug):
// the debug assert configuration keeps the standard library's buffer bounds checks on, so a read
// outside a decoder's view traps even where it stays inside libFuzzer's heap buffer.
@testable import Capture   // PacketHeader has no public initialiser; fuzz.sh builds Capture with -enable-testing
import Inventory
import NetAddress
import Packets
import Snapshot

@_cdecl("LLVMFuzzerTestOneInput")
public func packetsFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size >= 1 else { return 0 }
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let linkType = FuzzLinkType.select(input[0])
    let frame = UnsafeRawBufferPointer(rebasing: input[1...])
    var sink = 0
    FuzzDecoders.dissect(frame, linkType, &sink)
    FuzzDecoders.wireless(frame, &sink)
    if let inner = Radiotap.strip(frame) { FuzzDecoders.wireless(inner, &sink) }
    if let inner = PrismHeader.strip(frame) { FuzzDecoders.wireless(inner, &sink) }
    FuzzDecoders.application(frame, &sink)   // the raw bytes as a UDP payload too
    FuzzDecoders.observe(frame, linkType, &sink)
    FuzzSink.value &+= sink
    return 0
}

enum FuzzSink {
    /// Keeps results alive so the optimiser cannot drop the decoding.
    nonisolated(unsafe) static var value = 0
}

enum FuzzLinkType {
    static func select(_ b: UInt8) -> LinkType {
        if b == 0xFF { return .linuxSLL2 }
        let direct = LinkType(rawValue: Int32(b))
        if direct.isSupported { return direct }
        return LinkType.supported[Int(b) % LinkType.supported.count]
    }
}

enum FuzzDecoders {
    static func dissect(_ frame: UnsafeRawBufferPointer, _ linkType: LinkType, _ s: inout Int) {
        _ = LinkFrame.decode(frame, linkType: linkType)
        guard let d = Dissection.decode(frame, linkType: linkType) else { return }
        let link = d.link
        s &+= (link.source?.description.count ?? 0) + (link.destination?.description.count ?? 0)
            + (link.bssid?.description.count ?? 0) + Int(link.vlan) + link.tagCount
        switch link.kind {
        case .wlanManagement, .wlanOther: wireless(link.payload, &s)
        default: break
        }
        switch d.network {
        case .arp(let a):
            s &+= a.senderMAC.description.count + a.senderIP.description.count + a.targetMAC.description.count
                + a.targetIP.description.count + (a.isGratuitous ? 1 : 0) + (a.isProbe ? 1 : 0) + Int(a.operation)
        case .ipv4(let ip): s &+= ip.source.description.count + ip.destination.description.count + Int(ip.ttl)
        case .ipv6(let ip): s &+= ip.source.description.count + ip.destination.description.count + Int(ip.hopLimit)
        case .lldp(let p): lldp(p, &s)
        case .cdp(let p): cdp(p, &s)
        case .malformed, .other: break
        }
        lldp(link.payload, &s)
        cdp(link.payload, &s)
        switch d.transport {
        case .udp(let u): application(u.payload, &s)
        case .tcp(let t):
            s &+= Int(t.sequence & 1) + Int(t.flags)
            dns(t.payload, &s)
            if let framed = t.payload.tail(2) { dns(framed, &s) }
            tls(t.payload, &s)
        case .icmp(let m):
            if let quoted = m.body.tail(4), let inner = IPv4Packet(quoted) { s &+= inner.source.description.count }
        case .icmpv6(let m):
            if let nd = NeighborDiscovery(m) {
                s &+= (nd.target?.description.count ?? 0) + (nd.sourceLinkLayer?.description.count ?? 0)
                    + (nd.targetLinkLayer?.description.count ?? 0) + Int(nd.routerLifetime ?? 0)
            }
        case .none, .malformed: break
        }
    }

    static func application(_ p: UnsafeRawBufferPointer, _ s: inout Int) {
        if let m = DHCPv4Message(p) {
            s &+= m.clientIP.description.count + m.yourIP.description.count + m.relayIP.description.count
                + (m.clientMAC?.description.count ?? 0) + Int(m.messageType ?? 0) + (m.truncatedOptions ? 1 : 0)
                + (m.requestedIP?.description.count ?? 0) + (m.serverIdentifier?.description.count ?? 0)
            for v in [m.hostName, m.vendorClass, m.parameterRequestList, m.clientIdentifier, m.clientFQDN] {
                if let v { s &+= WireText.make(v).count + WireText.hex(v).count }
            }
            s &+= (m.fqdnName?.count ?? 0) + (m.fingerprint?.count ?? 0)
        }
        if let m = DHCPv6Message(p) {
            for v in [m.clientDUID, m.clientFQDN, m.vendorClass] { if let v { s &+= WireText.hex(v).count } }
            s &+= (m.fqdnName?.count ?? 0) + (m.vendorClassText?.count ?? 0) + (m.isFromClient ? 1 : 0)
        }
        dns(p, &s)
        tls(p, &s)
    }

    /// TLS server flights, ClientHello/ServerHello bodies, ServerKeyExchange for DHE/ECDHE/PSK suites, SSLv2.
    static func tls(_ p: UnsafeRawBufferPointer, _ s: inout Int) {
        var parser = TLSServerFlightParser(maxBufferedBytes: 65_536)
        _ = parser.feed(p)
        let f = parser.flight
        s &+= f.certificates.count + Int(f.serverHello?.cipherSuite ?? 0) + Int(f.alert?.description ?? 0)
            + (f.sslv2?.cipherKinds.count ?? 0) + Int(f.sslv2Error ?? 0)
        if let body = p.tail(4) {
            if let h = TLSClientHello.parse(body) { s &+= h.cipherSuites.count + (h.serverName?.count ?? 0) }
            if let h = TLSServerHello(body: body) { s &+= h.extensions.count }
            for code: UInt16 in [0x009E, 0xC02F, 0x00AA, 0xC035] {
                if let suite = TLSCipherSuiteRegistry.info(code), let k = TLSServerKeyExchangeFacts.parse(body, suite: suite) {
                    switch k {
                    case .dhe(let bits): s &+= bits
                    case .ecdhe(let curve): s &+= Int(curve)
                    }
                }
            }
        }
        if let m = SSLv2ServerHello(message: p) { s &+= m.certificate.count }
    }

    static func dns(_ p: UnsafeRawBufferPointer, _ s: inout Int) {
        guard let m = DNSMessage(p) else { return }
        var t = Int(m.opcode) + Int(m.rcode) + (m.isResponse ? 1 : 0)
        func name(_ offset: Int) {
            t &+= m.name(at: offset)?.count ?? 0
            t &+= DNSName.skip(m.bytes, offset) ?? 0
            if let (n, suffix) = NBNSName.decode(m.bytes, offset) { t &+= n.count + Int(suffix) }
        }
        m.forEach(question: { q in
            name(q.nameOffset)
            t &+= Int(q.type) + Int(q.qclass)
        }, record: { r in
            name(r.nameOffset)
            t &+= Int(r.ttl & 1) + r.rdata.count
            switch r.type {
            case 2, 5, 12: name(r.rdataOffset)
            case 33: name(r.rdataOffset + 6)
            case 15: name(r.rdataOffset + 2)
            default: break
            }
            t &+= DNSName.decodeUncompressed(r.rdata)?.count ?? 0
            t &+= WireText.make(r.rdata).count
        })
        s &+= t
    }

    static func lldp(_ p: UnsafeRawBufferPointer, _ s: inout Int) {
        guard let f = LLDPFrame(p) else { return }
        if let c = f.chassisID { s &+= LLDPFrame.idText(subtype: f.chassisSubtype, isChassis: true, c).count }
        if let c = f.portID { s &+= LLDPFrame.idText(subtype: f.portSubtype, isChassis: false, c).count }
        for v in [f.portDescription, f.systemName, f.systemDescription, f.chassisID, f.portID] {
            if let v { s &+= WireText.make(v).count + (AddressText.format(v)?.count ?? 0) }
        }
        s &+= LLDPFrame.capabilityNames(f.capabilities).count + LLDPFrame.capabilityNames(f.enabledCapabilities).count
        for (subtype, address) in f.managementAddresses {
            s &+= (AddressText.formatAddress(family: subtype, address)?.count ?? 0) + WireText.hex(address).count
        }
    }

    static func cdp(_ p: UnsafeRawBufferPointer, _ s: inout Int) {
        guard let f = CDPFrame(p) else { return }
        for v in [f.deviceID, f.portID, f.platform, f.softwareVersion] { if let v { s &+= WireText.make(v).count } }
        s &+= f.addresses.joined().count + CDPFrame.capabilityNames(f.capabilities).count + Int(f.nativeVLAN ?? 0)
    }

    static func wireless(_ p: UnsafeRawBufferPointer, _ s: inout Int) {
        guard let f = IEEE80211Frame(p) else { return }
        s &+= Int(f.frameControl) + Int(f.type) + Int(f.subtype) + (f.toDS ? 1 : 0) + (f.fromDS ? 1 : 0)
            + (f.isProtected ? 1 : 0) + (f.hasOrder ? 1 : 0)
    }

    /// The observer as the CLI drives it: the frame twice (the second time it meets existing
    /// records and bindings), then the snapshot with its anomaly pass.
    static func observe(_ frame: UnsafeRawBufferPointer, _ linkType: LinkType, _ s: inout Int) {
        let observer = InventoryObserver()
        observer.beginSource(index: 0)
        let header = PacketHeader(timestamp: 1_700_000_000_000_000_000, capturedLength: frame.count, originalLength: frame.count)
        observer.observe(header, frame, linkType: linkType)
        observer.observe(PacketHeader(timestamp: header.timestamp + 1, capturedLength: frame.count, originalLength: frame.count + 4),
                         frame, linkType: linkType)
        let snapshot = observer.snapshot(sources: [Source(kind: .file, name: "fuzz", linkType: linkType.name)],
                                         vendors: VendorRegistry(), generatedAt: Timestamp(nanoseconds: 0))
        for d in snapshot.devices {
            s &+= d.ipv4.count + d.ipv6.count + d.roles.count + d.hostnames.reduce(0) { $0 + $1.name.count }
        }
        s &+= snapshot.anomalies.count + snapshot.dhcpServers.count + observer.undecodableFrames + observer.malformedFrames
    }
}
