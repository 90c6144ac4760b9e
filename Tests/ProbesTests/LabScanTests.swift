import Capture
import Foundation
import Glibc
import NetAddress
import Packets
@testable import Probes
import TestSupport
import XCTest

/// Carries a thread's result back (written before the semaphore is signalled, read after waiting).
final class ResultBox<T>: @unchecked Sendable { var result: Result<T, Error>? }

/// End to end in a namespace lab (scripts/lab.sh with its own prefix): the ARP sweep and the connect
/// scan run from the lab's scanner namespace and are compared with arp-scan and nmap; a capture on the
/// lab bridge proves no frame was addressed outside the declared scope. Root only; skipped otherwise.
final class LabScanTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let ports = [21, 22, 23, 25, 80, 443, 8080]
    static let scannerMAC = MACAddress("dc:fb:48:4e:02:50")!

    /// Runs a command (through /usr/bin/env) to completion and returns its standard output. TestSupport's
    /// Subprocess, not Foundation's Process, whose waitUntilExit was seen to hang here after scripts that
    /// leave daemons behind.
    @discardableResult
    func sh(_ args: [String], env: [String: String] = [:]) throws -> String {
        let r = try Subprocess.run(["/usr/bin/env"] + args, environment: env)
        guard r.status == .exited(0) else { throw ProbeError("\(args.joined(separator: " ")) failed (\(r.status)): \(r.stdout)") }
        return r.stdout
    }

    /// Runs `body` on a thread that has joined the named network namespace (threads it starts inherit it).
    func inNamespace<T: Sendable>(_ name: String, _ body: @escaping @Sendable () throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Thread {
            defer { done.signal() }
            let fd = open("/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
            guard fd >= 0, let sym = dlsym(nil, "setns"),   // setns(2) is not exported by Glibc's module map here
                  unsafeBitCast(sym, to: (@convention(c) (Int32, Int32) -> Int32).self)(fd, 0x4000_0000 /* CLONE_NEWNET */) == 0 else {
                box.result = .failure(ProbeError("setns \(name): \(String(cString: strerror(errno)))")); return
            }
            close(fd)
            box.result = Result { try body() }
        }.start()
        done.wait()
        return try box.result!.get()
    }

    func testSweepAndConnectScanMatchArpScanAndNmap() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root (network namespaces)") }
        for tool in ["/usr/sbin/arp-scan", "/usr/bin/nmap", "/usr/bin/tcpdump", "/usr/sbin/dnsmasq"] where !FileManager.default.fileExists(atPath: tool) {
            throw XCTSkip("\(tool) missing (apt-get install -y arp-scan nmap tcpdump dnsmasq-base)")
        }
        let prefix = "nat\(getpid() % 100_000)"
        let env = ["LAB_PREFIX": prefix]
        let lab = Self.repo.appendingPathComponent("scripts/lab.sh").path
        try sh([lab, "up"], env: env)
        let pcap = NSTemporaryDirectory() + "/\(prefix)-bridge.pcap"
        var tcpdump: Subprocess?
        defer {
            if let tcpdump { tcpdump.signal(SIGTERM); tcpdump.wait() }
            _ = try? sh([lab, "down"], env: env)
            try? FileManager.default.removeItem(atPath: pcap)
        }

        // Scope: the lab /24 minus the scanner itself and one live host (the Raspberry Pi), to prove exclusion.
        let excludedHost = IPv4Address("198.18.0.30")!
        let scope = try ScanScope(targets: ScanScope.parseList("198.18.0.0/24"), excluding: ScanScope.parseList("198.18.0.250,198.18.0.30"))

        // ip netns exec execs tcpdump, so this PID is tcpdump's own.
        tcpdump = try Subprocess.spawn(["/usr/bin/env", "ip", "netns", "exec", "\(prefix)-sw", "tcpdump", "-i", "br0", "-U", "-n", "-w", pcap],
                                       stdout: .discard, stderr: .discard)
        Thread.sleep(forTimeInterval: 1.0)

        let ports = Self.ports
        let (sweep, scan) = try inNamespace("\(prefix)-scan") { () throws -> (ARPSweepResult, [PortResult]) in
            let limiter = RateLimiter(packetsPerSecond: 300)
            let sweep = try ARPSweep(interface: "eth0", scope: scope, limiter: limiter).run()
            var options = TCPScanOptions()
            options.ports = ports
            let scan = try TCPConnectScan(scope: scope, limiter: limiter, options: options).run(hosts: sweep.replies.map(\.ip))
            return (sweep, scan)
        }
        Thread.sleep(forTimeInterval: 0.5)
        tcpdump?.signal(SIGTERM)
        tcpdump?.wait()
        tcpdump = nil

        // 1. (MAC, IP) pairs: identical to arp-scan's from the same namespace (minus the excluded host).
        let arpScan = try sh(["ip", "netns", "exec", "\(prefix)-scan", "arp-scan", "-I", "eth0", "-q", "-x", "198.18.0.0/24"])
        var expected = Set<String>()
        for line in arpScan.split(separator: "\n") {
            let f = line.split(separator: "\t")
            guard f.count >= 2, let ip = IPv4Address(f[0]), let mac = MACAddress(f[1]) else { continue }
            if scope.contains(ip) { expected.insert("\(mac) \(ip)") }
        }
        let ours = Set(sweep.replies.map { "\($0.mac) \($0.ip)" })
        XCTAssertEqual(expected.count, 11, "arp-scan output: \(arpScan)")
        XCTAssertEqual(ours, expected)
        XCTAssertFalse(sweep.replies.contains { $0.ip == excludedHost })
        print("lab sweep: \(sweep.replies.count) hosts, \(sweep.requestsSent) requests, \(sweep.rounds) rounds, \(String(format: "%.2f", sweep.elapsedSeconds)) s")

        // 2. Open ports: identical to nmap -sT -Pn -n on the same hosts and ports.
        let hosts = sweep.replies.map { "\($0.ip)" }
        let grep = try sh(["ip", "netns", "exec", "\(prefix)-scan", "nmap", "-sT", "-Pn", "-n", "-oG", "-",
                           "-p", ports.map(String.init).joined(separator: ",")] + hosts)
        var nmapOpen = Set<String>()
        for line in grep.split(separator: "\n") where line.hasPrefix("Host:") && line.contains("Ports:") {
            let ip = line.split(separator: " ")[1]
            let portsPart = line.components(separatedBy: "Ports: ")[1].components(separatedBy: "\t")[0]
            for entry in portsPart.components(separatedBy: ", ") {
                let f = entry.split(separator: "/", omittingEmptySubsequences: false)
                if f.count > 1, f[1] == "open" { nmapOpen.insert("\(ip):\(f[0])") }
            }
        }
        let ourOpen = Set(scan.filter { $0.state == .open }.map { "\($0.ip):\($0.port)" })
        XCTAssertEqual(ourOpen.count, 15, "nmap: \(grep)")
        XCTAssertEqual(ourOpen, nmapOpen)
        let ssh = scan.first { $0.ip == IPv4Address("198.18.0.1")! && $0.port == 22 }
        XCTAssertEqual(ssh?.banner, "SSH-2.0-OpenSSH_9.2p1 Debian-2")
        XCTAssertEqual(scan.first { $0.ip == IPv4Address("198.18.0.10")! && $0.port == 80 }?.banner, "SimpleHTTP/0.6 Python/3.11.2")
        XCTAssertEqual(scan.first { $0.ip == IPv4Address("198.18.0.11")! && $0.port == 25 }?.banner, "220 lab.example ESMTP Postfix")

        // 3. On the wire: every frame the scanner sent was addressed inside the scope.
        let source = try PacketSource.openFile(pcap)
        var fromScanner = 0, arpRequests = 0, outOfScope: [String] = []
        _ = source.read { _, frame in
            guard let link = LinkFrame.decode(frame, linkType: source.linkType), link.source == Self.scannerMAC else { return }
            fromScanner += 1
            switch link.kind {
            case .etherType(EtherType.arp):
                guard let arp = ARPPacket(link.payload) else { outOfScope.append("bad arp"); return }
                arpRequests += 1
                if !scope.contains(arp.targetIP) { outOfScope.append("arp who-has \(arp.targetIP)") }
            case .etherType(EtherType.ipv4):
                guard let ip = IPv4Packet(link.payload) else { outOfScope.append("bad ipv4"); return }
                if !scope.contains(ip.destination) { outOfScope.append("ipv4 to \(ip.destination)") }
            default:
                outOfScope.append("other frame \(link.kind)")
            }
        }
        XCTAssertGreaterThanOrEqual(arpRequests, scope.addresses.count)
        XCTAssertGreaterThan(fromScanner, arpRequests)
        XCTAssertEqual(outOfScope, [])
    }
}
