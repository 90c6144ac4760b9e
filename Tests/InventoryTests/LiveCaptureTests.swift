import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `netaudit inventory --interface` on real interfaces in a lab of network namespaces.
///
/// Network safety: everything happens inside namespaces this test creates and deletes
/// (`na-{cap,srv,cli,arp}-<pid>-<n>`). The veth pairs are created directly inside them
/// (`ip -n NS link add … peer … netns NS2`), so the machine's own namespace never gains or loses
/// an interface; addresses come from 198.18.0.0/24 (RFC 2544 benchmarking space); no namespace has
/// a default route (asserted); IPv6 is disabled in all of them so only the traffic the test makes
/// exists; netaudit, dnsmasq, ping and the scapy scripts all run inside the lab. tearDown kills
/// every process it started, by PID, and deletes the namespaces, also when a test fails.
///
/// Lab: a bridge `nabr0` in the capture namespace with three hosts on it:
///
///     na-srv  eth0 02:4e:41:00:00:01  198.18.0.1/24   dnsmasq (DHCP server only, DNS off)
///     na-cli  eth0 02:4e:41:00:00:02  (DHCP)          scapy DHCP client (host name, vendor class), mDNS announcement
///     na-arp  eth0 02:4e:41:00:00:03  198.18.0.3/24   ARP only (scapy gratuitous ARP + request), or ping
///     na-cap  nabr0 (bridge, no address)              netaudit inventory --interface nabr0
///
/// Needs root, iproute2, dnsmasq(-base), iputils-ping and python3-scapy; skips if it is not root or
/// cannot create namespaces, and when NETAUDIT_BIN is not set.
final class LiveCaptureTests: XCTestCase {
    static let serverMAC = "02:4e:41:00:00:01"
    static let clientMAC = "02:4e:41:00:00:02"
    static let arpMAC = "02:4e:41:00:00:03"
    static let serverIP = "198.18.0.1"
    static let arpIP = "198.18.0.3"
    static let clientHostname = "na-lab-client"
    static let clientVendorClass = "netaudit-lab/1.0"
    static let mdnsName = "na-lab-printer.local"

    nonisolated(unsafe) static var labCounter = 0
    private var lab: Lab!
    private var bin = ""

    override func setUpWithError() throws {
        guard geteuid() == 0 else { throw XCTSkip("live capture tests need root (network namespaces, raw sockets)") }
        guard let bin = ProcessInfo.processInfo.environment["NETAUDIT_BIN"], FileManager.default.isExecutableFile(atPath: bin) else {
            throw XCTSkip("set NETAUDIT_BIN to the netaudit binary")
        }
        self.bin = bin
        guard LabTool.find("ip") != nil else { throw XCTSkip("iproute2 (ip) not installed") }
        Lab.removeStale()
        Self.labCounter += 1
        lab = Lab(suffix: "\(getpid())-\(Self.labCounter)")
        do {
            try lab.build()
        } catch let error as LabError where error.unavailable {
            lab.tearDown()
            lab = nil
            throw XCTSkip("network namespaces unavailable: \(error.message)")
        }
    }

    override func tearDown() {
        lab?.tearDown()
        lab = nil
        super.tearDown()
    }

    // MARK: - The devices of the lab, with and without a filter, and with --user nobody

