import Foundation
import Capture
import Inventory
import NetAddress
import Snapshot
import XCTest

/// Inventory facts from the real public captures in ../shared/captures, checked by hand against tshark.
final class RealCaptureInventoryTests: XCTestCase {
    /// `../shared/captures` beside the checkout, or `$NETAUDIT_CAPTURES`.
    static let captures = ProcessInfo.processInfo.environment["NETAUDIT_CAPTURES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/captures").standardized.path

    func inventory(_ relative: String...) throws -> Snapshot {
        let paths = relative.map { Self.captures + "/" + $0 }
        for p in paths where !FileManager.default.fileExists(atPath: p) { throw XCTSkip("capture \(p) not present") }
        let observer = InventoryObserver()
        let reports = CaptureSession().readFiles(paths, observers: [observer])
        let sources = reports.map { Source(kind: .file, name: $0.name, linkType: $0.linkTypeName, packets: $0.packets, bytes: $0.bytes) }
        let vendors = (try? VendorRegistry(for: observer.observedMACs)) ?? VendorRegistry()
        return observer.snapshot(sources: sources, vendors: vendors, generatedAt: Timestamp(nanoseconds: 0))
    }

    func device(_ s: Snapshot, _ mac: String) throws -> Device {
        try XCTUnwrap(s.devices.first { $0.mac == MACAddress(mac) }, "no device \(mac)")
    }

    func testDHCPHostnameServerAndLease() throws {
        let s = try inventory("lan/zeek__dhcp.pcap")
        let client = try device(s, "90:b1:1c:99:49:29")
        XCTAssertEqual(client.hostnames.map(\.name), ["btest.is.cool"])
        XCTAssertEqual(client.hostnames.first?.source, "dhcp")
        XCTAssertEqual(client.ipv4.first?.address, IPv4Address("128.2.6.189"))
        XCTAssertTrue(client.ipv4.first?.sources.contains("dhcp") ?? false)
        XCTAssertEqual(s.dhcpServers.map(\.mac), [MACAddress("00:0c:29:40:0e:ef")!])
        XCTAssertEqual(try device(s, "00:0c:29:40:0e:ef").roles, [.dhcpServer])
        XCTAssertTrue(s.anomalies.isEmpty, "\(s.anomalies)")
    }

    func testLLDPSystemNameAndSwitchRole() throws {
        let s = try inventory("lan/zeek__lldp.pcap")
        let sw = try device(s, "00:22:2d:81:db:10")
        XCTAssertEqual(sw.lldp?.systemName, "SMCGS8P-Smart")
        XCTAssertEqual(sw.roles, [.switch])
        XCTAssertTrue(sw.hostnames.contains { $0.name == "SMCGS8P-Smart" && $0.source == "lldp" })
    }

    func testMDNSNameAndRandomizedMAC() throws {
        let s = try inventory("lan/zeek__mdns.pcap")
        let d = try device(s, "8a:3c:d6:e1:4d:c4")
        XCTAssertTrue(d.randomized)
        XCTAssertNil(d.vendor)
        XCTAssertTrue(d.hostnames.contains { $0.name == "johanna-QEMU-Virtual-Machine.local" && $0.source == "mdns" })
        XCTAssertEqual(d.ipv4.map(\.address), [IPv4Address("10.0.2.7")!])
    }

    func testRoutedPublicSourceMarksRouterInsteadOfBinding() throws {
        let s = try inventory("lan/zeek__ecdhe.pcap")
        let gateway = try device(s, "64:66:b3:0b:8f:82")
        XCTAssertTrue(gateway.ipv4.isEmpty, "a routed source (TTL 53) is not the gateway's address")
        XCTAssertEqual(gateway.roles, [.router])
        XCTAssertEqual(try device(s, "68:a8:6d:18:69:0e").ipv4.map(\.address), [IPv4Address("192.168.18.50")!])
    }

    func testCDPDeviceAndPlatform() throws {
        let s = try inventory("tcpdump-tests/3560_CDP.pcap")
        let cdp = s.devices.compactMap(\.cdp)
        XCTAssertFalse(cdp.isEmpty)
        XCTAssertTrue(cdp.contains { $0.platform?.contains("3560") ?? false }, "\(cdp)")
        XCTAssertTrue(s.devices.contains { $0.roles.contains(.switch) })
    }

    func testSeveralFilesKeepEvidencePerSource() throws {
        let s = try inventory("lan/zeek__arp-who-has.pcap", "lan/zeek__dhcp.pcap")
        XCTAssertEqual(s.sources.count, 2)
        let client = try device(s, "90:b1:1c:99:49:29")
        XCTAssertEqual(client.evidence?.source, 1)
        let apple = try device(s, "78:31:c1:c6:3f:c2")
        XCTAssertEqual(apple.evidence?.source, 0)
        XCTAssertEqual(apple.evidence?.packet, 1)
    }

    func testVendorFromIEEERegistry() throws {
        let s = try inventory("lan/zeek__lldp.pcap")
        guard FileManager.default.fileExists(atPath: VendorRegistry.defaultDirectory + "/oui.csv") else { throw XCTSkip("ieee-data missing") }
        XCTAssertEqual(try device(s, "00:22:2d:81:db:10").vendor, "SMC Networks Inc.")
    }

    func testSnapshotJSONRoundTrips() throws {
        let s = try inventory("lan/zeek__dhcp.pcap", "lan/zeek__mdns.pcap")
        let data = try JSONEncoder().encode(s)
        let back = try JSONDecoder().decode(Snapshot.self, from: data)
        XCTAssertEqual(back, s)
    }
}
