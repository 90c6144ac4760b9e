import NetAddress
@testable import Packets
import XCTest

final class ApplicationDecoderTests: XCTestCase {
    func testARPGratuitousAndProbe() throws {
        var b = FrameBuilder()
        b.u16(1); b.u16(0x0800); b.u8(6); b.u8(4); b.u16(2)
        b.mac("00:1b:21:3c:4d:5e"); b.ipv4("198.18.0.9"); b.mac("00:00:00:00:00:00"); b.ipv4("198.18.0.9")
        try withBytes(b.bytes) { p in
            let arp = try XCTUnwrap(ARPPacket(p))
            XCTAssertTrue(arp.isGratuitous)
            XCTAssertFalse(arp.isProbe)
            XCTAssertEqual(arp.senderIP, IPv4Address("198.18.0.9"))
        }
        withBytes(Array(b.bytes.prefix(27))) { XCTAssertNil(ARPPacket($0)) }
    }

    func dhcp(options: [UInt8], op: UInt8 = 1) -> [UInt8] {
        var b = FrameBuilder()
        b.u8(op); b.u8(1); b.u8(6); b.u8(0); b.u32(0x1234); b.u16(0); b.u16(0)
        b.ipv4("0.0.0.0"); b.ipv4(op == 2 ? "198.18.10.50" : "0.0.0.0"); b.ipv4("0.0.0.0"); b.ipv4("0.0.0.0")
        b.mac("3c:22:fb:00:00:01"); b.raw([UInt8](repeating: 0, count: 10))
        b.raw([UInt8](repeating: 0, count: 192))
        b.u32(0x6382_5363)
        b.raw(options)
        return b.bytes
    }

    func testDHCPv4Options() throws {
        var o = FrameBuilder()
        o.raw([53, 1, 3]); o.raw([12, 4]); o.text("pc01"); o.raw([55, 4, 1, 3, 6, 15]); o.raw([60, 8]); o.text("MSFT 5.0")
        o.raw([61, 7, 1]); o.mac("3c:22:fb:00:00:01"); o.raw([50, 4]); o.ipv4("198.18.10.50"); o.raw([54, 4]); o.ipv4("198.18.10.1")
        o.raw([81, 13, 0x04, 0, 0, 4]); o.text("pc01"); o.raw([3]); o.text("lan"); o.raw([0])
        o.raw([0, 0, 255])
        try withBytes(dhcp(options: o.bytes)) { p in
            let m = try XCTUnwrap(DHCPv4Message(p))
            XCTAssertEqual(m.messageType, DHCPv4Message.MessageType.request)
            XCTAssertEqual(m.hostName.map(WireText.make), "pc01")
            XCTAssertEqual(m.fingerprint, "1,3,6,15")
            XCTAssertEqual(m.vendorClass.map(WireText.make), "MSFT 5.0")
            XCTAssertEqual(m.clientIdentifier.map(WireText.hex), "013c22fb000001")
            XCTAssertEqual(m.requestedIP, IPv4Address("198.18.10.50"))
            XCTAssertEqual(m.serverIdentifier, IPv4Address("198.18.10.1"))
            XCTAssertEqual(m.fqdnName, "pc01.lan")
            XCTAssertEqual(m.clientMAC, MACAddress("3c:22:fb:00:00:01"))
            XCTAssertFalse(m.truncatedOptions)
        }
    }

    func testDHCPv4OptionRunningPastPacketStops() throws {
        try withBytes(dhcp(options: [53, 1, 1, 12, 200, 0x41])) { p in
            let m = try XCTUnwrap(DHCPv4Message(p))
            XCTAssertEqual(m.messageType, 1)
            XCTAssertNil(m.hostName)
            XCTAssertTrue(m.truncatedOptions)
        }
        withBytes(Array(dhcp(options: []).prefix(239))) { XCTAssertNil(DHCPv4Message($0)) }
    }