    func testLiveInventorySeesLabDevices() throws {
        try lab.requireTrafficTools()
        try lab.startDHCPServer()
        // Three captures of the same traffic at once: plain, BPF-filtered, and privilege-dropped.
        let plain = try lab.startNetaudit(bin, ["--duration", "14"])
        let filtered = try lab.startNetaudit(bin, ["--duration", "14", "--filter", "not arp"])
        let dropped = try lab.startNetaudit(bin, ["--duration", "14", "--user", "nobody"])
        for p in [plain, filtered, dropped] { try lab.waitUntilCapturing(p) }

        // --user nobody: once the interface is open, every thread of the process runs as nobody
        // (real, effective, saved and filesystem uid). A thread left as root would undo the drop:
        // code running as nobody can still signal or corrupt a root thread of its own process.
        let nobody = try XCTUnwrap(getpwnam("nobody")?.pointee.pw_uid)
        let threads = LabTool.threadUIDs(of: dropped.pid)
        XCTAssertFalse(threads.isEmpty, "no /proc entry for the --user nobody capture")
        let notDropped = threads.filter { $0.value != [nobody, nobody, nobody, nobody] }
        XCTAssertEqual(notDropped.count, 0, "--user nobody: threads not running as nobody (tid: uids): \(notDropped.sorted { $0.key < $1.key })"
                       + (notDropped.keys.contains(String(dropped.pid)) ? "; the main thread (tid = pid) kept root" : ""))

        let arp = try lab.spawnPython(in: lab.arpNS, LabScripts.arpOnly, [Self.arpMAC, Self.arpIP, Self.serverIP])
        let dhcpClient = try lab.spawnPython(in: lab.clientNS, LabScripts.dhcpClient,
                                             [Self.clientMAC, Self.clientHostname, Self.clientVendorClass, Self.mdnsName])
        let clientResult = lab.wait(dhcpClient, timeout: 60)
        let arpResult = lab.wait(arp, timeout: 60)
        XCTAssertEqual(arpResult.status, 0, "ARP script: \(arpResult.stderr)")
        XCTAssertEqual(clientResult.status, 0, "DHCP client script: \(clientResult.stdout) \(clientResult.stderr)")
        let leased = clientResult.stdout.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(leased.hasPrefix("198.18.0.1") && leased != Self.serverIP, "leased address: '\(leased)'")

        // All three end 14 s after they opened the interface; one shared deadline bounds the wait.
        let deadline = Date().addingTimeInterval(25)
        let outcomes = [plain, filtered, dropped].map { lab.wait($0, timeout: max(1, deadline.timeIntervalSinceNow)) }
        for (name, o) in zip(["plain", "filtered", "--user nobody"], outcomes) {
            XCTAssertEqual(o.status, 0, "\(name) capture: \(o.stderr)"
                           + (o.status == -1 ? " (--duration 14 did not end it once the lab went quiet: see testDurationEndsAnIdleCapture)" : ""))
        }
        let inventory = try LabInventory(outcomes[0].stdout)
        XCTAssertEqual(inventory.sourceKinds, ["interface"])

        // The DHCP server: ARP reply and DHCP packets from 198.18.0.1, the dhcp_server role, an ACK.
        let server = try XCTUnwrap(inventory.device(Self.serverMAC), "server not seen: \(inventory.macs)")
        XCTAssertTrue(server.ipv4[Self.serverIP]?.contains("arp") == true, "server bindings: \(server.ipv4)")
        XCTAssertTrue(server.roles.contains("dhcp_server"), "server roles: \(server.roles)")
        let dhcpServer = try XCTUnwrap(inventory.dhcpServers.first { $0.mac == Self.serverMAC }, "no dhcp_servers entry")
        XCTAssertEqual(dhcpServer.ip, Self.serverIP)
        XCTAssertGreaterThanOrEqual(dhcpServer.acks, 1)
        XCTAssertGreaterThanOrEqual(dhcpServer.offers, 1)

        // The DHCP client: its leased address by DHCP ACK (and mDNS), host name, vendor class and mDNS name.
        let client = try XCTUnwrap(inventory.device(Self.clientMAC), "client not seen: \(inventory.macs)")
        XCTAssertTrue(client.ipv4[leased]?.contains("dhcp") == true, "client bindings: \(client.ipv4)")
        XCTAssertTrue(client.ipv4[leased]?.contains("mdns") == true, "client bindings: \(client.ipv4)")
        XCTAssertTrue(client.hostnames.contains(LabName(name: Self.clientHostname, source: "dhcp")), "client names: \(client.hostnames)")
        XCTAssertTrue(client.hostnames.contains(LabName(name: Self.mdnsName, source: "mdns")), "client names: \(client.hostnames)")
        XCTAssertEqual(client.vendorClass, Self.clientVendorClass)
        XCTAssertNotNil(client.fingerprint, "DHCP parameter request list fingerprint")

        // The ARP-only host: bound by ARP, nothing else.
        let arpHost = try XCTUnwrap(inventory.device(Self.arpMAC), "ARP-only host not seen: \(inventory.macs)")
        XCTAssertEqual(arpHost.ipv4, [Self.arpIP: ["arp"]])
        XCTAssertEqual(Set(inventory.macs), [Self.serverMAC, Self.clientMAC, Self.arpMAC], "only the lab's stations")

        // --filter 'not arp': the ARP-only host is gone; the DHCP/mDNS facts stay.
        let withoutARP = try LabInventory(outcomes[1].stdout)
        XCTAssertNil(withoutARP.device(Self.arpMAC), "--filter 'not arp' still reports the ARP-only host")
        XCTAssertTrue(withoutARP.device(Self.clientMAC)?.ipv4[leased]?.contains("dhcp") == true)
        XCTAssertTrue(withoutARP.device(Self.serverMAC)?.roles.contains("dhcp_server") == true)
        XCTAssertFalse(withoutARP.device(Self.serverMAC)?.ipv4.values.contains { $0.contains("arp") } ?? false)

        // --user nobody: same devices, written after the drop.
        let asNobody = try LabInventory(outcomes[2].stdout)
        XCTAssertEqual(Set(asNobody.macs), Set(inventory.macs))
        XCTAssertEqual(asNobody.device(Self.clientMAC)?.hostnames, client.hostnames)
    }

