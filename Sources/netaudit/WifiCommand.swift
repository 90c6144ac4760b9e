import ArgumentParser
import Capture
import Foundation
import Packets
import Snapshot
import Wireless

/// `netaudit wifi`: BSSs and clients from 802.11 captures (radiotap, plain 802.11, Prism) and
/// AP configurations from hostapd.conf files. Passive: sends nothing. Never prints a key.
struct WifiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wifi",
        abstract: "List 802.11 BSSs and clients from captures, and score hostapd.conf files (passive; keys never printed).",
        discussion: """
        Exit codes: 0 ok; 2 bad arguments, an unreadable configuration, or a damaged/unreadable capture
        (everything before the damage is still reported); 3 runtime failure (disk).
        """)

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Capture files (pcap or pcapng) with 802.11 frames, read in order.", valueName: "file"))
    var pcap: [String] = []

    @Option(name: .long, help: ArgumentHelp("A hostapd.conf to score (repeatable).", valueName: "file"))
    var hostapdConf: [String] = []

    @Option(name: [.customShort("f"), .long], help: "Output format: table or json.")
    var format: WifiFormat = .table

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    enum WifiFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func validate() throws {
        if pcap.isEmpty && hostapdConf.isEmpty { throw ValidationError("give --pcap FILE… and/or --hostapd-conf FILE") }
    }

    func run() throws {
        let observer = WirelessObserver()
        var session = CaptureSession()
        let stop = StopSignal()
        stop.install()
        session.stop = stop
        let reports = pcap.isEmpty ? [] : session.readFiles(pcap, observers: [observer])
        let records = try SourceRecords(reports)
        var problems = records.problems
        var damaged = records.damaged
        let sources = records.sources
        var wireless = observer.snapshot()
        for path in hostapdConf {
            do {
                wireless.apConfigs += try HostapdConfig.read(path: path)
            } catch {
                problems.append("error: \(error)")
                damaged = true
            }
        }
        var snapshot = Snapshot(generatedAt: Timestamp(nanoseconds: ReportClock.now()),
                                observedFrom: observer.firstTimestamp.map(Timestamp.init(nanoseconds:)),
                                observedUntil: observer.lastTimestamp.map(Timestamp.init(nanoseconds:)), sources: sources)
        snapshot.wireless = wireless
        let text: String
        switch format {
        case .json: text = try WirelessRenderer.json(snapshot)
        case .table: text = WirelessRenderer.table(wireless)
        }
        try OutputFile.write(text, to: output)
        for message in problems { FileHandle.standardError.write(Data("netaudit: \(message)\n".utf8)) }
        if damaged { throw ExitCode(ExitStatus.usage.rawValue) }
    }
}