    func testDNSCompressionAndLoops() throws {
        var b = FrameBuilder()
        b.u16(0); b.u16(0x8400); b.u16(0); b.u16(2); b.u16(0); b.u16(0)
        // Answer 1: printer.local A 198.18.10.20 (name at offset 12)
        b.u8(7); b.text("printer"); b.u8(5); b.text("local"); b.u8(0)
        b.u16(1); b.u16(0x8001); b.u32(120); b.u16(4); b.ipv4("198.18.10.20")
        // Answer 2: a name that is a pointer to itself (a loop) must not hang.
        let selfOffset = UInt16(b.bytes.count)
        b.u16(0xC000 | selfOffset); b.u16(1); b.u16(1); b.u32(1); b.u16(4); b.ipv4("198.18.10.21")
        try withBytes(b.bytes) { p in
            let dns = try XCTUnwrap(DNSMessage(p))
            var names: [String?] = []
            XCTAssertTrue(dns.forEach { names.append(dns.name(at: $0.nameOffset)) })
            XCTAssertEqual(names, ["printer.local", nil])
        }
    }

    func testDNSCountsBeyondDataReportDamage() throws {
        var b = FrameBuilder()
        b.u16(0); b.u16(0x8000); b.u16(0); b.u16(50); b.u16(0); b.u16(0)
        try withBytes(b.bytes) { p in
            let dns = try XCTUnwrap(DNSMessage(p))
            var n = 0
            XCTAssertFalse(dns.forEach { _ in n += 1 })
            XCTAssertEqual(n, 0)
        }
    }

    func testNBNSNameDecoding() throws {
        // "WORKSTATION1" padded to 15 with spaces, suffix 0x00.
        let name = Array("WORKSTATION1".utf8) + [UInt8](repeating: 0x20, count: 3) + [0x00]
        var enc: [UInt8] = [32]
        for c in name { enc += [0x41 + (c >> 4), 0x41 + (c & 0xF)] }
        enc.append(0)
        try withBytes(enc) { p in
            let (n, suffix) = try XCTUnwrap(NBNSName.decode(p, 0))
            XCTAssertEqual(n, "WORKSTATION1")
            XCTAssertEqual(suffix, 0)
        }
        withBytes([32] + [UInt8](repeating: 0x5A, count: 32)) { XCTAssertNil(NBNSName.decode($0, 0)) }
    }

    func testLLDP() throws {
        var b = FrameBuilder()
        func tlv(_ type: Int, _ value: [UInt8]) { b.u16(UInt16(type << 9 | value.count)); b.raw(value) }
        tlv(1, [4, 0x00, 0x22, 0x2d, 0x81, 0xdb, 0x10])
        tlv(2, [5] + Array("gi1/0/3".utf8))
        tlv(3, [0, 120])
        tlv(5, Array("core-sw1".utf8))
        tlv(6, Array("Switch OS 1.2".utf8))
        tlv(7, [0, 0x14, 0, 0x04])
        tlv(8, [5, 1, 198, 18, 10, 2, 2, 0, 0, 0, 0, 0])
        tlv(0, [])
        try withBytes(b.bytes) { p in
            let l = try XCTUnwrap(LLDPFrame(p))
            XCTAssertEqual(LLDPFrame.idText(subtype: l.chassisSubtype, isChassis: true, l.chassisID!), "00:22:2d:81:db:10")
            XCTAssertEqual(l.systemName.map(WireText.make), "core-sw1")
            XCTAssertEqual(LLDPFrame.capabilityNames(l.enabledCapabilities), ["bridge"])
            XCTAssertEqual(l.managementAddresses.count, 1)
            XCTAssertEqual(AddressText.formatAddress(family: l.managementAddresses[0].subtype, l.managementAddresses[0].address), "198.18.10.2")
            XCTAssertFalse(l.damaged)
        }
        var bad = FrameBuilder()
        bad.u16(UInt16(1 << 9 | 400)); bad.raw([4, 1, 2])
        withBytes(bad.bytes) { XCTAssertNil(LLDPFrame($0)) }
    }

