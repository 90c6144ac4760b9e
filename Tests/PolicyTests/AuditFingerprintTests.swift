import Digest
import Foundation
@testable import Policy
import Snapshot
import XCTest

/// Fingerprints must be stable across runs and machines and must not depend on the order in which
/// devices were observed: baselines and approval records quote them.
final class AuditFingerprintTests: XCTestCase {
    func testTheHashIsSHA256() {
        // FIPS 180-4 / NIST example vectors, and a multi-block message checked with Python's hashlib.
        let vectors: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
        ]
        for (message, digest) in vectors {
            XCTAssertEqual(Fingerprint.hex(SHA256.hash(Array(message.utf8))), digest, "\(message.prefix(10))…")
        }
    }

    /// Pinned values: a change here silently invalidates every user's baseline.
    func testFingerprintsArePinned() {
        XCTAssertEqual(Fingerprint.make(ruleID: "ledger.unregistered_device", identity: ["mac=00:1b:21:00:00:99", "vlan=-"]),
                       Self.pinnedUnregistered)
        XCTAssertEqual(Fingerprint.make(ruleID: "x", identity: []), Self.pinnedEmpty)
    }

    // sha256(b"2:v1\n1:x\n")[:16] and sha256(b"2:v1\n26:ledger.unregistered_device\n21:mac=00:1b:21:00:00:99\n6:vlan=-\n")[:16], by Python's hashlib.
    static let pinnedEmpty = "966fac2a41f658bd2b9ce93fe7ffcd4e"
    static let pinnedUnregistered = "b08cb8d2a23e2b038a6790d3dc4ab175"

    func testLengthPrefixesKeepDifferentSplitsApart() {
        XCTAssertNotEqual(Fingerprint.make(ruleID: "r", identity: ["a:b", "c"]), Fingerprint.make(ruleID: "r", identity: ["a", "b:c"]))
        XCTAssertNotEqual(Fingerprint.make(ruleID: "r", identity: ["ab"]), Fingerprint.make(ruleID: "ra", identity: ["b"]))
    }

    func testFingerprintsDoNotDependOnDeviceOrderOrOnRepeatedRuns() throws {
        let devices = [
            AuditExample.station("00:1b:21:00:00:97", ["192.168.1.97"], packet: 1),
            AuditExample.station("00:1b:21:00:00:98", ["192.168.1.98"], packet: 2),
            AuditExample.station("00:1b:21:00:00:99", ["192.168.1.99"], packet: 3),
            AuditExample.station("00:1b:21:00:00:99", ["192.168.5.99"], vlan: 5, packet: 4),
        ]
        let csv = AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", ip: "192.168.1.10"))
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("ledger.unregistered_device", nil), ("ledger.device_not_seen", nil)]))
        let ledger = try AuditTesting.ledger(csv)
        func fingerprints(_ order: [Device]) -> [String] {
            Auditor.audit(snapshot: AuditExample.network(order), ledger: ledger, profile: profile, today: AuditExample.defaultToday,
                          now: AuditExample.captureStart).findings.map(\.fingerprint)
        }
        let forward = fingerprints(devices)
        XCTAssertEqual(forward.count, 5, "four stations unregistered and PC-001 not seen")
        XCTAssertEqual(Set(forward).count, 5, "the same MAC on two VLANs is two findings")
        XCTAssertEqual(fingerprints(devices.reversed()), forward, "report order and fingerprints are independent of observation order")
        XCTAssertEqual(fingerprints([devices[2], devices[0], devices[3], devices[1]]), forward)
        XCTAssertEqual(fingerprints(devices), forward)
    }

    func testAnAddressChangeKeepsTheFingerprintOfAnUnregisteredDevice() throws {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("ledger.unregistered_device", nil)]))
        let ledger = try AuditTesting.ledger(AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01")))
        func fingerprint(_ ip: String) -> String? {
            Auditor.audit(snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:99", [ip])]), ledger: ledger,
                          profile: profile, today: AuditExample.defaultToday, now: AuditExample.captureStart).findings.first?.fingerprint
        }
        XCTAssertNotNil(fingerprint("192.168.1.99"))
        XCTAssertEqual(fingerprint("192.168.1.99"), fingerprint("192.168.1.150"), "a new DHCP lease is the same finding")
        XCTAssertEqual(fingerprint("192.168.1.99"),
                       Fingerprint.make(ruleID: "ledger.unregistered_device", identity: ["mac=00:1b:21:00:00:99", "vlan=-"]))
    }

    func testDifferentRulesAboutOneDeviceHaveDifferentFingerprints() {
        let identity = ["mac=00:1b:21:00:00:99", "vlan=-"]
        XCTAssertNotEqual(Fingerprint.make(ruleID: "ledger.unregistered_device", identity: identity),
                          Fingerprint.make(ruleID: "ledger.randomized_mac", identity: identity))
    }
}
