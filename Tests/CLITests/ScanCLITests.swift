import Foundation
import Glibc
import TestSupport
import XCTest

/// `netaudit scan` options that decide the plan, through the built binary (`NETAUDIT_BIN`), with
/// `--dry-run` only: nothing is sent, no interface is opened, so these run anywhere (as root or not).
final class ScanCLITests: XCTestCase {
    private var binary: String!

    override func setUpWithError() throws {
        guard let path = ProcessInfo.processInfo.environment["NETAUDIT_BIN"], !path.isEmpty else {
            throw XCTSkip("set NETAUDIT_BIN to the built netaudit binary to run the CLI tests")
        }
        binary = path
    }

    private func netaudit(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try Subprocess.run([binary] + arguments)
        return (r.status.code, r.stdout, r.stderr)
    }

    // An interface that does not exist: a dry run opens nothing, and with no address to compare the
    // scope with, every target counts as on-link (the plan does not depend on this machine's network).
    private let base = ["scan", "-i", "natest0", "--targets", "198.18.0.0/24", "--exclude", "198.18.0.250", "--dry-run"]

    func testDefaultPlanIsSynScanWhenPrivilegedWithSNMP() throws {
        let r = try netaudit(base)
        XCTAssertEqual(r.status, 0, r.stderr)
        // Root (or CAP_NET_RAW) may open raw sockets: SYN scan, as nmap does; otherwise connect.
        let privileged = geteuid() == 0
        XCTAssertTrue(r.stdout.contains(privileged ? "phase 2:      TCP SYN to hosts that answered" : "phase 2:      TCP connect to hosts that answered"), r.stdout)
        XCTAssertTrue(r.stdout.contains("phase 3:      SNMP GetRequest sysDescr.0 (v2c and v1, community public) to udp/161"), r.stdout)
        XCTAssertTrue(r.stdout.contains("rate limit:   2000 packets/s (global)"), r.stdout)
    }

    func testConnectForcesTheConnectScan() throws {
        let r = try netaudit(base + ["--connect", "--ports", "22,80"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("phase 2:      TCP connect to hosts that answered, ports 22,80"), r.stdout)
        XCTAssertFalse(r.stdout.contains("phase 3"), "no SNMP without 161 in the port list")
    }

    func testNoPortsIsTheSweepAlone() throws {
        let r = try netaudit(base + ["--no-ports"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("phase 2:      none (no ports)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("upper bound:  759 probe packets"), r.stdout)   // 253 addresses x 3 ARP rounds
        XCTAssertFalse(r.stdout.contains("routed:"), r.stdout)
        let both = try netaudit(base + ["--no-ports", "--ports", "22"])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("--no-ports and --ports are exclusive"), both.stderr)
    }

    func testRateCeiling() throws {
        let r = try netaudit(base + ["--rate", "2000000"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("--rate must be in 0<…≤1000000"), r.stderr)
        XCTAssertEqual(try netaudit(base + ["--rate", "1000000"]).status, 0)
    }

    func testScanOptionsNeedScanInAudit() throws {
        let r = try netaudit(["audit", "--connect", "--pcap", "x.pcap", "--profile", "jpma-standard", "--ledger", "x.csv"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("--connect applies to --scan"), r.stderr)
    }
}
