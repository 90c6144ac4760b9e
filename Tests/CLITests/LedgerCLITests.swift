import Foundation
import TestSupport
import XCTest

/// End-to-end tests of `netaudit ledger check`: the built binary (`NETAUDIT_BIN`) on
/// temporary files, checking output lines and exit codes.
final class LedgerCLITests: XCTestCase {
    private var binary: String!
    private var directory: URL!

    override func setUpWithError() throws {
        guard let path = ProcessInfo.processInfo.environment["NETAUDIT_BIN"], !path.isEmpty else {
            throw XCTSkip("set NETAUDIT_BIN to the built netaudit binary to run the CLI tests")
        }
        binary = path
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    }

    private func netaudit(_ arguments: [String]) throws -> Result {
        let r = try Subprocess.run([binary] + arguments, directory: directory.path)
        return Result(status: r.status.code, stdout: r.stdout, stderr: r.stderr)
    }

    @discardableResult
    private func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return name
    }

    private func writeCP932(_ name: String, _ text: String) throws -> String {
        let r = try Subprocess.run(["/usr/bin/iconv", "-f", "UTF-8", "-t", "CP932", "-o", directory.appendingPathComponent(name).path],
                                   input: Data(text.utf8))
        XCTAssertEqual(r.status, .exited(0), "iconv")
        return name
    }

    private let header = "資産管理番号,ノード名,MACアドレス,IPアドレス,状態,無線LAN許可,承認番号,承認期限\n"

    func testCleanLedgerExitsZero() throws {
        let file = try write("clean.csv", header
            + "PC-001,soumu-pc01,00:1b:21:3a:4f:01,192.168.10.21,稼働中,×,,\n"
            + "PC-002,soumu-nb02,00:1b:21:3a:4f:02,dhcp,稼働中,○,AP-1,2099-12-31\n")
        let result = try netaudit(["ledger", "check", file])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.lines, ["ledger check: 1 file, 2 assets: 0 errors, 0 warnings"])
    }

    func testWarningsOnlyExitZero() throws {
        let file = try write("warn.csv", header + "PC-001,,02:00:4c:4f:4f:50,dhcp,,,,\n")
        let result = try netaudit(["ledger", "check", file])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.lines.count, 3, result.stdout)
        XCTAssertEqual(result.lines[0], "warn.csv:2:8: warning: node_name (ノード名) is empty")
        XCTAssertTrue(result.lines[1].hasPrefix("warn.csv:2:9: warning: MAC 02:00:4c:4f:4f:50 is locally administered"),
                      result.lines[1])
        XCTAssertEqual(result.lines[2], "ledger check: 1 file, 1 asset: 0 errors, 2 warnings")
    }

    func testErrorsAreLocatedAndExitTwo() throws {
        let file = try write("bad.csv", header
            + "PC-001,pc1,00:1b:21:3a:4f:01,192.168.10.21,,,,\n"
            + "PC-001,pc2,00:1b:21:3a:4f:01,192.168.10.300,,,,\n"
            + "PC-003,pc3,,dhcp,,yes,,\n")
        let result = try netaudit(["ledger", "check", file])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.lines, [
            "bad.csv:3:1: error: duplicate asset_id \"PC-001\": already used at line 2",
            "bad.csv:3:12: error: MAC 00:1b:21:3a:4f:01 is already listed for asset \"PC-001\" at line 2; one device, one row",
            "bad.csv:3:30: error: \"192.168.10.300\" is not an IPv4 address (expected four numbers 0-255, e.g. 192.168.1.10)",
            "bad.csv:4: warning: asset \"PC-003\" has neither a MAC address nor a static IP address; the audit "
                + "cannot recognise it on the network",
            "bad.csv:4:19: error: wireless_authorized is yes but the row has no valid MAC address; the access point's "
                + "MAC filter (000 5.1.3) needs the device's wireless MAC",
            "ledger check: 1 file, 3 assets: 4 errors, 1 warning",
        ])
    }

    func testUnreadableFileIsNamedAndExitsTwo() throws {
        let good = try write("good.csv", header + "PC-001,pc1,00:1b:21:3a:4f:01,dhcp,,,,\n")
        let result = try netaudit(["ledger", "check", "missing.csv", good])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.lines, [
            "missing.csv: error: cannot open the ledger: No such file or directory",
            "ledger check: 2 files, 1 asset: 1 error, 0 warnings",
        ])
    }

    func testBrokenQuotingIsALocatedError() throws {
        let file = try write("quote.csv", header + "PC-001,\"pc1,00:1b:21:3a:4f:01,dhcp,,,,\n")
        let result = try netaudit(["ledger", "check", file])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.lines.first,
                       "quote.csv:2:8: error: quoted field is never closed: the closing quote (\") is missing before "
                        + "the end of the file")
    }

    func testCP932LedgerIsDetected() throws {
        let file = try writeCP932("sjis.csv", header + "PC-001,髙橋-pc①,00:1b:21:3a:4f:01,dhcp,使用中,いいえ,,\n")
        let result = try netaudit(["ledger", "check", "--format", "json", file])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try XCTUnwrap(json["files"] as? [[String: Any]])
        XCTAssertEqual(files.first?["encoding"] as? String, "cp932")
        XCTAssertEqual(files.first?["assets"] as? Int, 1)
        let summary = try XCTUnwrap(json["summary"] as? [String: Any])
        XCTAssertEqual(summary["errors"] as? Int, 0)

        let forced = try netaudit(["ledger", "check", "--encoding", "utf-8", file])
        XCTAssertEqual(forced.status, 2)
        // 資 of the Japanese header is the first non-ASCII character: 0x8E 0x91 in CP932.
        XCTAssertEqual(forced.lines.first, "sjis.csv:1:1: error: invalid UTF-8 byte sequence 0x8E 0x91; if the file "
            + "came from Excel's plain \"CSV\" format, use --encoding cp932")
    }

    func testTodayDecidesWhetherAnApprovalExpired() throws {
        let file = try write("approval.csv", header + "PC-001,pc1,00:1b:21:3a:4f:01,dhcp,,,AP-7,2025-03-31\n")
        let before = try netaudit(["ledger", "check", "--today", "2025-01-01", file])
        XCTAssertEqual(before.status, 0, before.stdout)
        let after = try netaudit(["ledger", "check", "--today", "2025-04-01", file])
        XCTAssertEqual(after.status, 2)
        XCTAssertEqual(after.lines.first, "approval.csv:2:42: error: approval AP-7 expired on 2025-03-31 (today is "
            + "2025-04-01); renew it or retire the asset")
        let soon = try netaudit(["ledger", "check", "--today", "2025-03-25", file])
        XCTAssertEqual(soon.status, 0)
        XCTAssertEqual(soon.lines.first, "approval.csv:2:42: warning: approval AP-7 expires on 2025-03-31, in 6 days")
    }

    func testJSONDiagnosticsCarryCheckIDs() throws {
        let file = try write("json.csv", header + "PC-001,pc1,zz,dhcp,,,,\n")
        let result = try netaudit(["ledger", "check", "-f", "json", file])
        XCTAssertEqual(result.status, 2)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try XCTUnwrap(json["diagnostics"] as? [[String: Any]])
        guard diagnostics.count == 1 else { return XCTFail("expected one diagnostic: \(result.stdout)") }
        XCTAssertEqual(diagnostics[0]["check"] as? String, "mac_syntax")
        XCTAssertEqual(diagnostics[0]["severity"] as? String, "error")
        XCTAssertEqual(diagnostics[0]["file"] as? String, "json.csv")
        XCTAssertEqual(diagnostics[0]["line"] as? Int, 2)
        XCTAssertEqual(diagnostics[0]["column"] as? Int, 12)
    }

    func testNetBoxImport() throws {
        let file = try write("netbox.csv", "Name,Status,Tenant,Site,Role,Type,Asset tag,IPv4 Address\n"
            + "sw1,Active,総務部,本社,Switch,C9200,NW-1,192.168.10.2/24\n")
        let plain = try netaudit(["ledger", "check", file])
        XCTAssertEqual(plain.status, 0)
        XCTAssertTrue(plain.stdout.contains("read it with --import netbox"), plain.stdout)
        let imported = try netaudit(["ledger", "check", "--import", "netbox", file])
        XCTAssertEqual(imported.status, 0, imported.stdout)
        XCTAssertEqual(imported.lines, ["ledger check: 1 file, 1 asset: 0 errors, 0 warnings"])
    }

    func testDuplicatesAcrossFiles() throws {
        let honsha = try write("honsha.csv", header + "HQ-1,hq,00:1b:21:3a:4f:01,dhcp,,,,\n")
        let kojo = try write("kojo.csv", header + "FA-1,fa,00:1b:21:3a:4f:01,dhcp,,,,\n")
        let result = try netaudit(["ledger", "check", honsha, kojo])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.lines, [
            "kojo.csv:2:9: error: MAC 00:1b:21:3a:4f:01 is already listed for asset \"HQ-1\" at honsha.csv:2; one device, one row",
            "ledger check: 2 files, 2 assets: 1 error, 0 warnings",
        ])
    }

    func testUsageErrorsExitTwo() throws {
        let file = try write("u.csv", header)
        for arguments in [["ledger", "check", "--encoding", "euc-jp", file],
                          ["ledger", "check", "--today", "2025/04/01", file],
                          ["ledger", "check", "--import", "glpi", file],
                          ["ledger", "check"]] {
            let result = try netaudit(arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertFalse(result.stderr.isEmpty, arguments.joined(separator: " "))
        }
        let bad = try netaudit(["ledger", "check", "--encoding", "euc-jp", file])
        XCTAssertTrue(bad.stderr.contains("unknown --encoding 'euc-jp'"), bad.stderr)
    }
}
