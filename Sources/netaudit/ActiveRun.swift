import Capture
import Foundation
import Inventory
import NetAddress
import Probes
import Report
import Snapshot

/// One active scan, shared by `netaudit scan` and `netaudit audit --scan`, so both go through the
/// same scope check, rate limit, dry-run plan and privilege drop: ARP sweep and TCP connect scan
/// inside the scope while the passive inventory observer listens on the same interface, folded
/// into one snapshot.
struct ActiveRun {
    var interface: String
    var targets: String
    var ports: String
    var rate: Double
    var exclude: String?
    var allowPublic: Bool
    var maxTargets: Int
    var passiveSeconds: Double
    var user: String?
    var ouiDir: String
    /// Force the unprivileged connect scan even when a SYN scan is possible.
    var connectOnly = false
    /// IPv6 neighbour sweep (multicast echo on the link).
    var ipv6 = false

    struct Result {
        var snapshot: Snapshot
        /// Routed targets that answered a ping, and their port results: not in the snapshot, whose
        /// devices are stations on the scanned link (keyed by MAC); printed by `scan`.
        var routed: [RoutedPingReply] = []
        var routedPorts: [PortResult] = []
        /// Warnings for stderr (vendor registry missing, open ports no device claims).
        var problems: [String]
    }

    /// The scope and plan, decided before any packet leaves; a usage error when the scope is refused.
    func plan() throws -> ScanPlan {
        let scope: ScanScope
        do {
            scope = try ScanScope(targets: ScanScope.parseList(targets), excluding: exclude.map(ScanScope.parseList) ?? [],
                                  allowPublic: allowPublic, maxTargets: maxTargets)
        } catch let e as ScopeError { throw NetauditError.usage(e.description) }
        let portList = try ActiveRun.parsePorts(ports)
        var plan = ScanPlan(interface: interface, scope: scope, ports: portList, rate: rate, passiveSeconds: passiveSeconds)
        plan.synScan = !connectOnly && TCPSynScan.isPermitted()
        plan.ipv6 = ipv6
        if let net = (try? InterfaceAddresses.lookup(interface))?.network {
            plan.routedCount = scope.addresses.filter { !net.contains($0) }.count
        }
        return plan
    }