    // MARK: - Stopping: SIGINT and --count

    func testSIGINTStillWritesTheInventory() throws {
        let capture = try lab.startNetaudit(bin, [], output: true)
        try lab.waitUntilCapturing(capture)
        let ping = lab.run(in: lab.arpNS, ["ping", "-c", "3", "-i", "0.2", "-W", "1", Self.serverIP])
        XCTAssertEqual(ping.status, 0, "ping in the lab: \(ping.stdout) \(ping.stderr)")
        Thread.sleep(forTimeInterval: 0.5)   // let libpcap's 100 ms buffer timeout deliver the replies
        XCTAssertEqual(kill(capture.pid, SIGINT), 0)
        let outcome = lab.wait(capture, timeout: 20)
        XCTAssertEqual(outcome.status, 0, "exit after SIGINT: \(outcome.stderr)")
        let written = try XCTUnwrap(capture.outputFile.flatMap { FileManager.default.contents(atPath: $0) }, "no output file after SIGINT")
        let inventory = try LabInventory(String(decoding: written, as: UTF8.self))
        XCTAssertTrue(inventory.device(Self.arpMAC)?.ipv4[Self.arpIP] != nil, "pinging host: \(inventory.macs)")
        XCTAssertTrue(inventory.device(Self.serverMAC)?.ipv4[Self.serverIP] != nil, "pinged host: \(inventory.macs)")
        XCTAssertGreaterThanOrEqual(inventory.packets, 6)
    }

    func testCountStopsAfterFivePackets() throws {
        let capture = try lab.startNetaudit(bin, ["--count", "5"])
        try lab.waitUntilCapturing(capture)
        let ping = lab.run(in: lab.arpNS, ["ping", "-c", "10", "-i", "0.2", "-W", "1", Self.serverIP])
        XCTAssertEqual(ping.status, 0, "ping in the lab: \(ping.stderr)")
        let outcome = lab.wait(capture, timeout: 20)
        XCTAssertEqual(outcome.status, 0, "--count 5 did not end the capture by itself: \(outcome.stderr)")
        let inventory = try LabInventory(outcome.stdout)
        XCTAssertEqual(inventory.packets, 5, "packets counted in sources[0]")
    }

