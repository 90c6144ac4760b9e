import Foundation
import Glibc
import TestSupport
import XCTest

/// `netaudit audit --scan` end to end in a namespace lab (scripts/lab.sh with its own prefix): the
/// binary named by NETAUDIT_BIN scans the lab from its scanner namespace and audits the result with
/// lab/profile.yaml and lab/ledger.csv. The findings must be exactly the differences the lab plants
/// (docs/lab.md), and the exit code 1. Root only; skipped otherwise. Processes are started with
/// TestSupport's Subprocess (posix_spawn + waitpid: Foundation's Process hangs here once dnsmasq is running).
final class LabAuditTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `args` (through /usr/bin/env) to completion; returns the exit status and standard output.
    private func run(_ args: [String], env: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try Subprocess.run(["/usr/bin/env"] + args, environment: env)
        return (r.status.code, r.stdout, r.stderr)
    }

    func testAuditScanReportsExactlyThePlantedDifferences() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root (network namespaces)") }
        guard let binary = ProcessInfo.processInfo.environment["NETAUDIT_BIN"], FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("NETAUDIT_BIN is not set to the netaudit executable")
        }
        guard FileManager.default.fileExists(atPath: "/usr/sbin/dnsmasq") else { throw XCTSkip("dnsmasq missing (apt-get install -y dnsmasq-base)") }
        let prefix = "naa\(getpid() % 100_000)"
        let env = ["LAB_PREFIX": prefix]
        let lab = Self.repo.appendingPathComponent("scripts/lab.sh").path
        let report = NSTemporaryDirectory() + "/\(prefix)-audit.json"
        defer {
            _ = try? run([lab, "down"], env: env)
            unlink(report)
        }
        let up = try run([lab, "up"], env: env)
        XCTAssertEqual(up.status, 0, "lab up: \(up.stdout)\(up.stderr)")
        guard up.status == 0 else { return }

        // Only the lab /24 is ever addressed (the scanner's own address excluded); traffic never leaves the namespaces.
        let audit = try run(["ip", "netns", "exec", "\(prefix)-scan", binary, "audit", "--scan", "--interface", "eth0",
                             "--targets", "198.18.0.0/24", "--exclude", "198.18.0.250", "--ports", "21,22,23,25,80,161,443,8080",
                             "--rate", "500", "--passive-seconds", "1",
                             "--profile", Self.repo.appendingPathComponent("lab/profile.yaml").path,
                             "--ledger", Self.repo.appendingPathComponent("lab/ledger.csv").path,
                             "--output", "json:\(report)", "--output", "text:-"])
        print(audit.stdout)
        print(audit.stderr)
        XCTAssertEqual(audit.status, 1, audit.stderr)

        let data = try XCTUnwrap(FileManager.default.contents(atPath: report), "no report written: \(audit.stderr)")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
        let found = findings.map { finding -> String in
            let subject = finding["subject"] as? [String: Any] ?? [:]
            let name = subject["endpoint"] as? String ?? subject["asset_id"] as? String ?? subject["mac"] as? String ?? "?"
            return "\(finding["rule_id"] as? String ?? "?") \(name)"
        }.sorted()
        XCTAssertEqual(found, [
            "ledger.device_not_seen PC-0105",                    // pcnec, switched off
            "ledger.mac_mismatch PC-0102",                       // pclenovo at PC-0102's address with another MAC
            "ledger.unregistered_device 10:c5:95:4e:02:02",
            "ledger.unregistered_device 9a:3e:51:4e:02:05",      // the phone's private MAC
            "ledger.unregistered_device ec:08:6b:4e:01:66",      // the rogue TP-Link
            "services.cleartext_management 198.18.0.10:80",      // nas (http allowed, still cleartext)
            "services.cleartext_management 198.18.0.20:161",     // printer SNMP v2c/v1, community public (udp/161)
            "services.cleartext_management 198.18.0.20:80",      // printer
            "services.cleartext_management 198.18.0.2:80",       // yamaha
            "services.cleartext_management 198.18.0.66:80",      // rogue
            "services.forbidden_port 198.18.0.1:23",             // router telnet
            "services.forbidden_port 198.18.0.20:23",            // printer telnet
            "services.forbidden_port 198.18.0.2:23",             // yamaha telnet
            "services.not_allowed 198.18.0.104:22",              // ssh on the Mac, whose row allows nothing
            "tls.cert_expiring 198.18.0.10:443",                 // nas certificate: 20 days left, renewal lead 30
        ], audit.stderr)

        // Every TLS port the scan found was probed: the nas and srv HTTPS, and srv's SMTP through STARTTLS,
        // so the mail rules were evaluated (srv offers STARTTLS and AUTH only after it: no mail finding).
        let observed = try XCTUnwrap(json["inventory"] as? [String: Any])
        let endpoints = try XCTUnwrap((observed["tls"] as? [String: Any])?["endpoints"] as? [[String: Any]])
        XCTAssertEqual(endpoints.map { "\($0["address"]!):\($0["port"]!) \($0["status"]!)" },
                       ["198.18.0.10:443 ok", "198.18.0.11:25 ok", "198.18.0.11:443 ok"])
        let smtp = try XCTUnwrap(endpoints.first { $0["port"] as? Int == 25 }?["plaintext"] as? [String: Any])
        XCTAssertEqual(smtp["starttls_offered"] as? Bool, true)
        XCTAssertEqual(smtp["auth_before_tls"] as? [String], [])
        let notEvaluated = (json["not_evaluated"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertFalse(notEvaluated.contains { $0.hasPrefix("mail.") || $0.hasPrefix("tls.") }, "\(notEvaluated)")

        // The report names the probe, and the evidence names the probe run and the banner.
        let inputs = try XCTUnwrap(json["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.first?["kind"] as? String, "probe")
        XCTAssertEqual(inputs.first?["path"] as? String, "scan eth0 198.18.0.0/24 (excluding 198.18.0.250/32) tcp syn 21,22,23,25,80,161,443,8080")
        let telnet = try XCTUnwrap(findings.first { ($0["subject"] as? [String: Any])?["endpoint"] as? String == "198.18.0.1:23" })
        let evidence = try XCTUnwrap((telnet["evidence"] as? [[String: Any]])?.first)
        XCTAssertEqual(evidence["source"] as? String, "probe eth0")
        XCTAssertTrue((evidence["fact"] as? String ?? "").hasPrefix("tcp connect to 198.18.0.1:23 (00:00:0c:4e:01:01): open, banner"), "\(evidence)")
        XCTAssertTrue(audit.stdout.contains("198.18.0.1:23"), audit.stdout)
        let snmp = try XCTUnwrap(findings.first { ($0["subject"] as? [String: Any])?["endpoint"] as? String == "198.18.0.20:161" })
        let snmpFact = (snmp["evidence"] as? [[String: Any]])?.first?["fact"] as? String ?? ""
        XCTAssertTrue(snmpFact.hasPrefix("udp probe to 198.18.0.20:161 (3c:d9:2b:4e:01:20): open, banner \"SNMPv2c community \"public\": HP ETHERNET"), snmpFact)
        // Closed ports are recorded too (port_checks), not only the open ones.
        let inventory = try XCTUnwrap(json["inventory"] as? [String: Any])
        let devices = try XCTUnwrap(inventory["devices"] as? [[String: Any]])
        let router = try XCTUnwrap(devices.first { $0["mac"] as? String == "00:00:0c:4e:01:01" })
        let checks = try XCTUnwrap(router["port_checks"] as? [[String: Any]])
        XCTAssertEqual(checks.first?["method"] as? String, "syn")
        XCTAssertEqual(checks.first?["closed"] as? String, "21,25,80,161,443,8080")
        XCTAssertEqual(checks.first?["filtered"] as? String, "")
    }
}