    static func parsePorts(_ text: String) throws -> [Int] {
        var out: [Int] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let lo = bounds.first ?? nil, let hi = bounds.last ?? nil, 1...65535 ~= lo, 1...65535 ~= hi, lo <= hi else {
                throw NetauditError.usage("bad port or range in --ports: \(part)")
            }
            out.append(contentsOf: lo...hi)
        }
        var seen = Set<Int>()
        return out.filter { seen.insert($0).inserted }
    }

    /// Sends the probes of `plan` (never anything outside `plan.scope`) and returns the snapshot.
    func run(_ plan: ScanPlan) async throws -> Result {
        let scope = plan.scope
        let stop = StopSignal()
        stop.install()

        // Passive observer on its own handle (no filter), so DHCP/mDNS/LLDP land in the same snapshot.
        // It is opened on the listener's own thread while the probe sockets open and the sweep starts
        // (with --user, it is waited for before privileges are dropped). A short read timeout: the
        // listener's loop is broken as soon as the probes end.
        let interface = self.interface
        let listener = PassiveListener {
            var live = LiveCaptureOptions(interface: interface)
            live.timeoutMilliseconds = 10
            do { return try PacketSource.openLive(live) } catch let e as CaptureError {
                throw NetauditError(e.message, code: e.kind == .input ? .usage : .runtime)
            }
        }
        listener.start()
        let limiter = RateLimiter(packetsPerSecond: rate)
        let sweep = ARPSweep(interface: interface, scope: scope, limiter: limiter)
        // On-link addresses are swept with ARP; the others (routed) are pinged (ICMP echo, TCP SYN/ACK).
        let onLinkNet = (try? InterfaceAddresses.lookup(interface))?.network
        let routedTargets = onLinkNet.map { net in scope.addresses.filter { !net.contains($0) } } ?? []
        if !routedTargets.isEmpty, let net = onLinkNet { sweep.addresses = scope.addresses.filter { net.contains($0) } }
        do { try sweep.open() } catch let e as ProbeError { _ = try? listener.finish(); throw NetauditError.runtime(e.message) }
        var synOptions = SynScanOptions()
        synOptions.ports = plan.ports
        let syn = plan.synScan && !plan.ports.isEmpty ? TCPSynScan(interface: interface, scope: scope, limiter: limiter, options: synOptions) : nil
        do { try syn?.open() } catch let e as ProbeError { _ = try? listener.finish(); throw NetauditError.runtime(e.message) }
        let pinger = routedTargets.isEmpty ? nil : RoutedPing(scope: scope, limiter: limiter)
        do { try pinger?.open() } catch let e as ProbeError { _ = try? listener.finish(); throw NetauditError.runtime(e.message) }
        let ndp = ipv6 ? NDPSweep(interface: interface, limiter: limiter) : nil
        if let ndp { ndp.allowPublic = allowPublic }
        do { try ndp?.open() } catch let e as ProbeError { _ = try? listener.finish(); throw NetauditError.runtime(e.message) }
        if let user {
            try listener.waitUntilOpen()
            do { try PrivilegeDrop.drop(to: user) } catch let e as CaptureError { throw NetauditError.runtime(e.message) }
        }
        FileHandle.standardError.write(Data("netaudit: scanning \(scope.addresses.count) addresses on \(interface) at ≤\(Int(rate)) pps\n".utf8))
        let arp: ARPSweepResult
        var portResults: [PortResult] = []
        var ndpReplies: [NDPReply] = []
        var routed: [RoutedPingReply] = []
        var routedPorts: [PortResult] = []
        do {
            arp = try sweep.run(stop: stop)
            FileHandle.standardError.write(Data(String(format: "netaudit: ARP sweep: %d hosts answered, %d requests, %d rounds, %.2f s\n",
                                                       arp.replies.count, arp.requestsSent, arp.rounds, arp.elapsedSeconds).utf8))
            if let pinger {
                let r = try pinger.run(hosts: routedTargets, stop: stop)
                routed = r.replies
                FileHandle.standardError.write(Data(String(format: "netaudit: routed ping (ICMP echo, TCP SYN 443, ACK 80): %d of %d routed addresses up, %d probes, %.2f s\n",
                                                           r.replies.count, routedTargets.count, r.probesSent, r.elapsedSeconds).utf8))
                if !plan.ports.isEmpty && !r.replies.isEmpty {
                    // Routed hosts have no MAC on this link: connect scan (the kernel routes), banners included.
                    var options = TCPScanOptions()
                    options.ports = plan.ports
                    routedPorts = try TCPConnectScan(scope: scope, limiter: limiter, options: options).run(hosts: r.replies.map(\.ip), stop: stop)
                    FileHandle.standardError.write(Data("netaudit: routed hosts TCP connect: \(routedPorts.filter { $0.state == .open }.count) open of \(routedPorts.count) checked\n".utf8))
                }
            }
            if let ndp {
                let r = try ndp.run(stop: stop)
                ndpReplies = r.replies
                FileHandle.standardError.write(Data(String(format: "netaudit: IPv6 neighbours: %d hosts, %d addresses answered echo to ff02::1 from %d source(s), %.2f s\n",
                                                           Set(r.replies.map(\.mac)).count, r.replies.count, r.sources.count, r.elapsedSeconds).utf8))
            }
            var options = TCPScanOptions()
            options.ports = plan.ports
            let started = Monotonic.now()
            if let syn {
                let r = try syn.run(targets: arp.replies.map { SynScanTarget(ip: $0.ip, mac: $0.mac) }, stop: stop)
                let open = r.ports.filter { $0.state == .open }
                // Banners: a full connect to the open ports only.
                let banners = try TCPConnectScan(scope: scope, limiter: limiter, options: options)
                    .run(pairs: open.map { ($0.ip, $0.port) }, stop: stop)
                var byPair: [Int: String] = [:]
                for b in banners where b.state == .open { if let text = b.banner { byPair[Int(b.ip.rawValue) << 16 | b.port] = text } }
                portResults = r.ports.map { p in
                    var p = p
                    if p.state == .open { p.banner = byPair[Int(p.ip.rawValue) << 16 | p.port] }
                    return p
                }
                FileHandle.standardError.write(Data(String(format: "netaudit: TCP SYN: %d open, %d closed, %d filtered of %d checked, %d probes, %d rounds, %.2f s (+ banners %.2f s)\n",
                                                           open.count, r.ports.filter { $0.state == .closed }.count,
                                                           r.ports.filter { $0.state == .filtered }.count, r.ports.count, r.probesSent, r.rounds,
                                                           r.elapsedSeconds, Double(Monotonic.now() - started) / 1e9 - r.elapsedSeconds).utf8))
            } else if !plan.ports.isEmpty {
                portResults = try TCPConnectScan(scope: scope, limiter: limiter, options: options)
                    .run(hosts: arp.replies.map(\.ip), stop: stop)
                FileHandle.standardError.write(Data(String(format: "netaudit: TCP connect: %d open of %d checked, %.2f s\n",
                                                           portResults.filter { $0.state == .open }.count, portResults.count,
                                                           Double(Monotonic.now() - started) / 1e9).utf8))
            }
            if plan.ports.contains(161) {
                // 161 is SNMP over UDP in practice: a GetRequest sysDescr.0 with community `public`.
                let started = Monotonic.now()
                let snmp = try SNMPProbe(scope: scope, limiter: limiter).run(hosts: arp.replies.map(\.ip), stop: stop)
                portResults += snmp
                FileHandle.standardError.write(Data(String(format: "netaudit: SNMP udp/161: %d of %d hosts answered community public, %.2f s\n",
                                                           snmp.count, arp.replies.count, Double(Monotonic.now() - started) / 1e9).utf8))
            }
        } catch let e as ProbeError {
            _ = try? listener.finish()
            throw NetauditError.runtime(e.message)
        }
        if passiveSeconds > 0 && !stop.isStopped { try? await Task.sleep(nanoseconds: UInt64(passiveSeconds * 1e9)) }
        let (observer, report) = try listener.finish()

        var vendors = VendorRegistry()
        var problems: [String] = []
        do { vendors = try VendorRegistry(directory: ouiDir, for: observer.observedMACs + arp.replies.map(\.mac) + ndpReplies.map(\.mac)) } catch {
            problems.append("warning: \((error as NSError).localizedDescription); vendors left blank")
        }
        let source = Source(kind: .interface, name: report.name, linkType: report.linkTypeName, packets: report.packets, bytes: report.bytes)
        var snapshot = observer.snapshot(sources: [source], vendors: vendors, generatedAt: Timestamp(nanoseconds: ReportClock.now()))
        let unattached = ProbeMerge.apply(arp: arp.replies, ports: portResults, to: &snapshot, interface: interface, method: syn != nil ? "syn" : "connect",
                                          vendor: { vendors.vendor(for: $0) })
        ProbeMerge.apply(ndp: ndpReplies, to: &snapshot, interface: interface, vendor: { vendors.vendor(for: $0) })
        for p in unattached { problems.append("warning: \(p.ip):\(p.port) open but no device claims \(p.ip)") }
        return Result(snapshot: snapshot, routed: routed, routedPorts: routedPorts, problems: problems)
    }
}
