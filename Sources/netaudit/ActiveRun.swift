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

    struct Result {
        var snapshot: Snapshot
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
        return ScanPlan(interface: interface, scope: scope, ports: portList, rate: rate, passiveSeconds: passiveSeconds)
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
        let passive: PacketSource
        do {
            var live = LiveCaptureOptions(interface: interface)
            live.timeoutMilliseconds = 50
            passive = try PacketSource.openLive(live)
        } catch let e as CaptureError { throw NetauditError(e.message, code: e.kind == .input ? .usage : .runtime) }
        let limiter = RateLimiter(packetsPerSecond: rate)
        let sweep = ARPSweep(interface: interface, scope: scope, limiter: limiter)
        do { try sweep.open() } catch let e as ProbeError { throw NetauditError.runtime(e.message) }
        if let user {
            do { try PrivilegeDrop.drop(to: user) } catch let e as CaptureError { throw NetauditError.runtime(e.message) }
        }

        let listener = PassiveListener(source: passive)
        listener.start()
        FileHandle.standardError.write(Data("netaudit: scanning \(scope.addresses.count) addresses on \(interface) at ≤\(Int(rate)) pps\n".utf8))
        let arp: ARPSweepResult
        let portResults: [PortResult]
        do {
            arp = try sweep.run(stop: stop)
            FileHandle.standardError.write(Data(String(format: "netaudit: ARP sweep: %d hosts answered, %d requests, %d rounds, %.2f s\n",
                                                       arp.replies.count, arp.requestsSent, arp.rounds, arp.elapsedSeconds).utf8))
            var options = TCPScanOptions()
            options.ports = plan.ports
            let started = Monotonic.now()
            portResults = try TCPConnectScan(scope: scope, limiter: limiter, options: options)
                .run(hosts: arp.replies.map(\.ip), stop: stop)
            FileHandle.standardError.write(Data(String(format: "netaudit: TCP connect: %d open of %d checked, %.2f s\n",
                                                       portResults.filter { $0.state == .open }.count, portResults.count,
                                                       Double(Monotonic.now() - started) / 1e9).utf8))
        } catch let e as ProbeError {
            listener.finish()
            throw NetauditError.runtime(e.message)
        }
        if passiveSeconds > 0 && !stop.isStopped { try? await Task.sleep(nanoseconds: UInt64(passiveSeconds * 1e9)) }
        let (observer, report) = listener.finish()

        var vendors = VendorRegistry()
        var problems: [String] = []
        do { vendors = try VendorRegistry(directory: ouiDir, for: observer.observedMACs + arp.replies.map(\.mac)) } catch {
            problems.append("warning: \((error as NSError).localizedDescription); vendors left blank")
        }
        let source = Source(kind: .interface, name: report.name, linkType: report.linkTypeName, packets: report.packets, bytes: report.bytes)
        var snapshot = observer.snapshot(sources: [source], vendors: vendors, generatedAt: Timestamp(nanoseconds: ReportClock.now()))
        let unattached = ProbeMerge.apply(arp: arp.replies, ports: portResults, to: &snapshot, interface: interface,
                                          vendor: { vendors.vendor(for: $0) })
        for p in unattached { problems.append("warning: \(p.ip):\(p.port) open but no device claims \(p.ip)") }
        return Result(snapshot: snapshot, problems: problems)
    }
}