    /// `--duration` must end a capture on an interface where nothing arrives. libpcap's buffer timeout
    /// cannot do that on Linux (with TPACKET_V3 the timer only runs once a packet has arrived).
    func testDurationEndsAnIdleCapture() throws {
        let started = Date()
        let capture = try lab.startNetaudit(bin, ["--duration", "2"])
        try lab.waitUntilCapturing(capture)
        let outcome = lab.wait(capture, timeout: 15)
        XCTAssertEqual(outcome.status, 0, "--duration 2 on an idle interface: \(outcome.stderr)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 12)
        let inventory = try LabInventory(outcome.stdout)
        XCTAssertEqual(inventory.macs, [], "nothing was sent in the lab")
        XCTAssertEqual(inventory.sourceKinds, ["interface"])
    }

    // MARK: - Errors

    func testBadFilterIsAUsageErrorWithLibpcapText() throws {
        let r = lab.run(in: lab.captureNS, [bin, "inventory", "--interface", "nabr0", "--duration", "1", "--filter", "port nonsense (("])
        XCTAssertEqual(r.status, 2, "bad filter: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("bad filter 'port nonsense (('"), r.stderr)
        XCTAssertTrue(r.stderr.contains("syntax error") || r.stderr.contains("unknown port"), "libpcap's own text: \(r.stderr)")
    }

    func testNonexistentInterfaceIsARuntimeError() throws {
        let r = lab.run(in: lab.captureNS, [bin, "inventory", "--interface", "na-nosuch0", "--duration", "1"])
        XCTAssertEqual(r.status, 3, "nonexistent interface: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("na-nosuch0"), r.stderr)
        XCTAssertEqual(r.stdout, "", "no inventory for an interface that does not exist")
    }
}

// MARK: - The lab

private struct LabError: Error, CustomStringConvertible {
    var message: String
    var unavailable = false
    var description: String { message }
}

/// A lab process: TestSupport's Subprocess (posix_spawn, not Foundation's `Process`, which blocks in
/// `waitpid` on the live dnsmasq once it has closed its inherited descriptors), with its output files.
private final class LabProcess {
    let process: Subprocess
    let stdoutPath: String
    let stderrPath: String
    var outputFile: String?
    var pid: pid_t { process.pid }

    /// Starts `argv` with default signal actions and nothing blocked (SIGINT must reach netaudit).
    init(_ argv: [String], stdout: String, stderr: String) throws {
        do {
            process = try Subprocess.spawn(argv, stdout: .file(stdout, mode: 0o644), stderr: .file(stderr, mode: 0o644), resetSignals: true)
        } catch {
            throw LabError(message: "\(error)")
        }
        stdoutPath = stdout
        stderrPath = stderr
    }
}

private struct LabResult { var status: Int32; var stdout: String; var stderr: String }

private final class Lab {
    let captureNS, serverNS, clientNS, arpNS: String
    let dir: String
    var namespaces: [String] = []
    var processes: [LabProcess] = []

    init(suffix: String) {
        captureNS = "na-cap-\(suffix)"
        serverNS = "na-srv-\(suffix)"
        clientNS = "na-cli-\(suffix)"
        arpNS = "na-arp-\(suffix)"
        dir = NSTemporaryDirectory() + "netaudit-live-\(suffix)"
    }

    /// Deletes lab namespaces left behind by a test process that no longer exists (killed mid-run).
    static func removeStale() {
        let list = LabTool.run("ip", ["netns", "list"])
        for line in list.stdout.split(separator: "\n") {
            let name = String(line.split(separator: " ").first ?? "")
            let parts = name.split(separator: "-")
            guard parts.count == 4, parts[0] == "na", ["cap", "srv", "cli", "arp"].contains(String(parts[1])),
                  let pid = Int32(parts[2]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            _ = LabTool.run("ip", ["netns", "del", name])
        }
    }

    func ip(_ args: [String]) throws {
        let r = LabTool.run("ip", args)
        guard r.status == 0 else { throw LabError(message: "ip \(args.joined(separator: " ")): \(r.stderr)") }
    }

    func build() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // World-writable scratch: the --user nobody capture and dnsmasq write here.
        chmod(dir, 0o1777)
        for ns in [captureNS, serverNS, clientNS, arpNS] {
            let r = LabTool.run("ip", ["netns", "add", ns])
            guard r.status == 0 else { throw LabError(message: "ip netns add \(ns): \(r.stderr)", unavailable: namespaces.isEmpty) }
            namespaces.append(ns)
            // Only the test's own traffic: no IPv6 (no DAD, RS, MLD chatter) in any lab namespace.
            let v6 = LabTool.run("ip", ["netns", "exec", ns, "sh", "-c",
                                        "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6"])
            guard v6.status == 0 else { throw LabError(message: "disable IPv6 in \(ns): \(v6.stderr)") }
        }
        try ip(["-n", captureNS, "link", "add", "nabr0", "type", "bridge", "forward_delay", "0", "stp_state", "0", "mcast_snooping", "0"])
        for (ns, port, mac, address) in [(serverNS, "p-srv", LiveCaptureTests.serverMAC, LiveCaptureTests.serverIP + "/24"),
                                         (clientNS, "p-cli", LiveCaptureTests.clientMAC, ""),
                                         (arpNS, "p-arp", LiveCaptureTests.arpMAC, LiveCaptureTests.arpIP + "/24")] {
            // Both ends are born inside the lab: the host's own namespace never sees them.
            try ip(["-n", captureNS, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns])
            try ip(["-n", captureNS, "link", "set", port, "master", "nabr0", "up"])
            try ip(["-n", ns, "link", "set", "eth0", "address", mac])
            if !address.isEmpty { try ip(["-n", ns, "addr", "add", address, "dev", "eth0"]) }
            try ip(["-n", ns, "link", "set", "eth0", "up"])
        }
        try ip(["-n", captureNS, "link", "set", "nabr0", "up"])
        // Safety net: no route out of any lab namespace.
        for ns in namespaces {
            let routes = LabTool.run("ip", ["-n", ns, "route", "show", "default"])
            guard routes.status == 0, routes.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw LabError(message: "\(ns) has a default route: \(routes.stdout)")
            }
        }
    }

    func requireTrafficTools() throws {
        guard LabTool.find("dnsmasq") != nil else { throw XCTSkip("dnsmasq not installed (apt-get install dnsmasq-base)") }
        let scapy = LabTool.run(LabScripts.python, ["-c", "import scapy.all"])
        guard scapy.status == 0 else { throw XCTSkip("python3-scapy not installed (apt-get install python3-scapy)") }
    }

    func startDHCPServer() throws {
        let p = try spawn(in: serverNS, [LabTool.find("dnsmasq")!, "--no-daemon", "--conf-file=/dev/null", "--interface=eth0",
                                         "--bind-interfaces", "--except-interface=lo", "--port=0", "--no-resolv", "--no-hosts",
                                         "--dhcp-range=198.18.0.100,198.18.0.150,255.255.255.0,10m", "--dhcp-authoritative",
                                         "--no-ping", "--dhcp-leasefile=\(dir)/dnsmasq.leases", "--pid-file=\(dir)/dnsmasq.pid",
                                         "--log-facility=-", "--log-dhcp", "--user=root", "--group=root"], name: "dnsmasq")
        try waitFor(p, text: "DHCP, IP range", what: "dnsmasq to start")
    }

    func startNetaudit(_ bin: String, _ extra: [String], output: Bool = false) throws -> LabProcess {
        var args = [bin, "inventory", "--interface", "nabr0", "--format", "json"] + extra
        var outputFile: String?
        if output {
            outputFile = "\(dir)/inventory-\(processes.count).json"
            args += ["-o", outputFile!]
        }
        let p = try spawn(in: captureNS, args, name: "netaudit")
        p.outputFile = outputFile
        return p
    }

    func waitUntilCapturing(_ p: LabProcess) throws {
        try waitFor(p, text: "capturing on nabr0", what: "netaudit to open nabr0")
    }

    func spawnPython(in ns: String, _ script: String, _ args: [String]) throws -> LabProcess {
        let path = "\(dir)/script-\(processes.count).py"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        return try spawn(in: ns, [LabScripts.python, path, "eth0"] + args, name: "python")
    }

    /// Starts `args` inside `ns` (ip netns exec execs the program, so the PID is the program's).
    func spawn(in ns: String, _ args: [String], name: String) throws -> LabProcess {
        let n = processes.count
        let p = try LabProcess([LabTool.find("ip")!, "netns", "exec", ns] + args,
                               stdout: "\(dir)/\(name)-\(n).out", stderr: "\(dir)/\(name)-\(n).err")
        processes.append(p)
        return p
    }

    func waitFor(_ p: LabProcess, text: String, what: String, timeout: Double = 15) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let err = (try? String(contentsOfFile: p.stderrPath, encoding: .utf8)) ?? ""
            if err.contains(text) { return }
            if !p.process.isRunning {
                throw LabError(message: "\(what): exited \(p.process.status?.code ?? -1): \(err)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw LabError(message: "timed out waiting for \(what)")
    }

    /// Waits for a started process; kills it (by PID) if it outlives `timeout`.
    func wait(_ p: LabProcess, timeout: Double) -> LabResult {
        let status = p.process.wait(killingAfter: timeout)
        guard status != .timedOut else {
            return LabResult(status: -1, stdout: read(p.stdoutPath), stderr: "still running after \(timeout) s; " + read(p.stderrPath))
        }
        return LabResult(status: status.code, stdout: read(p.stdoutPath), stderr: read(p.stderrPath))
    }

    func run(in ns: String, _ args: [String], timeout: Double = 30) -> LabResult {
        let p: LabProcess
        do { p = try spawn(in: ns, args, name: "cmd") } catch { return LabResult(status: -1, stdout: "", stderr: "\(error)") }
        return wait(p, timeout: timeout)
    }

    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    /// Kills what the lab started (SIGTERM, then SIGKILL, each by PID) and deletes its namespaces.
    func tearDown() {
        for p in processes where p.process.isRunning { p.process.signal(SIGTERM) }
        for p in processes { _ = p.process.wait(killingAfter: 3) }
        processes = []
        for ns in namespaces.reversed() { _ = LabTool.run("ip", ["netns", "del", ns]) }
        namespaces = []
        try? FileManager.default.removeItem(atPath: dir)
    }
}

private enum LabTool {
    static func find(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for d in path + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(d)/\(name)") {
            return "\(d)/\(name)"
        }
        return nil
    }

    /// Runs a short command (ip netns add/del, ip link …) to completion, with a 30 s limit.
    static func run(_ tool: String, _ args: [String]) -> LabResult {
        guard let path = tool.hasPrefix("/") ? tool : find(tool) else { return LabResult(status: -1, stdout: "", stderr: "\(tool) not found") }
        do {
            let r = try Subprocess.run([path] + args, timeout: 30, resetSignals: true)
            return LabResult(status: r.status.code, stdout: r.stdout, stderr: r.stderr)
        } catch {
            return LabResult(status: -1, stdout: "", stderr: "\(error)")
        }
    }

    /// Real, effective, saved and filesystem uid of every thread of a process, from /proc (by thread id).
    static func threadUIDs(of pid: Int32) -> [String: [UInt32]] {
        var out: [String: [UInt32]] = [:]
        for tid in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? [] {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }) else { continue }
            out[tid] = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().compactMap { UInt32($0) }
        }
        return out
    }
}

