import NetAddress
import XCTest

final class AddressTests: XCTestCase {
    func testMACParsingForms() {
        let expected = MACAddress(0x00, 0x1b, 0x21, 0x3c, 0x4d, 0x5e)
        for text in ["00:1b:21:3c:4d:5e", "00-1B-21-3C-4D-5E", "001b.213c.4d5e", "001b213c4d5e"] {
            XCTAssertEqual(MACAddress(text), expected, text)
        }
        for bad in ["00:1b:21:3c:4d", "00:1b:21:3c:4d:5e:6f", "zz:1b:21:3c:4d:5e", "", "00:1b:21:3c:4d:5g"] {
            XCTAssertNil(MACAddress(bad), bad)
        }
        XCTAssertEqual(expected.description, "00:1b:21:3c:4d:5e")
    }

    func testMACFlags() {
        XCTAssertTrue(MACAddress("8a:3c:d6:e1:4d:c4")!.isLocallyAdministered)
        XCTAssertFalse(MACAddress("88:3c:d6:e1:4d:c4")!.isLocallyAdministered)
        XCTAssertTrue(MACAddress("01:00:5e:00:00:fb")!.isMulticast)
        XCTAssertFalse(MACAddress.broadcast.isUnicastStation)
        XCTAssertFalse(MACAddress.zero.isUnicastStation)
    }

    func testIPv4StrictParsing() {
        XCTAssertEqual(IPv4Address("198.18.0.1")?.rawValue, 0xC612_0001)
        for bad in ["198.18.0", "198.18.0.256", "198.018.0.1", "1.2.3.4.5", "a.b.c.d", "", "1..2.3"] {
            XCTAssertNil(IPv4Address(bad), bad)
        }
        XCTAssertTrue(IPv4Address("198.19.255.1")!.isPrivateUse)
        XCTAssertTrue(IPv4Address("10.1.2.3")!.isPrivateUse)
        XCTAssertTrue(IPv4Address("172.31.0.1")!.isPrivateUse)
        XCTAssertFalse(IPv4Address("172.32.0.1")!.isPrivateUse)
        XCTAssertFalse(IPv4Address("8.8.8.8")!.isPrivateUse)
        XCTAssertFalse(IPv4Address("198.20.0.1")!.isPrivateUse)
    }

    func testIPv6RoundTrip() {
        let cases = ["fe80::1", "2001:db8::8:800:200c:417a", "::", "::1", "ff02::fb", "2001:db8:0:0:1::1", "::ffff:198.18.0.1"]
        let printed = ["fe80::1", "2001:db8::8:800:200c:417a", "::", "::1", "ff02::fb", "2001:db8::1:0:0:1", "::ffff:c612:1"]
        for (c, p) in zip(cases, printed) {
            XCTAssertEqual(IPv6Address(c)?.description, p, c)
        }
        for bad in [":::", "1::2::3", "12345::1", "g::1", "1:2:3:4:5:6:7:8:9"] {
            XCTAssertNil(IPv6Address(bad), bad)
        }
        XCTAssertTrue(IPv6Address("fe80::1")!.isLinkLocal)
    }

    func testNetworkContainment() throws {
        let net = try XCTUnwrap(IPv4Network("198.18.10.77/24"))
        XCTAssertEqual(net.description, "198.18.10.0/24")
        XCTAssertTrue(net.contains(IPv4Address("198.18.10.255")!))
        XCTAssertFalse(net.contains(IPv4Address("198.18.11.0")!))
        XCTAssertNil(IPv4Network("198.18.0.0/33"))
        XCTAssertEqual(IPv4Network("0.0.0.0/0")?.addressCount, 1 << 32)
    }
}
