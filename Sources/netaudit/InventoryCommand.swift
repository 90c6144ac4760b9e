import ArgumentParser
import Capture
import Foundation
import Inventory
import Report
import Snapshot

/// `netaudit inventory`: passive device inventory from capture files or a live interface.
/// It sends nothing: no probes, no reverse DNS.
struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "List every MAC/IP device seen in capture files or on a live interface (passive: sends nothing).",
        discussion: """
        Exit codes: 0 ok; 2 bad arguments or a damaged/unreadable capture (the inventory of
        everything before the damage is still written); 3 runtime failure (interface, permission, disk).
        """)

    @OptionGroup var capture: CaptureOptions

    @Option(name: [.customShort("f"), .long], help: "Output format: table, json or csv.")
    var format: InventoryRenderer.Format = .table

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    // Off by default: following TLS flows costs about a quarter more time on a busy capture, and the
    // device inventory (what the responder needs first) does not need it; `audit --pcap` always does it.
    @Flag(help: "Also follow TLS handshakes into the snapshot's tls.endpoints (versions, suites, SNI, certificates; docs/tls-json.md).")
    var tls = false

    func run() async throws {
        let run = try PassiveRun.collect(capture, tls: tls)
        try OutputFile.write(try InventoryRenderer.render(run.snapshot, format: format), to: output)
        if let output, output != "-" {
            FileHandle.standardError.write(Data("netaudit: \(run.snapshot.devices.count) devices written to \(output)\n".utf8))
        }
        for message in run.problems { FileHandle.standardError.write(Data("netaudit: \(message)\n".utf8)) }
        if run.inputDamaged { throw ExitCode(ExitStatus.usage.rawValue) }
    }
}

extension InventoryRenderer.Format: ExpressibleByArgument {}
