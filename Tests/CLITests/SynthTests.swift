import Foundation
import TestSupport
import XCTest

/// End-to-end checks of `netaudit-synth`, run as a separate process.
///
/// Needs NETAUDIT_SYNTH (the built binary); tshark, tcpdump, openssl and the
/// IEEE registry are used when installed and their checks skipped otherwise.
///
///     NETAUDIT_SYNTH=$PWD/.build-synth/release/netaudit-synth \
///       swift test --scratch-path .build-synth --filter SynthTests
final class SynthTests: XCTestCase {
    private var workDir: URL!

    override func setUpWithError() throws {
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent("synth-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let dir = workDir { try? FileManager.default.removeItem(at: dir) }
    }

    // MARK: helpers

    private struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    private func synthPath() throws -> String {
        guard let path = ProcessInfo.processInfo.environment["NETAUDIT_SYNTH"], !path.isEmpty else {
            throw XCTSkip("NETAUDIT_SYNTH is not set")
        }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            XCTFail("NETAUDIT_SYNTH=\(path) is not an executable")
            throw XCTSkip("no generator")
        }
        return path
    }

    private func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private func requireTool(_ name: String) throws -> String {
        guard let t = tool(name) else { throw XCTSkip("\(name) is not installed") }
        return t
    }

    /// Runs a program to completion, collecting stdout and stderr without deadlocking on full pipes.
    private func run(_ executable: String, _ arguments: [String]) throws -> Run {
        let r = try Subprocess.run([executable] + arguments)
        return Run(status: r.status.code, stdout: r.stdoutData, stderr: r.stderr)
    }

    private func file(_ name: String) -> String { workDir.appendingPathComponent(name).path }

    /// Generates the office scenario and returns the paths written.
    @discardableResult
    private func office(seed: UInt64, format: String = "pcap", prefix: String) throws -> (capture: String, truth: String, ledger: String) {
        let capture = file("\(prefix).\(format)"), truth = file("\(prefix).json"), ledger = file("\(prefix).csv")
        let r = try run(try synthPath(), ["office", "--output", capture, "--format", format, "--seed", String(seed),
                                          "--truth", truth, "--ledger", ledger])
        XCTAssertEqual(r.status, 0, "netaudit-synth office failed: \(r.stderr)")
        return (capture, truth, ledger)
    }

    private func json(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        return try XCTUnwrap(object as? [String: Any], "truth file is not a JSON object")
    }

    private func devices(_ truth: [String: Any]) throws -> [[String: Any]] {
        try XCTUnwrap(truth["devices"] as? [[String: Any]], "truth has no devices array")
    }

    private func le32(_ d: Data, _ at: Int) -> UInt32 {
        d.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    }

    /// Walks a pcap or pcapng file record by record, checking every length field and that
    /// timestamps never go backwards; returns the number of frames.
    private func countFrames(_ path: String) throws -> Int {
        let d = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertGreaterThanOrEqual(d.count, 24)
        var frames = 0
        var previous: UInt64 = 0
        if le32(d, 0) == 0xA1B2_3C4D {
            XCTAssertEqual(le32(d, 20), 1, "link type must be Ethernet")
            var at = 24
            while at < d.count {
                XCTAssertLessThanOrEqual(at + 16, d.count, "truncated record header at \(at)")
                let ts = UInt64(le32(d, at)) * 1_000_000_000 + UInt64(le32(d, at + 4))
                XCTAssertLessThan(le32(d, at + 4), 1_000_000_000, "nanosecond field out of range")
                XCTAssertGreaterThanOrEqual(ts, previous, "timestamps go backwards at record \(frames + 1)")
                previous = ts
                let caplen = Int(le32(d, at + 8))
                XCTAssertEqual(caplen, Int(le32(d, at + 12)))
                XCTAssertGreaterThanOrEqual(caplen, 60, "frame shorter than the Ethernet minimum")
                at += 16 + caplen
                frames += 1
            }
            XCTAssertEqual(at, d.count, "records do not end at the end of the file")
        } else {
            XCTAssertEqual(le32(d, 0), 0x0A0D_0D0A, "neither pcap nor pcapng")
            XCTAssertEqual(le32(d, 8), 0x1A2B_3C4D, "pcapng byte-order magic")
            var at = 0
            var sawInterface = false
            while at < d.count {
                let type = le32(d, at), length = Int(le32(d, at + 4))
                XCTAssertEqual(length % 4, 0, "block length not a multiple of 4")
                XCTAssertGreaterThanOrEqual(length, 12)
                XCTAssertEqual(Int(le32(d, at + length - 4)), length, "trailing block length differs")
                if type == 1 { sawInterface = true; XCTAssertEqual(le32(d, at + 8) & 0xFFFF, 1, "IDB link type") }
                if type == 6 {
                    XCTAssertTrue(sawInterface, "packet before any interface")
                    let ts = UInt64(le32(d, at + 12)) << 32 | UInt64(le32(d, at + 16))
                    XCTAssertGreaterThanOrEqual(ts, previous, "timestamps go backwards")
                    previous = ts
                    let caplen = Int(le32(d, at + 20))
                    XCTAssertEqual(length, 32 + (caplen + 3) & ~3)
                    frames += 1
                }
                at += length
            }
            XCTAssertEqual(at, d.count)
        }
        return frames
    }