// MARK: - Traffic

private enum LabScripts {
    /// Debian's interpreter, which is where python3-scapy installs (a pyenv python3 on PATH lacks it).
    static let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"

    /// ARP only: three gratuitous announcements and a request for the server (whose kernel replies).
    static let arpOnly = #"""
    import sys, time
    from scapy.all import conf, Ether, ARP, sendp
    conf.verb = 0
    iface, mac, ip, server = sys.argv[1:5]
    bcast = "ff:ff:ff:ff:ff:ff"
    for _ in range(3):
        sendp(Ether(src=mac, dst=bcast) / ARP(op=1, hwsrc=mac, psrc=ip, hwdst="00:00:00:00:00:00", pdst=ip), iface=iface)
        time.sleep(0.1)
    sendp(Ether(src=mac, dst=bcast) / ARP(op=1, hwsrc=mac, psrc=ip, hwdst="00:00:00:00:00:00", pdst=server), iface=iface)
    time.sleep(0.5)
    """#

    /// A DHCP client (DISCOVER, REQUEST with host name, vendor class and parameter list), then an
    /// mDNS announcement of a name for the leased address. Prints the leased address last.
    static let dhcpClient = #"""
    import sys, time
    from scapy.all import conf, Ether, IP, UDP, BOOTP, DHCP, DNS, DNSRR, sendp, srp1, mac2str
    conf.verb = 0
    conf.checkIPaddr = False
    iface, mac, hostname, vendor, mdns = sys.argv[1:6]
    xid = 0x4E410002

