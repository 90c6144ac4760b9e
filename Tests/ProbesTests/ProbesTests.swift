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

final class ScanTuningTests: XCTestCase {
    func testTryAcquireNeverExceedsTheRate() {
        let limiter = RateLimiter(packetsPerSecond: 2000)
        var taken = 0
        let start = Monotonic.now()
        while Monotonic.now() - start < 250_000_000 {
            let wait = limiter.tryAcquire()
            if wait == 0 { taken += 1 } else {
                XCTAssertLessThanOrEqual(wait, 1.0 / 2000 + 1e-6)
                RateLimiter.sleep(seconds: wait)
            }
        }
        // 0.25 s at 2000/s: 500, plus the initial token; within 10%.
        XCTAssertEqual(Double(taken), 500, accuracy: 50)
        XCTAssertEqual(RateLimiter.defaultRate, 2000)
    }

    func testRTTEstimatorShrinksToMeasuredRTT() {
        var e = RTTEstimator(initial: 1.0, minimum: 0.1, maximum: 1.0)
        XCTAssertEqual(e.timeout, 1.0)
        for _ in 0..<20 { e.add(0.0005) }
        XCTAssertEqual(e.timeout, 0.1)                 // floor
        var slow = RTTEstimator(initial: 1.0, minimum: 0.1, maximum: 1.0)
        for _ in 0..<50 { slow.add(0.2) }
        XCTAssertEqual(slow.timeout, 0.2, accuracy: 0.02)
        for _ in 0..<5 { slow.add(5) }
        XCTAssertEqual(slow.timeout, 1.0)              // ceiling
    }

    func testOpenFileLimitRaisedToHard() {
        var rl = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl)
        let soft = raiseOpenFileLimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl)
        XCTAssertEqual(rlim_t(soft), rl.rlim_cur)
        XCTAssertEqual(rl.rlim_cur, rl.rlim_max)
        let scan = TCPConnectScan(scope: try! ScanScope(targets: ScanScope.parseList("127.0.0.1"), allowPublic: true), limiter: RateLimiter())
        XCTAssertEqual(scan.effectiveConcurrency, min(1024, soft - 64))
    }

    func testARPQuietPeriod() {
        let o = ARPSweepOptions()
        XCTAssertEqual(ARPSweepOptions.quietPeriod(rtts: nil, options: o), 0.25)
        XCTAssertEqual(ARPSweepOptions.quietPeriod(rtts: 0.0001, options: o), 0.02)
        XCTAssertEqual(ARPSweepOptions.quietPeriod(rtts: 0.1, options: o), 0.2, accuracy: 1e-9)
        XCTAssertEqual(ARPSweepOptions.quietPeriod(rtts: 3, options: o), 1.0)
    }

    /// Loopback only (127.0.0.1 is in scope here with allowPublic): open, closed (RST, no retry) and
    /// the results' order; fast thanks to the RTT-adaptive timeout.
    func testConnectScanLoopbackOpenAndClosed() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET)
        sa.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        sa.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, len) } }
        XCTAssertEqual(listen(listener, 128), 0)
        _ = withUnsafeMutablePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &len) } }
        let openPort = Int(UInt16(bigEndian: sa.sin_port))
        let scope = try ScanScope(targets: ScanScope.parseList("127.0.0.1"), allowPublic: true)
        var options = TCPScanOptions()
        options.ports = [openPort, openPort == 65535 ? 65534 : openPort + 1]
        options.grabBanners = false
        let started = Monotonic.now()
        let results = try TCPConnectScan(scope: scope, limiter: RateLimiter(packetsPerSecond: 1000), options: options).run()
        XCTAssertLessThan(Double(Monotonic.now() - started) / 1e9, 0.5)
        XCTAssertEqual(results.count, 2)
        XCTAssertEqual(results.first { $0.port == openPort }?.state, .open)
        XCTAssertEqual(results.first { $0.port != openPort }?.state, .closed)
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