    func testCDPAddresses() throws {
        var b = FrameBuilder()
        b.u8(2); b.u8(180); b.u16(0)
        func tlv(_ type: UInt16, _ value: [UInt8]) { b.u16(type); b.u16(UInt16(value.count + 4)); b.raw(value) }
        tlv(1, Array("rtr1.example".utf8))
        var addrs = FrameBuilder()
        addrs.u32(1); addrs.raw([1, 1, 0xCC]); addrs.u16(4); addrs.ipv4("198.18.10.1")
        tlv(2, addrs.bytes)
        tlv(6, Array("cisco C1111-4P".utf8))
        tlv(4, [0, 0, 0, 0x29])
        try withBytes(b.bytes) { p in
            let c = try XCTUnwrap(CDPFrame(p))
            XCTAssertEqual(c.deviceID.map(WireText.make), "rtr1.example")
            XCTAssertEqual(c.addresses, ["198.18.10.1"])
            XCTAssertEqual(CDPFrame.capabilityNames(c.capabilities), ["router", "switch", "igmp"])
        }
        // A TLV length shorter than its own header stops decoding instead of looping.
        withBytes([2, 180, 0, 0, 0, 1, 0, 2, 0x41]) { p in
            XCTAssertEqual(CDPFrame(p)?.damaged, true)
        }
    }

    func testNeighborAdvertisementWithTargetLinkLayer() throws {
        var b = FrameBuilder()
        b.u8(136); b.u8(0); b.u16(0); b.u32(0x6000_0000)
        b.raw([0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [1])
        b.raw([2, 1]); b.mac("00:1b:21:3c:4d:5e")
        try withBytes(b.bytes) { p in
            let icmp = try XCTUnwrap(ICMPMessage(p))
            let nd = try XCTUnwrap(NeighborDiscovery(icmp))
            XCTAssertEqual(nd.kind, .neighborAdvertisement)
            XCTAssertEqual(nd.target, IPv6Address("fe80::1"))
            XCTAssertEqual(nd.targetLinkLayer, MACAddress("00:1b:21:3c:4d:5e"))
        }
    }

    func testIPv6ExtensionHeadersAndFragments() throws {
        var b = FrameBuilder()
        b.u32(0x6000_0000); b.u16(8 + 8 + 8); b.u8(0); b.u8(64)
        b.raw([0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [2]); b.raw([0xff, 0x02] + [UInt8](repeating: 0, count: 13) + [1])
        b.raw([44, 0, 0, 0, 0, 0, 0, 0])      // hop-by-hop → fragment
        b.raw([17, 0, 0, 0, 0, 0, 0, 1])      // fragment offset 0 → UDP
        b.raw(FrameBuilder.udp(src: 546, dst: 547, payload: []))
        try withBytes(b.bytes) { p in
            let ip = try XCTUnwrap(IPv6Packet(p))
            XCTAssertEqual(ip.protocol, 17)
            XCTAssertTrue(ip.isFirstFragment)
            XCTAssertEqual(ip.payload.count, 8)
        }
    }

    func testDHCPv6RelayUnwrapAndFQDN() throws {
        var inner = FrameBuilder()
        inner.u8(1); inner.raw([0, 0, 1])
        inner.u16(1); inner.u16(10); inner.raw([0, 3, 0, 1]); inner.mac("00:1b:21:3c:4d:5e")
        inner.u16(39); inner.u16(11); inner.u8(0); inner.u8(4); inner.text("host"); inner.u8(3); inner.text("lan"); inner.u8(0)
        inner.u16(16); inner.u16(4 + 2 + 5); inner.u32(311); inner.u16(5); inner.text("MSFT5")
        var relay = FrameBuilder()
        relay.u8(12); relay.u8(0); relay.raw([UInt8](repeating: 0, count: 32))
        relay.u16(9); relay.u16(UInt16(inner.bytes.count)); relay.raw(inner.bytes)
        try withBytes(relay.bytes) { p in
            let m = try XCTUnwrap(DHCPv6Message(p))
            XCTAssertEqual(m.messageType, 1)
            XCTAssertTrue(m.isFromClient)
            XCTAssertEqual(m.fqdnName, "host.lan")
            XCTAssertEqual(m.vendorClassText, "311:MSFT5")
            XCTAssertEqual(m.clientDUID.map(WireText.hex), "00030001001b213c4d5e")
        }
    }

    func testWireTextEscapesControlAndInvalidBytes() {
        XCTAssertEqual(withBytes([0x61, 0x0A, 0x62, 0xFF, 0xE3, 0x81, 0x82]) { WireText.make($0) }, "a\\x0ab\\xffあ")
        XCTAssertEqual(withBytes([0xC0, 0x80]) { WireText.make($0) }, "\\xc0\\x80", "overlong encodings are not text")
    }
}