    def message(kind, extra):
        options = [("message-type", kind), ("hostname", hostname), ("vendor_class_id", vendor),
                   ("param_req_list", [1, 3, 6, 15, 119, 252])] + extra + ["end"]
        return (Ether(src=mac, dst="ff:ff:ff:ff:ff:ff") / IP(src="0.0.0.0", dst="255.255.255.255", ttl=64)
                / UDP(sport=68, dport=67) / BOOTP(op=1, chaddr=mac2str(mac), xid=xid, flags=0x8000) / DHCP(options=options))

    def option(reply, name):
        for o in reply[DHCP].options:
            if isinstance(o, tuple) and o[0] == name:
                return o[1]
        return None

    offer = None
    for attempt in range(3):
        offer = srp1(message("discover", []), iface=iface, timeout=5)
        if offer is not None and option(offer, "message-type") == 2:
            break
    if offer is None:
        sys.exit("no DHCPOFFER")
    leased, server = offer[BOOTP].yiaddr, option(offer, "server_id")
    ack = srp1(message("request", [("requested_addr", leased), ("server_id", server)]), iface=iface, timeout=5)
    if ack is None or option(ack, "message-type") != 5:
        sys.exit("no DHCPACK: %r" % (ack,))
    announce = (Ether(src=mac, dst="01:00:5e:00:00:fb") / IP(src=leased, dst="224.0.0.251", ttl=255)
                / UDP(sport=5353, dport=5353)
                / DNS(id=0, qr=1, aa=1, qd=None, an=DNSRR(rrname=mdns, type="A", rclass=0x8001, ttl=120, rdata=leased)))
    sendp(announce, iface=iface, count=2, inter=0.2)
    time.sleep(0.3)
    print(leased)
    """#
}

// MARK: - Reading the inventory

private struct LabName: Hashable { var name: String; var source: String }

private struct LabDevice {
    var ipv4: [String: [String]] = [:]
    var hostnames = Set<LabName>()
    var roles: [String] = []
    var vendorClass: String?
    var fingerprint: String?
}

private struct LabInventory {
    var devices: [String: LabDevice] = [:]
    var macs: [String] = []
    var dhcpServers: [(mac: String, ip: String?, offers: Int, acks: Int)] = []
    var sourceKinds: [String] = []
    var packets = 0

    init(_ json: String) throws {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
              let list = root["devices"] as? [[String: Any]] else {
            throw LabError(message: "not an inventory: \(json.prefix(300))")
        }
        for d in list {
            guard let mac = d["mac"] as? String else { continue }
            var dev = devices[mac] ?? LabDevice()
            for b in d["ipv4"] as? [[String: Any]] ?? [] {
                if let a = b["address"] as? String { dev.ipv4[a] = b["sources"] as? [String] ?? [] }
            }
            for h in d["hostnames"] as? [[String: Any]] ?? [] {
                if let n = h["name"] as? String, let s = h["source"] as? String { dev.hostnames.insert(LabName(name: n, source: s)) }
            }
            dev.roles += d["roles"] as? [String] ?? []
            let dhcp = d["dhcp"] as? [String: Any]
            dev.vendorClass = dhcp?["vendor_class"] as? String ?? dev.vendorClass
            dev.fingerprint = dhcp?["fingerprint"] as? String ?? dev.fingerprint
            devices[mac] = dev
            macs.append(mac)
        }
        for s in root["dhcp_servers"] as? [[String: Any]] ?? [] {
            dhcpServers.append((s["mac"] as? String ?? "", s["ip"] as? String, s["offers"] as? Int ?? 0, s["acks"] as? Int ?? 0))
        }
        for s in root["sources"] as? [[String: Any]] ?? [] {
            sourceKinds.append(s["kind"] as? String ?? "")
            packets += s["packets"] as? Int ?? 0
        }
    }

    func device(_ mac: String) -> LabDevice? { devices[mac] }
}
