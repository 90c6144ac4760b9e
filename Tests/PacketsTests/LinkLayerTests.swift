import NetAddress
@testable import Packets
import XCTest

final class LinkLayerTests: XCTestCase {
    func testEthernetWithQinQTakesInnermostVLAN() throws {
        let arp = [UInt8](repeating: 0, count: 28)
        let frame = FrameBuilder.ethernet(src: "00:1b:21:3c:4d:5e", type: 0x0806, vlans: [100, 20], payload: arp)
        try withBytes(frame) { p in
            let f = try XCTUnwrap(LinkFrame.decode(p, linkType: .ethernet))
            XCTAssertEqual(f.vlan, 20)
            XCTAssertEqual(f.tagCount, 2)
            XCTAssertEqual(f.kind, .etherType(0x0806))
            XCTAssertEqual(f.source, MACAddress("00:1b:21:3c:4d:5e"))
            XCTAssertEqual(f.payload.count, 28)
        }
    }

    func testTruncatedVLANTagIsRejected() {
        let frame: [UInt8] = [UInt8](repeating: 0xff, count: 12) + [0x81, 0x00, 0x00]
        withBytes(frame) { XCTAssertNil(LinkFrame.decode($0, linkType: .ethernet)) }
    }

    func testIEEE8023SNAPForCDP() throws {
        var llc = FrameBuilder()
        llc.raw([0xAA, 0xAA, 0x03, 0x00, 0x00, 0x0C]); llc.u16(0x2000); llc.raw([2, 180, 0, 0])
        var b = FrameBuilder()
        b.mac("01:00:0c:cc:cc:cc"); b.mac("00:00:0c:12:34:56"); b.u16(UInt16(llc.bytes.count)); b.raw(llc.bytes)
        b.raw([0, 0, 0, 0, 0, 0])   // Ethernet padding after the 802.3 length
        try withBytes(b.bytes) { p in
            let d = try XCTUnwrap(Dissection.decode(p, linkType: .ethernet))
            guard case .cdp(let payload) = d.network else { return XCTFail("not CDP: \(d.network)") }
            XCTAssertEqual(payload.count, 4, "padding beyond the 802.3 length must be dropped")
        }
    }

    func testLinuxCookedV1AndV2() throws {
        let ip = FrameBuilder.ipv4(src: "198.18.0.2", dst: "198.18.0.1", proto: 17, payload: FrameBuilder.udp(src: 1, dst: 2, payload: []))
        var v1 = FrameBuilder()
        v1.u16(0); v1.u16(1); v1.u16(6); v1.mac("02:00:00:00:00:01"); v1.raw([0, 0]); v1.u16(0x0800); v1.raw(ip)
        try withBytes(v1.bytes) { p in
            let d = try XCTUnwrap(Dissection.decode(p, linkType: .linuxSLL))
            XCTAssertEqual(d.link.source, MACAddress("02:00:00:00:00:01"))
            guard case .ipv4(let h) = d.network else { return XCTFail() }
            XCTAssertEqual(h.source, IPv4Address("198.18.0.2"))
        }
        var v2 = FrameBuilder()
        v2.u16(0x0800); v2.u16(0); v2.u32(2); v2.u16(1); v2.u8(0); v2.u8(6); v2.mac("02:00:00:00:00:02"); v2.raw([0, 0]); v2.raw(ip)
        try withBytes(v2.bytes) { p in
            let d = try XCTUnwrap(Dissection.decode(p, linkType: .linuxSLL2))
            XCTAssertEqual(d.link.source, MACAddress("02:00:00:00:00:02"))
            guard case .udp = d.transport else { return XCTFail("\(d.transport)") }
        }
    }

    func testRawIPAndUnsupported() throws {
        let ip = FrameBuilder.ipv4(src: "198.18.0.2", dst: "198.18.0.1", proto: 6, payload: [UInt8](repeating: 0, count: 20))
        for lt in [LinkType.raw, .rawAlt12, .rawAlt14, .ipv4] {
            try withBytes(ip) { p in
                let d = try XCTUnwrap(Dissection.decode(p, linkType: lt), lt.description)
                XCTAssertNil(d.link.source)
            }
        }
        withBytes(ip) { XCTAssertNil(Dissection.decode($0, linkType: LinkType(rawValue: 147))) }
        XCTAssertFalse(LinkType(rawValue: 147).isSupported)
    }

    func testRadiotapWithFCSAndQoSDataFrame() throws {
        // Radiotap: version 0, length 9, present = flags (bit 1); flags = 0x10 (FCS at end).
        var rt = FrameBuilder()
        rt.raw([0, 0, 9, 0, 0x02, 0, 0, 0, 0x10])
        // 802.11 QoS data, FromDS: A1 = DA, A2 = BSSID, A3 = SA.
        var w = FrameBuilder()
        w.raw([0x88, 0x02, 0, 0]); w.mac("ff:ff:ff:ff:ff:ff"); w.mac("00:11:22:33:44:55"); w.mac("a4:83:e7:01:02:03")
        w.raw([0, 0]); w.raw([0, 0])   // sequence, QoS control
        w.raw([0xAA, 0xAA, 0x03, 0, 0, 0]); w.u16(0x0806); w.raw([UInt8](repeating: 0, count: 28))
        let frame = rt.bytes + w.bytes + [0xDE, 0xAD, 0xBE, 0xEF]
        try withBytes(frame) { p in
            let f = try XCTUnwrap(LinkFrame.decode(p, linkType: .radiotap))
            XCTAssertEqual(f.source, MACAddress("a4:83:e7:01:02:03"))
            XCTAssertEqual(f.bssid, MACAddress("00:11:22:33:44:55"))
            XCTAssertEqual(f.kind, .etherType(0x0806))
            XCTAssertEqual(f.payload.count, 28, "FCS must be stripped")
        }
    }

    func testRadiotapLengthBeyondFrameIsRejected() {
        withBytes([0, 0, 0xFF, 0, 0, 0, 0, 0, 1, 2, 3]) { XCTAssertNil(LinkFrame.decode($0, linkType: .radiotap)) }
    }

    func testBeaconIsManagement() throws {
        var w = FrameBuilder()
        w.raw([0x80, 0x00, 0, 0]); w.mac("ff:ff:ff:ff:ff:ff"); w.mac("00:11:22:33:44:55"); w.mac("00:11:22:33:44:55"); w.raw([0, 0])
        w.raw([UInt8](repeating: 0, count: 12))
        try withBytes(w.bytes) { p in
            let f = try XCTUnwrap(LinkFrame.decode(p, linkType: .ieee80211))
            XCTAssertEqual(f.kind, .wlanManagement(subtype: 8))
        }
    }
}
