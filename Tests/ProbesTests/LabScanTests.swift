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
        let (sweep, scan, syn) = try inNamespace("\(prefix)-scan") { () throws -> (ARPSweepResult, [PortResult], SynScanResult) in
            let limiter = RateLimiter(packetsPerSecond: 300)
            let sweep = try ARPSweep(interface: "eth0", scope: scope, limiter: limiter).run()
            var options = TCPScanOptions()
            options.ports = ports
            let scan = try TCPConnectScan(scope: scope, limiter: limiter, options: options).run(hosts: sweep.replies.map(\.ip))
            var synOptions = SynScanOptions()
            synOptions.ports = ports
            let syn = try TCPSynScan(interface: "eth0", scope: scope, limiter: limiter, options: synOptions)
                .run(targets: sweep.replies.map { SynScanTarget(ip: $0.ip, mac: $0.mac) })
            return (sweep, scan, syn)
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
        // The SYN scan (raw socket, CAP_NET_RAW) finds exactly the same open ports, and every other port closed:
        // the office lab filters nothing.
        let synOpen = Set(syn.ports.filter { $0.state == .open }.map { "\($0.ip):\($0.port)" })
        XCTAssertEqual(synOpen, nmapOpen)
        XCTAssertEqual(syn.ports.count, sweep.replies.count * ports.count)
        XCTAssertEqual(syn.ports.filter { $0.state == .filtered }.map { "\($0.ip):\($0.port)" }, [])
        XCTAssertEqual(syn.probesSent, syn.ports.count, "one SYN per port, no retries needed")
        let ssh = scan.first { $0.ip == IPv4Address("198.18.0.1")! && $0.port == 22 }
        XCTAssertEqual(ssh?.banner, "SSH-2.0-OpenSSH_9.2p1 Debian-2")
        XCTAssertEqual(scan.first { $0.ip == IPv4Address("198.18.0.10")! && $0.port == 80 }?.banner, "SimpleHTTP/0.6 Python/3.11.2")
        XCTAssertEqual(scan.first { $0.ip == IPv4Address("198.18.0.11")! && $0.port == 25 }?.banner, "220 srv.lab.example ESMTP netaudit-lab")

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

    /// IPv6 neighbour discovery (LAB_IPV6=1: link-local + 2001:2:0:1::/64 in every host namespace): one
    /// multicast echo per source address finds every (MAC, address) pair `ip -6 addr` lists in the lab.
    func testIPv6NeighbourSweepFindsEveryLabAddress() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root (network namespaces)") }
        guard FileManager.default.fileExists(atPath: "/usr/sbin/dnsmasq") else { throw XCTSkip("dnsmasq missing") }
        let prefix = "nav\(getpid() % 100_000)"
        let env = ["LAB_PREFIX": prefix, "LAB_IPV6": "1"]
        let lab = Self.repo.appendingPathComponent("scripts/lab.sh").path
        try sh([lab, "up"], env: env)
        defer { _ = try? sh([lab, "down"], env: env) }

        var expected = Set<String>()
        for host in ["router", "yamaha", "nas", "srv", "printer", "pi", "rogue", "pcdell", "pclenovo", "pcfjt", "mac", "phone"] {
            let link = try sh(["ip", "-n", "\(prefix)-\(host)", "-o", "link", "show", "eth0"])
            let mac = try XCTUnwrap(link.components(separatedBy: "link/ether ").last?.split(separator: " ").first.map(String.init))
            let addrs = try sh(["ip", "-n", "\(prefix)-\(host)", "-6", "-o", "addr", "show", "dev", "eth0"])
            for line in addrs.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard let i = fields.firstIndex(of: "inet6"), i + 1 < fields.count,
                      let ip = IPv6Address(fields[i + 1].split(separator: "/")[0]) else { continue }
                expected.insert("\(MACAddress(mac)!) \(ip)")
            }
        }
        XCTAssertEqual(expected.count, 24, "12 hosts x (link-local + 2001:2:0:1::N)")
        let result = try inNamespace("\(prefix)-scan") { () throws -> NDPSweepResult in
            try NDPSweep(interface: "eth0", limiter: RateLimiter(packetsPerSecond: 300)).run()
        }
        XCTAssertEqual(Set(result.replies.map { "\($0.mac) \($0.ip)" }), expected)
        XCTAssertEqual(result.sources.count, 2, "the scanner's link-local and benchmarking addresses")
        XCTAssertTrue(result.replies.allSatisfy { IPv6Ranges.isNonPublic($0.ip) })
    }

    /// Routed targets (LAB_ROUTED=1: 198.18.1.0/24 behind the router namespace): ARP cannot see them; ICMP
    /// echo and TCP SYN 443 / ACK 80 pings find the same hosts up as `nmap -sn -PE -PS443 -PA80`.
    func testRoutedBranchFoundByPingsLikeNmap() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root (network namespaces)") }
        for tool in ["/usr/bin/nmap", "/usr/sbin/dnsmasq"] where !FileManager.default.fileExists(atPath: tool) { throw XCTSkip("\(tool) missing") }
        let prefix = "nar\(getpid() % 100_000)"
        let env = ["LAB_PREFIX": prefix, "LAB_ROUTED": "1"]
        let lab = Self.repo.appendingPathComponent("scripts/lab.sh").path
        try sh([lab, "up"], env: env)
        defer { _ = try? sh([lab, "down"], env: env) }

        let scope = try ScanScope(targets: ScanScope.parseList("198.18.1.0/24"))
        let result = try inNamespace("\(prefix)-scan") { () throws -> RoutedPingResult in
            try RoutedPing(scope: scope, limiter: RateLimiter(packetsPerSecond: 2000)).run(hosts: scope.addresses)
        }
        let ours = Set(result.replies.map { "\($0.ip)" })
        XCTAssertEqual(ours, ["198.18.1.1", "198.18.1.10", "198.18.1.20"])
        XCTAssertEqual(result.replies.first { $0.ip == IPv4Address("198.18.1.10")! }?.ttl, 63, "one hop behind the router")
        let grep = try sh(["ip", "netns", "exec", "\(prefix)-scan", "nmap", "-sn", "-n", "-PE", "-PS443", "-PA80", "-oG", "-", "198.18.1.0/24"])
        let nmapUp = Set(grep.split(separator: "\n").filter { $0.contains("Status: Up") }.map { String($0.split(separator: " ")[1]) })
        XCTAssertEqual(ours, nmapUp)
    }
}