    // MARK: determinism and formats

    func testOfficeIsByteIdenticalForTheSameSeed() throws {
        let a = try office(seed: 7, prefix: "a")
        let b = try office(seed: 7, prefix: "b")
        for (x, y) in [(a.capture, b.capture), (a.truth, b.truth), (a.ledger, b.ledger)] {
            let dx = try Data(contentsOf: URL(fileURLWithPath: x)), dy = try Data(contentsOf: URL(fileURLWithPath: y))
            XCTAssertFalse(dx.isEmpty)
            XCTAssertEqual(dx, dy, "\(x) and \(y) differ")
        }
    }

    func testOfficeDiffersForAnotherSeed() throws {
        let a = try office(seed: 7, prefix: "a")
        let c = try office(seed: 8, prefix: "c")
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: a.capture)), try Data(contentsOf: URL(fileURLWithPath: c.capture)))
        // The scenario itself (names, addresses, anomalies) does not depend on the seed.
        let ta = try json(a.truth), tc = try json(c.truth)
        let names: ([String: Any]) throws -> [String] = { t in try self.devices(t).compactMap { $0["key"] as? String } }
        XCTAssertEqual(try names(ta), try names(tc))
        XCTAssertNotEqual(try devices(ta).map { $0["mac"] as? String }, try devices(tc).map { $0["mac"] as? String })
    }

    func testPcapAndPcapngCarryTheSameFrames() throws {
        let p = try office(seed: 3, format: "pcap", prefix: "p")
        let n = try office(seed: 3, format: "pcapng", prefix: "n")
        let truth = try json(p.truth)
        let expected = try XCTUnwrap((truth["capture"] as? [String: Any])?["frames"] as? Int)
        XCTAssertGreaterThan(expected, 100)
        XCTAssertEqual(try countFrames(p.capture), expected)
        XCTAssertEqual(try countFrames(n.capture), expected)
        XCTAssertEqual((try json(n.truth)["capture"] as? [String: Any])?["format"] as? String, "pcapng")

        for reader in ["tcpdump", "tshark"] {
            guard let t = tool(reader) else { continue }
            for path in [p.capture, n.capture] {
                let r = try run(t, ["-r", path, "-nn"])
                XCTAssertEqual(r.status, 0, "\(reader) cannot read \(path): \(r.stderr)")
                // One summary line per frame; tcpdump adds tab-indented hex for frames it cannot decode fully.
                let lines = r.text.split(separator: "\n").filter { !$0.hasPrefix("\t") }
                XCTAssertEqual(lines.count, expected, "\(reader) saw a different number of frames in \(path)")
            }
        }
    }

    // MARK: decoding

    func testTsharkDecodesTheOfficeCaptureWithoutErrors() throws {
        let tshark = try requireTool("tshark")
        let o = try office(seed: 1, prefix: "office")
        let checks = ["-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE"]

        let expert = try run(tshark, ["-r", o.capture, "-q", "-z", "expert"] + checks)
        XCTAssertEqual(expert.status, 0, expert.stderr)
        XCTAssertFalse(expert.text.contains("Errors ("), "tshark reports errors:\n\(expert.text)")
        XCTAssertFalse(expert.text.contains("Malformed"), expert.text)

        let verbose = try run(tshark, ["-r", o.capture, "-V"] + checks)
        XCTAssertEqual(verbose.status, 0, verbose.stderr)
        for bad in ["Malformed", "[Expert Info (Error", "incorrect", "Checksum Status: Bad", "checksum status: Bad"] {
            XCTAssertFalse(verbose.text.contains(bad), "tshark -V output contains '\(bad)'")
        }
        XCTAssertTrue(verbose.text.contains("[Checksum Status: Good]"), "checksums were not verified")

        let fields = try run(tshark, ["-r", o.capture, "-T", "fields", "-E", "separator=|", "-e", "dhcp.option.hostname", "-e", "dhcp.fqdn.name",
                                      "-e", "lldp.tlv.system.name", "-e", "cdp.deviceid", "-e", "nbns.name"])
        XCTAssertEqual(fields.status, 0, fields.stderr)
        var seen: Set<String> = []
        for line in fields.text.split(separator: "\n") {
            for cell in line.split(separator: "|") { for v in cell.split(separator: ",") { seen.insert(String(v)) } }
        }
        var checked = 0
        for d in try devices(try json(o.truth)) {
            for h in d["hostnames"] as? [[String: Any]] ?? [] {
                guard let name = h["name"] as? String, let source = h["source"] as? String else { continue }
                switch source {
                case "dhcp", "lldp", "cdp":
                    XCTAssertTrue(seen.contains(name), "\(source) name \(name) from truth not found by tshark")
                    checked += 1
                case "nbns":
                    XCTAssertTrue(seen.contains("\(name)<00>"), "NBNS name \(name) from truth not found by tshark")
                    checked += 1
                default: break
                }
            }
        }
        // 10 DHCP host names and 5 option-81 FQDNs, 2 LLDP speakers, 1 CDP speaker, 6 NBNS names.
        XCTAssertEqual(checked, 24, "the truth file lists a different set of names")
    }

    func testOfficeTruthDescribesTheScenario() throws {
        let o = try office(seed: 1, prefix: "office")
        let truth = try json(o.truth)
        let devs = try devices(truth)
        XCTAssertGreaterThanOrEqual(devs.count, 18)
        XCTAssertTrue(devs.contains { $0["vlan"] as? Int == 20 }, "no device on VLAN 20")
        XCTAssertTrue(devs.contains { $0["vlan"] is NSNull }, "untagged devices must have vlan null")
        let randomized = devs.filter { $0["randomized"] as? Bool == true }
        XCTAssertFalse(randomized.isEmpty)
        for d in randomized {
            let mac = try XCTUnwrap(d["mac"] as? String)
            let first = try XCTUnwrap(UInt8(mac.prefix(2), radix: 16))
            XCTAssertEqual(first & 0x03, 0x02, "randomized \(mac) must be locally administered unicast")
            XCTAssertEqual(d["in_ledger"] as? Bool, false)
        }
        for d in devs {
            for case let ip as String in d["ipv4"] as? [Any] ?? [] {
                let octets = ip.split(separator: ".").compactMap { Int($0) }
                XCTAssertTrue(octets.count == 4 && octets[0] == 198 && (octets[1] == 18 || octets[1] == 19),
                              "\(ip) is outside 198.18.0.0/15")
            }
        }
        let vendors = Set(devs.compactMap { $0["vendor"] as? String })
        XCTAssertGreaterThanOrEqual(vendors.count, 10, "too few makers: \(vendors)")

        let anomalies = try XCTUnwrap(truth["anomalies"] as? [[String: Any]])
        XCTAssertEqual(Set(anomalies.compactMap { $0["kind"] as? String }),
                       ["multiple_dhcp_servers", "ip_conflict", "ip_changed", "gratuitous_arp_flood"])
        let servers = try XCTUnwrap(truth["dhcp_servers"] as? [[String: Any]])
        XCTAssertEqual(servers.filter { $0["rogue"] as? Bool == true }.count, 1)

        let differences = try XCTUnwrap(truth["ledger_differences"] as? [[String: Any]])
        XCTAssertEqual(differences.compactMap { $0["kind"] as? String },
                       ["unregistered_device", "missing_device", "retired_device_seen", "ip_mismatch", "replaced_device"])
    }

    func testVendorsMatchTheIEEERegistry() throws {
        let registry = "/usr/share/ieee-data/oui.txt"
        guard let text = try? String(contentsOfFile: registry, encoding: .utf8) else { throw XCTSkip("\(registry) not installed") }
        var organizations: [String: String] = [:]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) where line.contains("(hex)") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: true)
            guard parts.count >= 2 else { continue }
            let prefix = parts[0].prefix(8).replacingOccurrences(of: "-", with: ":").lowercased()
            organizations[prefix] = parts.last!.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let o = try office(seed: 1, prefix: "office")
        for d in try devices(try json(o.truth)) {
            let mac = try XCTUnwrap(d["mac"] as? String)
            if d["randomized"] as? Bool == true {
                XCTAssertTrue(d["vendor"] is NSNull, "a randomized MAC has no vendor")
                continue
            }
            XCTAssertEqual(d["vendor"] as? String, organizations[String(mac.prefix(8))], "vendor of \(mac)")
        }
    }

    func testTheServerCertificateVerifies() throws {
        let tshark = try requireTool("tshark"), openssl = try requireTool("openssl")
        let o = try office(seed: 1, prefix: "office")
        let r = try run(tshark, ["-r", o.capture, "-Y", "tls.handshake.certificate", "-T", "fields", "-e", "tls.handshake.certificate"])
        let hex = try XCTUnwrap(r.text.split(separator: "\n").first).replacingOccurrences(of: ":", with: "")
        var der = Data()
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            der.append(try XCTUnwrap(UInt8(hex[i..<j], radix: 16)))
            i = j
        }
        let derPath = file("cert.der"), pemPath = file("cert.pem")
        try der.write(to: URL(fileURLWithPath: derPath))
        XCTAssertEqual(try run(openssl, ["x509", "-inform", "der", "-in", derPath, "-out", pemPath]).status, 0)
        let verify = try run(openssl, ["verify", "-check_ss_sig", "-partial_chain", "-CAfile", pemPath, pemPath])
        XCTAssertEqual(verify.status, 0, "self-signature does not verify: \(verify.text) \(verify.stderr)")

        let tls = try XCTUnwrap(try json(o.truth)["tls"] as? [[String: Any]])
        let fingerprint = try run(openssl, ["x509", "-in", pemPath, "-noout", "-fingerprint", "-sha256"])
        let expected = fingerprint.text.split(separator: "=").last.map { $0.replacingOccurrences(of: ":", with: "").lowercased() }
        XCTAssertEqual(tls.first?["certificate_sha256"] as? String, expected?.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    // MARK: ledger

    /// RFC 4180 fields of one CSV record (the generator never puts line breaks inside fields).
    private func csvFields(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { current.append("\"") } else { quoted = false; if n == "," { fields.append(current); current = "" } else { current.append(n) } }
                    } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { fields.append(current); current = "" }
            else { current.append(c) }
        }
        fields.append(current)
        return fields
    }

    func testLedgerMatchesTheTruth() throws {
        let o = try office(seed: 1, prefix: "office")
        let text = try String(contentsOfFile: o.ledger, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\r\n"))
        let lines = text.split(separator: "\r\n")
        XCTAssertEqual(String(lines[0]), "asset_id,node_name,mac_addresses,ip_address,site,location,user,model,hardware_info,"
            + "purpose,os,ownership,wireless_authorized,allowed_services,status,approval_ref,approval_expiry")
        var ledgerMACs: Set<String> = []
        var rowsByAsset: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let f = csvFields(line)
            XCTAssertEqual(f.count, 17, "wrong column count: \(line)")
            guard f.count == 17 else { continue }
            XCTAssertTrue(["in_service", "retired", "disposed"].contains(f[14]), "status \(f[14])")
            XCTAssertTrue(["yes", "no"].contains(f[12]), "wireless_authorized \(f[12])")
            for m in f[2].split(separator: ";") {
                let hex = m.lowercased().filter { $0.isHexDigit }
                XCTAssertEqual(hex.count, 12, "MAC \(m)")
                ledgerMACs.insert(hex)
            }
            rowsByAsset[f[0]] = f
        }
        func bare(_ mac: String) -> String { mac.lowercased().filter { $0.isHexDigit } }

        let truth = try json(o.truth)
        for d in try devices(truth) {
            let mac = bare(try XCTUnwrap(d["mac"] as? String))
            XCTAssertEqual(d["in_ledger"] as? Bool, ledgerMACs.contains(mac), "in_ledger of \(mac)")
        }
        let differences = try XCTUnwrap(truth["ledger_differences"] as? [[String: Any]])
        for diff in differences {
            switch diff["kind"] as? String {
            case "unregistered_device":
                XCTAssertFalse(ledgerMACs.contains(bare(try XCTUnwrap(diff["mac"] as? String))))
            case "missing_device":
                let row = try XCTUnwrap(rowsByAsset[try XCTUnwrap(diff["asset_id"] as? String)])
                XCTAssertEqual(row[14], "in_service")
                let mac = bare(try XCTUnwrap(diff["mac"] as? String))
                XCTAssertFalse(try devices(truth).contains { bare($0["mac"] as? String ?? "") == mac }, "missing device is in the capture")
            case "retired_device_seen":
                XCTAssertEqual(rowsByAsset[try XCTUnwrap(diff["asset_id"] as? String)]?[14], "retired")
            case "ip_mismatch":
                let row = try XCTUnwrap(rowsByAsset[try XCTUnwrap(diff["asset_id"] as? String)])
                XCTAssertEqual(row[3], diff["ledger_ip"] as? String)
                XCTAssertNotEqual(row[3], diff["observed_ip"] as? String)
            case "replaced_device":
                let row = try XCTUnwrap(rowsByAsset[try XCTUnwrap(diff["asset_id"] as? String)])
                XCTAssertEqual(row[3], diff["ip"] as? String)
                XCTAssertFalse(ledgerMACs.contains(bare(try XCTUnwrap(diff["observed_mac"] as? String))))
            default:
                XCTFail("unexpected difference \(diff)")
            }
        }
    }

    // MARK: bench and usage

    func testBenchIsDeterministicAndSizedByTheRequest() throws {
        let synth = try synthPath()
        let a = file("bench-a.pcap"), b = file("bench-b.pcap"), ta = file("bench-a.json")
        for (out, truth) in [(a, ta), (b, file("bench-b.json"))] {
            let r = try run(synth, ["bench", "--output", out, "--size-mb", "3", "--devices", "40", "--seed", "5", "--truth", truth])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let da = try Data(contentsOf: URL(fileURLWithPath: a))
        XCTAssertEqual(da, try Data(contentsOf: URL(fileURLWithPath: b)))
        XCTAssertGreaterThanOrEqual(da.count, 3 << 20)
        XCTAssertLessThan(da.count, (3 << 20) + (1 << 20))
        let truth = try json(ta)
        XCTAssertEqual(try devices(truth).count, 40)
        XCTAssertEqual((truth["capture"] as? [String: Any])?["frames"] as? Int, try countFrames(a))

        // The population does not depend on the size.
        let bigger = file("bench-c.pcap"), tc = file("bench-c.json")
        XCTAssertEqual(try run(synth, ["bench", "--output", bigger, "--size-mb", "6", "--devices", "40", "--seed", "5", "--truth", tc]).status, 0)
        let macs: (String) throws -> [String] = { try self.devices(try self.json($0)).compactMap { $0["mac"] as? String } }
        XCTAssertEqual(try macs(ta), try macs(tc))

        if let tshark = tool("tshark") {
            let r = try run(tshark, ["-r", a, "-q", "-z", "expert", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                                     "-o", "tcp.check_checksum:TRUE"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertFalse(r.text.contains("Errors ("), r.text)
            XCTAssertFalse(r.text.contains("Warns ("), r.text)
        }
    }

    func testUsageErrorsExitTwo() throws {
        let synth = try synthPath()
        let cases: [[String]] = [
            [],
            ["frobnicate"],
            ["office"],
            ["office", "--output"],
            ["office", "--output", file("x.pcap"), "--format", "erf"],
            ["office", "--output", file("x.pcap"), "--seed", "-1"],
            ["office", "--output", file("x.pcap"), "--size-mb", "3"],
            ["office", "--output", file("x.pcap"), "--truth", file("x.pcap")],
            ["bench", "--output", file("x.pcap")],
            ["bench", "--output", file("x.pcap"), "--size-mb", "0"],
            ["bench", "--output", file("x.pcap"), "--size-mb", "2", "--devices", "3"],
            ["bench", "--output", file("x.pcap"), "--size-mb", "2", "--size-mb", "3"],
        ]
        for args in cases {
            let r = try run(synth, args)
            XCTAssertEqual(r.status, 2, "\(args) should be a usage error, got \(r.status): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("netaudit-synth: error: "), "unclear message for \(args): \(r.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file("x.pcap")), "a usage error must not create the output")

        let unwritable = try run(synth, ["office", "--output", file("no-such-dir/x.pcap")])
        XCTAssertEqual(unwritable.status, 3, unwritable.stderr)
        XCTAssertTrue(unwritable.stderr.contains("no-such-dir/x.pcap"), unwritable.stderr)

        let help = try run(synth, ["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.text.contains("usage: netaudit-synth office"))
    }
}
