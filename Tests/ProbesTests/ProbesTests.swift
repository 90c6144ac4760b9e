import Capture
import NetAddress
@testable import Probes
import Packets
import XCTest
import Foundation

final class ScanScopeTests: XCTestCase {
    func testPublicTargetsRefusedUnlessAllowed() throws {
        XCTAssertThrowsError(try ScanScope(targets: ScanScope.parseList("8.8.8.0/24"))) {
            XCTAssertEqual($0 as? ScopeError, .publicTarget(IPv4Network("8.8.8.0/24")!))
        }
        // A range straddling private and public space is public.
        XCTAssertThrowsError(try ScanScope(targets: ScanScope.parseList("192.0.0.0/7")))
        let allowed = try ScanScope(targets: ScanScope.parseList("8.8.8.8"), allowPublic: true)
        XCTAssertEqual(allowed.addresses, [IPv4Address("8.8.8.8")!])
        XCTAssertNoThrow(try ScanScope(targets: ScanScope.parseList("10.1.2.0/24,198.19.255.0/24")))
    }

    func testExclusionsAndHostRange() throws {
        let s = try ScanScope(targets: ScanScope.parseList("198.18.0.0/24"), excluding: ScanScope.parseList("198.18.0.250,198.18.0.0/29"))
        XCTAssertEqual(s.addresses.count, 254 - 7 - 1)
        XCTAssertFalse(s.contains(IPv4Address("198.18.0.250")!))
        XCTAssertFalse(s.contains(IPv4Address("198.18.0.255")!))   // broadcast
        XCTAssertFalse(s.contains(IPv4Address("198.18.0.7")!))
        XCTAssertTrue(s.contains(IPv4Address("198.18.0.8")!))
        XCTAssertFalse(s.contains(IPv4Address("198.18.1.1")!))
        XCTAssertThrowsError(try ScanScope(targets: ScanScope.parseList("198.18.0.1"), excluding: ScanScope.parseList("198.18.0.0/24"))) {
            XCTAssertEqual($0 as? ScopeError, .noTargets)
        }
    }

    func testMaxTargets() throws {
        XCTAssertThrowsError(try ScanScope(targets: ScanScope.parseList("10.0.0.0/19"))) {
            XCTAssertEqual($0 as? ScopeError, .tooManyTargets(max: 4096))
        }
        XCTAssertThrowsError(try ScanScope(targets: ScanScope.parseList("10.0.0.0/8")))
        XCTAssertEqual(try ScanScope(targets: ScanScope.parseList("10.0.0.0/20")).addresses.count, 4094)
        XCTAssertThrowsError(try ScanScope(targets: ScanScope.parseList("198.18.0.0/24"), maxTargets: 100))
        // Exclusions count: a /19 minus a /20 fits.
        XCTAssertNoThrow(try ScanScope(targets: ScanScope.parseList("10.0.0.0/19"), excluding: ScanScope.parseList("10.0.16.0/20")))
        XCTAssertThrowsError(try ScanScope.parseList("10.0.0.0/33"))
    }
}

final class RateLimiterTests: XCTestCase {
    func measure(rate: Double, packets: Int, threads: Int) -> Double {
        let limiter = RateLimiter(packetsPerSecond: rate)
        limiter.acquire()   // spend the initial token so the clock starts now
        let start = Monotonic.now()
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<(packets / threads) { limiter.acquire() }
        }
        let seconds = Double(Monotonic.now() - start) / 1e9
        return Double(packets) / seconds
    }

    func testAchievedRateWithinTenPercent() {
        for (rate, packets, threads) in [(300.0, 300, 1), (1000.0, 1000, 4), (5000.0, 5000, 2)] {
            let achieved = measure(rate: rate, packets: packets, threads: threads)
            XCTAssertEqual(achieved, rate, accuracy: rate * 0.10, "rate \(rate) with \(threads) threads achieved \(achieved)")
        }
    }
}

final class ScanPlanTests: XCTestCase {
    func testDryRunRendering() throws {
        let scope = try ScanScope(targets: ScanScope.parseList("198.18.0.0/24"), excluding: ScanScope.parseList("198.18.0.250"))
        let plan = ScanPlan(interface: "eth0", scope: scope, ports: [22, 80], rate: 300, passiveSeconds: 2)
        XCTAssertEqual(plan.maxProbePackets, 253 * 3 + 253 * 2)
        XCTAssertEqual(plan.render(), """
        scan plan (dry run: nothing is sent)
          interface:    eth0
          targets:      198.18.0.0/24
          excluded:     198.18.0.250/32
          addresses:    253 (198.18.0.1 … 198.18.0.254), max 4096
          phase 1:      ARP sweep, 3 rounds at most, BPF filter 'arp'
          phase 2:      TCP connect to hosts that answered, ports 22,80
          passive:      inventory observer listening throughout, +2 s after the probes
          rate limit:   300 packets/s (global)
          upper bound:  1265 probe packets, 6.2 s

        """)
    }
}

final class BannerTests: XCTestCase {
    func testBanners() {
        XCTAssertEqual(BannerText.extract(Array("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".utf8), port: 22), "SSH-2.0-OpenSSH_9.2p1 Debian-2")
        XCTAssertEqual(BannerText.extract(Array("HTTP/1.0 200 OK\r\nDate: x\r\nServer: nginx/1.22\r\n\r\n".utf8), port: 80), "nginx/1.22")
        XCTAssertEqual(BannerText.extract([0xFF, 0xFB, 0x01, 0xFF, 0xFB, 0x03] + Array("\r\nlab login: ".utf8), port: 23), "lab login:")
        XCTAssertEqual(BannerText.extract(Array("220 mx ESMTP\r\n".utf8), port: 25), "220 mx ESMTP")
    }

    func testARPRequestFrame() {
        let f = ARPFrame.request(from: MACAddress("02:00:00:00:00:01")!, ip: IPv4Address("198.18.0.250")!, for: IPv4Address("198.18.0.1")!)
        XCTAssertEqual(f.count, 60)
        f.withUnsafeBytes { b in
            let arp = ARPPacket(UnsafeRawBufferPointer(rebasing: b[14...]))
            XCTAssertEqual(arp?.operation, ARPPacket.request)
            XCTAssertEqual(arp?.senderIP, IPv4Address("198.18.0.250"))
            XCTAssertEqual(arp?.targetIP, IPv4Address("198.18.0.1"))
            XCTAssertEqual(arp?.senderMAC, MACAddress("02:00:00:00:00:01"))
        }
    }
}
