import Foundation
import TestSupport
import XCTest

/// End-to-end tests of `netaudit audit`: the real binary (`NETAUDIT_BIN`) on real capture files,
/// ledgers and profiles, checking the findings in the JSON report and the exit codes.
///
/// Two captures: one this file writes byte by byte (classic pcap, ARP only) with a ledger that
/// misses a device, lists a retired one, records a wrong address for a third and lists one that is
/// never seen; and the synthetic office from `netaudit-synth` (`NETAUDIT_SYNTH`), whose `--truth`
/// file says which differences it planted.
final class AuditCLITests: XCTestCase {
    // MARK: Harness

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("netaudit-audit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func binary(_ variable: String) throws -> String {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else {
            throw XCTSkip("\(variable) is not set (make test sets it to the built binary)")
        }
        return path
    }

    @discardableResult
    private func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let env = ["NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767603600"].merging(environment) { $1 }
        let r = try Subprocess.run([executable] + arguments, environment: env, directory: directory.path)
        return Run(status: r.status.code, stdout: r.stdout, stderr: r.stderr)
    }

    private func audit(_ arguments: [String]) throws -> Run {
        try run(try binary("NETAUDIT_BIN"), ["audit"] + arguments)
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// `(rule_id, subject key)` of every active finding in a JSON report, the key being the asset id
    /// for asset findings, the IP for network findings, else the MAC.
    private func findings(_ name: String, key: String = "findings") throws -> [String] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let list = try XCTUnwrap(report[key] as? [[String: Any]])
        return list.map { finding in
            let subject = finding["subject"] as? [String: Any] ?? [:]
            let kind = subject["kind"] as? String
            let id = kind == "asset" ? subject["asset_id"] : kind == "network" ? subject["ip"] : subject["mac"]
            return "\(finding["rule_id"] as? String ?? "?") \(id as? String ?? "?")"
        }.sorted()
    }

    // MARK: A capture written here

    /// Classic pcap (microsecond timestamps, Ethernet) holding one ARP request per station.
    static func arpCapture(_ stations: [(mac: [UInt8], ip: [UInt8])], start: UInt32 = 1_767_603_600) -> Data {
        var data = Data()
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        u32(0xa1b2_c3d4); u16(2); u16(4); u32(0); u32(0); u32(65535); u32(1)
        let gateway: [UInt8] = [192, 168, 1, 1]
        for (index, station) in stations.enumerated() {
            var frame: [UInt8] = Array(repeating: 0xff, count: 6) + station.mac + [0x08, 0x06]
            frame += [0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01] + station.mac + station.ip + Array(repeating: 0, count: 6) + gateway
            frame += Array(repeating: 0, count: max(0, 60 - frame.count))
            u32(start + UInt32(index)); u32(0); u32(UInt32(frame.count)); u32(UInt32(frame.count))
            data.append(contentsOf: frame)
        }
        return data
    }

    private let stations: [(mac: [UInt8], ip: [UInt8])] = [
        ([0x00, 0x1b, 0x21, 0x00, 0x00, 0x01], [192, 168, 1, 10]),   // PC-001: as recorded
        ([0x00, 0x1b, 0x21, 0x00, 0x00, 0x02], [192, 168, 1, 21]),   // PC-002: recorded at .20
        ([0x00, 0x1b, 0x21, 0x00, 0x00, 0x05], [192, 168, 1, 105]),  // PC-005: retired
        ([0x00, 0x1d, 0x73, 0x00, 0x00, 0x66], [192, 168, 1, 66]),   // not in the ledger
    ]

    private let ledgerCSV = """
    資産管理番号,ノード名,MACアドレス,IPアドレス,拠点,状態,所有区分
    PC-001,soumu-pc01,00:1B:21:00:00:01,192.168.1.10,本社,稼働中,会社支給
    PC-002,soumu-pc02,00-1B-21-00-00-02,192.168.1.20,本社,稼働中,会社支給
    PC-005,kaigi-pc01,001b.2100.0005,,本社,撤去,会社支給
    PC-007,soumu-pc05,00:1b:21:00:00:07,192.168.1.70,本社,稼働中,会社支給

    """

    private let profileYAML = """
    metadata: {id: cli-test, title: CLI テスト, language: ja}
    rules:
      ledger.unregistered_device: {citations: [{org_decision: true, english: Only ledger equipment may connect.}]}
      ledger.device_not_seen: {params: {grace_days: 0}, citations: [{org_decision: true, english: Missing assets are reported.}]}
      ledger.ip_mismatch: {citations: [{org_decision: true, english: Addresses must match the ledger.}]}
      ledger.retired_device_seen: {citations: [{org_decision: true, english: Retired devices stay off.}]}
      ledger.approval_expired: {citations: [{org_decision: true, english: Approvals are checked.}]}

    """

    private func prepareHandWritten() throws {
        try Self.arpCapture(stations).write(to: directory.appendingPathComponent("lan.pcap"))
        try write("ledger.csv", ledgerCSV)
        try write("profile.yaml", profileYAML)
    }

    func testHandWrittenCaptureGivesExactlyTheExpectedFindings() throws {
        try prepareHandWritten()
        let result = try audit(["--profile", "profile.yaml", "--ledger", "ledger.csv", "--pcap", "lan.pcap", "--today", "2026-01-05",
                                "--output", "json:report.json", "--output", "text:report.txt", "--output", "-", "--lang", "en"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(try findings("report.json"), [
            "ledger.device_not_seen PC-007",
            "ledger.ip_mismatch 00:1b:21:00:00:02",
            "ledger.retired_device_seen 00:1b:21:00:00:05",
            "ledger.unregistered_device 00:1d:73:00:00:66",
        ])
        XCTAssertTrue(result.stdout.contains("Ledger asset PC-002 (soumu-pc02) (MAC 00:1b:21:00:00:02) is recorded at 192.168.1.20 but used 192.168.1.21."),
                      result.stdout)
        let text = try String(contentsOf: directory.appendingPathComponent("report.txt"), encoding: .utf8)
        XCTAssertEqual(text, result.stdout, "every output renders the same report")
        XCTAssertTrue(result.stderr.contains("netaudit: audit: 4 findings (critical 0, high 2, medium 1, low 1, info 0), 0 suppressed, 4 devices; "
            + "fail-on high: FAIL; wrote report.json (json), report.txt (text), stdout (text)"), result.stderr)
    }

    func testFailOnDecidesTheExitCode() throws {
        try prepareHandWritten()
        let base = ["--profile", "profile.yaml", "--ledger", "ledger.csv", "--pcap", "lan.pcap", "--today", "2026-01-05", "--output", "/dev/null"]
        XCTAssertEqual(try audit(base + ["--fail-on", "critical"]).status, 0, "nothing is critical")
        XCTAssertEqual(try audit(base + ["--fail-on", "none"]).status, 0)
        XCTAssertEqual(try audit(base + ["--fail-on", "low"]).status, 1)
        XCTAssertEqual(try audit(base + ["--fail-on", "urgent"]).status, 2)
    }

    func testJapaneseReportFromTheProfileLanguage() throws {
        try prepareHandWritten()
        let result = try audit(["--profile", "profile.yaml", "--ledger", "ledger.csv", "--pcap", "lan.pcap", "--today", "2026-01-05"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("台帳で撤去済みとされている PC-005 (kaigi-pc01) がネットワーク上で観測されました"), result.stdout)
    }

    func testABrokenLedgerIsAnInputError() throws {
        try prepareHandWritten()
        try write("broken.csv", ledgerCSV.replacingOccurrences(of: "00-1B-21-00-00-02", with: "00-1B-21-00-00-0Z"))
        let result = try audit(["--profile", "profile.yaml", "--ledger", "broken.csv", "--pcap", "lan.pcap", "--today", "2026-01-05",
                                "--output", "json:report.json"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("broken.csv:3:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("nothing was audited"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("report.json")), "no report from an unusable ledger")

        let unterminated = try audit(["--profile", "profile.yaml", "--ledger", "missing.csv", "--pcap", "lan.pcap"])
        XCTAssertEqual(unterminated.status, 2)
        XCTAssertTrue(unterminated.stderr.contains("missing.csv: error: cannot open the ledger"), unterminated.stderr)
    }

    func testAnExpiredLedgerApprovalIsAFindingNotALedgerError() throws {
        try prepareHandWritten()
        try write("approvals.csv", """
        asset_id,node_name,mac_addresses,ip_address,status,approval_ref,approval_expiry
        PC-001,soumu-pc01,00:1b:21:00:00:01,192.168.1.10,in_service,APR-1,2025-12-31

        """)
        let result = try audit(["--profile", "profile.yaml", "--ledger", "approvals.csv", "--pcap", "lan.pcap", "--today", "2026-01-05",
                                "--output", "json:report.json", "--fail-on", "critical"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(try findings("report.json").contains("ledger.approval_expired PC-001"))
    }

    func testABrokenProfileIsReportedWithItsLocation() throws {
        try prepareHandWritten()
        try write("bad.yaml", profileYAML.replacingOccurrences(of: "grace_days: 0", with: "grace_days: soon"))
        let result = try audit(["--profile", "bad.yaml", "--ledger", "ledger.csv", "--pcap", "lan.pcap"])
        XCTAssertEqual(result.status, 2)
        XCTAssertNotNil(result.stderr.range(of: #"bad\.yaml:4:\d+: error: "#, options: .regularExpression), result.stderr)
    }

    func testExceptionsFileAndItsExpiry() throws {
        try prepareHandWritten()
        try write("exceptions.yaml", """
        exceptions:
          - id: vendor-pc
            rules: [ledger.unregistered_device]
            match: {mac: "00:1d:73:00:00:66"}
            approver: 山田 一郎
            reason: 保守作業用 PC
            expires: 2026-01-31

        """)
        let base = ["--profile", "profile.yaml", "--ledger", "ledger.csv", "--pcap", "lan.pcap", "--exceptions", "exceptions.yaml",
                    "--output", "json:report.json"]
        XCTAssertEqual(try audit(base + ["--today", "2026-01-05"]).status, 1)
        XCTAssertFalse(try findings("report.json").contains { $0.hasPrefix("ledger.unregistered_device") })
        XCTAssertEqual(try findings("report.json", key: "suppressed"), ["ledger.unregistered_device 00:1d:73:00:00:66"])

        let expired = try audit(base + ["--today", "2026-02-01"])
        XCTAssertEqual(expired.status, 1)
        XCTAssertTrue(expired.stderr.contains("exceptions.yaml:7:14: warning: exception 'vendor-pc' expired on 2026-01-31"), expired.stderr)
        let active = try findings("report.json")
        XCTAssertTrue(active.contains("ledger.unregistered_device 00:1d:73:00:00:66"), "\(active)")
        XCTAssertTrue(active.contains("ledger.approval_expired 00:1d:73:00:00:66"), "\(active)")

        try write("bad-exceptions.yaml", "exceptions:\n  - id: no-expiry\n    rules: [ledger.unregistered_device]\n    approver: A\n")
        let bad = try audit(["--profile", "profile.yaml", "--ledger", "ledger.csv", "--pcap", "lan.pcap", "--exceptions", "bad-exceptions.yaml"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("bad-exceptions.yaml:2:5: error: exception 'no-expiry' has no 'expires' date"), bad.stderr)
    }

    func testBaselineKeepsOnlyNewFindingsActive() throws {
        try prepareHandWritten()
        let args = ["--profile", "profile.yaml", "--ledger", "ledger.csv", "--today", "2026-01-05"]
        // The first audit sees three stations; the second a fourth, unregistered one.
        try Self.arpCapture(Array(stations.prefix(3))).write(to: directory.appendingPathComponent("before.pcap"))
        XCTAssertEqual(try audit(args + ["--pcap", "before.pcap", "--output", "json:previous.json"]).status, 1)
        let second = try audit(args + ["--pcap", "lan.pcap", "--baseline", "previous.json", "--output", "json:report.json"])
        XCTAssertEqual(second.status, 1)
        XCTAssertEqual(try findings("report.json"), ["ledger.unregistered_device 00:1d:73:00:00:66"])
        XCTAssertEqual(try findings("report.json", key: "suppressed").count, 3)
        let third = try audit(args + ["--pcap", "lan.pcap", "--baseline", "report.json", "--output", "json:third.json"])
        XCTAssertEqual(third.status, 0, "everything is in the chained baseline")

        try write("notreport.json", "{\"devices\": []}")
        XCTAssertEqual(try audit(args + ["--pcap", "lan.pcap", "--baseline", "notreport.json"]).status, 2)
    }

    func testInventoryInputGivesTheSameFindingsAsTheCapture() throws {
        try prepareHandWritten()
        let inventory = try run(try binary("NETAUDIT_BIN"), ["inventory", "--pcap", "lan.pcap", "--format", "json", "--output", "inventory.json"])
        XCTAssertEqual(inventory.status, 0, inventory.stderr)
        let args = ["--profile", "profile.yaml", "--ledger", "ledger.csv", "--today", "2026-01-05"]
        XCTAssertEqual(try audit(args + ["--pcap", "lan.pcap", "--output", "json:from-pcap.json"]).status, 1)
        XCTAssertEqual(try audit(args + ["--inventory", "inventory.json", "--output", "json:from-inventory.json"]).status, 1)
        XCTAssertEqual(try findings("from-pcap.json"), try findings("from-inventory.json"))

        try write("garbage.json", "{\"schema_version\": \"1.0\", \"devices\": 3}")
        let garbage = try audit(args + ["--inventory", "garbage.json"])
        XCTAssertEqual(garbage.status, 2)
        XCTAssertTrue(garbage.stderr.contains("garbage.json: not an inventory snapshot"), garbage.stderr)
    }

    func testADamagedCaptureStillWritesTheReportButExitsTwo() throws {
        try prepareHandWritten()
        var data = Self.arpCapture(stations)
        data.append(contentsOf: [0x00, 0x01, 0x02])  // a truncated record header after the last packet
        try data.write(to: directory.appendingPathComponent("damaged.pcap"))
        let result = try audit(["--profile", "profile.yaml", "--ledger", "ledger.csv", "--pcap", "damaged.pcap", "--today", "2026-01-05",
                                "--output", "json:report.json"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("damaged.pcap"), result.stderr)
        XCTAssertEqual(try findings("report.json").count, 4, "the packets before the damage were audited")
    }

    func testUsageErrors() throws {
        try prepareHandWritten()
        let base = ["--profile", "profile.yaml", "--ledger", "ledger.csv"]
        XCTAssertEqual(try audit(base).status, 2, "no input")
        XCTAssertEqual(try audit(base + ["--pcap", "lan.pcap", "--inventory", "x.json"]).status, 2)
        XCTAssertEqual(try audit(base + ["--pcap", "lan.pcap", "--output", "htm:r.html"]).status, 2)
        XCTAssertEqual(try audit(base + ["--pcap", "lan.pcap", "--output", "a.txt", "--output", "json:a.txt"]).status, 2)
        XCTAssertEqual(try audit(base + ["--pcap", "lan.pcap", "--today", "2026-02-30"]).status, 2)
        XCTAssertEqual(try audit(base + ["--pcap", "lan.pcap", "--lang", "fr"]).status, 2)
        XCTAssertEqual(try audit(["--profile", "no-such-profile", "--ledger", "ledger.csv", "--pcap", "lan.pcap"]).status, 2)
    }

    // MARK: The synthetic office

    func testSyntheticOfficeFindingsMatchTheGroundTruth() throws {
        let synth = try binary("NETAUDIT_SYNTH")
        let generated = try run(synth, ["office", "--output", "office.pcap", "--ledger", "office.csv", "--truth", "truth.json"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        try write("office.yaml", """
        metadata: {id: synth-office, title: 合成オフィス, language: ja}
        scope:
          sites:
            - {name: 本社, subnets: [198.18.10.0/24, 198.18.20.0/24]}
          citations: [{org_decision: true, english: The head-office LAN and its voice VLAN.}]
        rules:
          ledger.unregistered_device: {citations: [{org_decision: true, english: t}]}
          ledger.device_not_seen: {params: {grace_days: 0}, citations: [{org_decision: true, english: t}]}
          ledger.ip_mismatch: {citations: [{org_decision: true, english: t}]}
          ledger.mac_mismatch: {params: {match_by: [ip, node_name]}, citations: [{org_decision: true, english: t}]}
          ledger.retired_device_seen: {citations: [{org_decision: true, english: t}]}
          ledger.randomized_mac: {citations: [{org_decision: true, english: t}]}
          ledger.subnet_mismatch: {citations: [{org_decision: true, english: t}]}
          lan.rogue_dhcp_server: {citations: [{org_decision: true, english: t}]}
          lan.ip_conflict: {citations: [{org_decision: true, english: t}]}

        """)
        let result = try audit(["--profile", "office.yaml", "--ledger", "office.csv", "--pcap", "office.pcap", "--today", "2026-11-20",
                                "--output", "json:report.json", "--output", "html:report.html", "--output", "sarif:report.sarif"])
        XCTAssertEqual(result.status, 1, result.stderr)

        // What the truth file says was planted, in the report's terms.
        let truth = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("truth.json"))) as? [String: Any])
        var expected: [String] = []
        for difference in try XCTUnwrap(truth["ledger_differences"] as? [[String: Any]]) {
            switch difference["kind"] as? String {
            case "unregistered_device": expected.append("ledger.unregistered_device \(difference["mac"] as? String ?? "")")
            case "missing_device": expected.append("ledger.device_not_seen \(difference["asset_id"] as? String ?? "")")
            case "retired_device_seen": expected.append("ledger.retired_device_seen \(difference["mac"] as? String ?? "")")
            case "ip_mismatch": expected.append("ledger.ip_mismatch \(difference["mac"] as? String ?? "")")
            case "replaced_device":
                // The replacement is recognised by the recorded address, and it is still not ledger equipment.
                let observed = difference["observed_mac"] as? String ?? ""
                expected += ["ledger.mac_mismatch \(observed)", "ledger.unregistered_device \(observed)"]
            case let other: XCTFail("unknown planted difference \(other ?? "nil")")
            }
        }
        for anomaly in try XCTUnwrap(truth["anomalies"] as? [[String: Any]]) where anomaly["kind"] as? String == "ip_conflict" {
            expected.append("lan.ip_conflict \(anomaly["ip"] as? String ?? "")")
        }
        for server in try XCTUnwrap(truth["dhcp_servers"] as? [[String: Any]]) where server["rogue"] as? Bool == true {
            expected.append("lan.rogue_dhcp_server \(server["mac"] as? String ?? "")")
        }
        for device in try XCTUnwrap(truth["devices"] as? [[String: Any]]) {
            let mac = device["mac"] as? String ?? ""
            if device["randomized"] as? Bool == true { expected.append("ledger.randomized_mac \(mac)") }
            let outside = (device["ipv4"] as? [String] ?? []).filter { !$0.hasPrefix("198.18.10.") && !$0.hasPrefix("198.18.20.") }
            expected += outside.map { _ in "ledger.subnet_mismatch \(mac)" }
        }
        XCTAssertEqual(try findings("report.json"), expected.sorted())
        XCTAssertEqual(expected.count, 11, "the office plants eleven differences this profile can see")

        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("HQ-PC-0007"))
        let sarif = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("report.sarif"))) as? [String: Any])
        XCTAssertEqual(sarif["version"] as? String, "2.1.0")
    }

    func testSyntheticOfficeWithTheShippedProfile() throws {
        let synth = try binary("NETAUDIT_SYNTH")
        XCTAssertEqual(try run(synth, ["office", "--output", "office.pcap", "--ledger", "office.csv"]).status, 0)
        let profiles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("profiles").path
        let result = try run(try binary("NETAUDIT_BIN"),
                             ["audit", "--profile", "jpma-standard", "--ledger", "office.csv", "--pcap", "office.pcap", "--today", "2026-11-20",
                              "--output", "json:report.json", "--fail-on", "critical"],
                             environment: ["NETAUDIT_PROFILES": profiles])
        XCTAssertEqual(result.status, 0, "the shipped profile sets nothing critical: \(result.stderr)")
        XCTAssertFalse(result.stderr.contains("not evaluated: wireless."), "every wireless rule is implemented: \(result.stderr)")
        let found = try findings("report.json")
        XCTAssertTrue(found.contains { $0.hasPrefix("ledger.retired_device_seen ") }, "\(found)")
        XCTAssertTrue(found.contains { $0.hasPrefix("ledger.ip_mismatch ") }, "\(found)")
    }
}
