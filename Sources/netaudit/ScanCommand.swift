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

    @OptionGroup var scan: ScanOptions

    @Option(name: .long, help: ArgumentHelp("Directory with the IEEE registry CSVs (Debian's ieee-data).", valueName: "dir"))
    var ouiDir: String = "/usr/share/ieee-data"

    @Option(name: [.customShort("f"), .long], help: "Output format: table, json or csv.")
    var format: InventoryRenderer.Format = .table

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws { try scan.requireTargets("scan") }

    static func parsePorts(_ text: String) throws -> [Int] { try ActiveRun.parsePorts(text) }

    func run() async throws {
        guard let active = scan.activeRun(ouiDir: ouiDir) else { throw NetauditError.usage("scan needs --interface and --targets") }
        let plan = try active.plan()
        if scan.dryRun {
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
