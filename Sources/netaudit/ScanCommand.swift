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
        if format == .table { text += Self.renderServices(snapshot) + Self.renderRouted(result) }
        try OutputFile.write(text, to: output)
        if let output, output != "-" {
            FileHandle.standardError.write(Data("netaudit: \(snapshot.devices.count) devices written to \(output)\n".utf8))
        }
        for message in result.problems { FileHandle.standardError.write(Data("netaudit: \(message)\n".utf8)) }
    }

    /// Routed targets (beyond the link, no MAC): how each answered and its open ports.
    static func renderRouted(_ result: ActiveRun.Result) -> String {
        guard !result.routed.isEmpty else { return "" }
        var out = "\nROUTED HOSTS (not on this link; not in the JSON snapshot)\n"
        for r in result.routed {
            let open = result.routedPorts.filter { $0.ip == r.ip && $0.state == .open }
            out += "  \("\(r.ip)".padding(toLength: 16, withPad: " ", startingAt: 0))up (\(r.method), ttl \(r.ttl))"
            out += open.isEmpty ? "\n" : "  open: " + open.map { "\($0.port)/tcp" + ($0.banner.map { " \"\($0)\"" } ?? "") }.joined(separator: ", ") + "\n"
        }
        return out
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

/// The passive inventory observer on its own thread for the length of the scan. The capture handle is
/// opened on that thread too (libpcap maps its ring buffer, ~10 ms), so the probes need not wait for it;
/// `waitUntilOpen` is for callers that must have it open first (before dropping privileges).
final class PassiveListener: @unchecked Sendable {
    // @unchecked: `source`/`openError` are written once by the listening thread before `opened` is
    // signalled and read only after waiting for it; the observer is touched only by the listening
    // thread until `finish` has joined it.
    private let open: @Sendable () throws -> PacketSource
    private var source: PacketSource?
    private var openError: Error?
    private let observer = InventoryObserver()
    private let stop = StopSignal()
    private let opened = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var report: SourceReport?

    init(open: @escaping @Sendable () throws -> PacketSource) { self.open = open }

    func start() {
        Thread {
            do { self.source = try self.open() } catch { self.openError = error }
            self.opened.signal()
            if let source = self.source {   // returns at once when already stopped
                var session = CaptureSession()
                session.stop = self.stop
                self.report = session.readLive(source, observers: [self.observer])
            }
            self.done.signal()
        }.start()
    }

    /// Blocks until the capture handle is open; throws what opening it threw.
    func waitUntilOpen() throws {
        opened.wait()
        opened.signal()
        if let openError { throw openError }
    }

    /// Stops listening and returns what was observed; throws when the handle could not be opened.
    @discardableResult
    func finish() throws -> (InventoryObserver, SourceReport) {
        stop.stop()
        try waitUntilOpen()
        source?.breakLoop()
        done.wait()
        return (observer, report!)   // set whenever the handle opened
    }
}
