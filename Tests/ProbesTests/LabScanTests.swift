import Capture
import Foundation
import Glibc
import NetAddress
import Packets
@testable import Probes
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

    /// Runs a command to completion (posix_spawn + waitpid: Foundation's Process.waitUntilExit was seen to
    /// hang here after scripts that leave daemons behind) and returns its standard output.
    @discardableResult
    func sh(_ args: [String], env: [String: String] = [:]) throws -> String {
        let path = NSTemporaryDirectory() + "/probes-sh-\(getpid()).out"
        let pid = try spawn(args, env: env, stdout: path)
        defer { unlink(path) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let out = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        guard status == 0 else { throw ProbeError("\(args.joined(separator: " ")) failed (wait status \(status)): \(out)") }
        return out
    }

    func spawn(_ args: [String], env: [String: String] = [:], stdout: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let environment = ProcessInfo.processInfo.environment.merging(env) { $1 }.map { "\($0)=\($1)" }
        let argv = (["/usr/bin/env"] + args).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp)
        guard rc == 0 else { throw ProbeError("posix_spawn \(args[0]): \(String(cString: strerror(rc)))") }
        return pid
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
        var tcpdump: pid_t = 0
        defer {
            if tcpdump > 0 { kill(tcpdump, SIGTERM); var st: Int32 = 0; waitpid(tcpdump, &st, 0) }
            _ = try? sh([lab, "down"], env: env)
            try? FileManager.default.removeItem(atPath: pcap)
        }

        // Scope: the lab /24 minus the scanner itself and one live host (the Raspberry Pi), to prove exclusion.
        let excludedHost = IPv4Address("198.18.0.30")!
        let scope = try ScanScope(targets: ScanScope.parseList("198.18.0.0/24"), excluding: ScanScope.parseList("198.18.0.250,198.18.0.30"))

        // ip netns exec execs tcpdump, so this PID is tcpdump's own.
        tcpdump = try spawn(["ip", "netns", "exec", "\(prefix)-sw", "tcpdump", "-i", "br0", "-U", "-n", "-w", pcap], stdout: "/dev/null")
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
        kill(tcpdump, SIGTERM)
        var st: Int32 = 0
        waitpid(tcpdump, &st, 0)
        tcpdump = 0

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
