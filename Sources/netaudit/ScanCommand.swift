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

    static func parsePorts(_ text: String) throws -> [Int] { try ActiveRun.parsePorts(text) }

    func run() async throws {
        let active = ActiveRun(interface: interface, targets: targets, ports: ports, rate: rate, exclude: exclude,
                               allowPublic: allowPublic, maxTargets: maxTargets, passiveSeconds: passiveSeconds, user: user, ouiDir: ouiDir)
        let plan = try active.plan()
        if dryRun {
            try OutputFile.write(plan.render(), to: output)
            return
        }
        let result = try await active.run(plan)
        let snapshot = result.snapshot

        var text = try InventoryRenderer.render(snapshot, format: format)
        if format == .table { text += Self.renderServices(snapshot) }
        try OutputFile.write(text, to: output)
        if let output, output != "-" {
            FileHandle.standardError.write(Data("netaudit: \(snapshot.devices.count) devices written to \(output)\n".utf8))
        }
        for message in result.problems { FileHandle.standardError.write(Data("netaudit: \(message)\n".utf8)) }
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
