import ArgumentParser
import Capture
import Foundation
import Inventory
import NetAddress
import Probes
import Report
import Snapshot

/// `netaudit scan`: active discovery (ARP sweep, TCP connect with banners) inside an explicit scope,
/// rate-limited, while the passive inventory observer keeps listening on the same interface.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Sweep target subnets with ARP, check TCP ports and grab banners (active: sends packets).",
        discussion: """
        Only addresses inside --targets minus --exclude are ever addressed; public ranges need
        --allow-public. Use --dry-run to see the plan without sending anything.
        Exit codes: 0 ok; 2 bad arguments or scope; 3 runtime failure (interface, permission, disk).
        """)

    @Option(name: [.customShort("i"), .long], help: ArgumentHelp("Interface to scan from (needs root or CAP_NET_RAW).", valueName: "if"))
    var interface: String

    @Option(name: .long, help: ArgumentHelp("Target CIDRs or addresses, comma-separated.", valueName: "cidr,…"))
    var targets: String

    @Option(name: .long, help: ArgumentHelp("TCP ports, comma-separated (ranges a-b allowed).", valueName: "list"))
    var ports: String = TCPScanOptions.defaultPorts.map(String.init).joined(separator: ",")

    @Option(name: .long, help: ArgumentHelp("Global probe rate limit, packets per second.", valueName: "pps"))
    var rate: Double = RateLimiter.defaultRate

    @Option(name: .long, help: ArgumentHelp("CIDRs or addresses never to address, comma-separated.", valueName: "cidr,…"))
    var exclude: String?

    @Flag(name: .long, help: "Allow targets outside private, CGNAT, link-local and benchmarking ranges.")
    var allowPublic = false

    @Option(name: .long, help: "Refuse scopes with more addresses than this.")
    var maxTargets: Int = ScanScope.defaultMaxTargets

    @Flag(name: .long, help: "Print the plan and exit without sending anything.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("Keep listening passively this long after the probes.", valueName: "seconds"))
    var passiveSeconds: Double = 2

    @Option(name: .long, help: ArgumentHelp("Drop root to this user once the capture and injection handles are open.", valueName: "user"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("Directory with the IEEE registry CSVs (Debian's ieee-data).", valueName: "dir"))
    var ouiDir: String = "/usr/share/ieee-data"

    @Option(name: [.customShort("f"), .long], help: "Output format: table, json or csv.")
    var format: InventoryRenderer.Format = .table

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard rate > 0, rate <= 100_000 else { throw ValidationError("--rate must be in 0<…≤100000") }
        guard maxTargets > 0 else { throw ValidationError("--max-targets must be positive") }
        guard passiveSeconds >= 0 else { throw ValidationError("--passive-seconds must not be negative") }
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

    func run() async throws {
        let scope: ScanScope
        do {
            scope = try ScanScope(targets: ScanScope.parseList(targets), excluding: exclude.map(ScanScope.parseList) ?? [],
                                  allowPublic: allowPublic, maxTargets: maxTargets)
        } catch let e as ScopeError { throw NetauditError.usage(e.description) }
        let portList = try Self.parsePorts(ports)
        let plan = ScanPlan(interface: interface, scope: scope, ports: portList, rate: rate, passiveSeconds: passiveSeconds)
        if dryRun {
            try OutputFile.write(plan.render(), to: output)
            return
        }
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
            options.ports = portList
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

        var text = try InventoryRenderer.render(snapshot, format: format)
        if format == .table { text += Self.renderServices(snapshot) }
        try OutputFile.write(text, to: output)
        if let output, output != "-" {
            FileHandle.standardError.write(Data("netaudit: \(snapshot.devices.count) devices written to \(output)\n".utf8))
        }
        for message in problems { FileHandle.standardError.write(Data("netaudit: \(message)\n".utf8)) }
    }

    static func renderServices(_ snapshot: Snapshot) -> String {
        var out = "\nSERVICES\n"
        for d in snapshot.devices {
            let ip = d.ipv4.first.map { "\($0.address)" } ?? "-"
            for s in d.services {
                out += "  \(ip.padding(toLength: 16, withPad: " ", startingAt: 0))\(String(s.port).padding(toLength: 6, withPad: " ", startingAt: 0))\(s.transport)  \(s.state)  \(s.banner ?? "")\n"
            }
        }
        return out
    }
}

/// The passive inventory observer on its own thread for the length of the scan.
final class PassiveListener: @unchecked Sendable {
    // @unchecked: the observer is touched only by the listening thread until `finish` has joined it.
    private let source: PacketSource
    private let observer = InventoryObserver()
    private let stop = StopSignal()
    private let done = DispatchSemaphore(value: 0)
    private var report: SourceReport?

    init(source: PacketSource) { self.source = source }

    func start() {
        Thread {
            var session = CaptureSession()
            session.stop = self.stop
            self.report = session.readLive(self.source, observers: [self.observer])
            self.done.signal()
        }.start()
    }

    @discardableResult
    func finish() -> (InventoryObserver, SourceReport) {
        stop.stop()
        done.wait()
        return (observer, report!)
    }
}
