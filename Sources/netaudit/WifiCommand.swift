import ArgumentParser
import Capture
import Foundation
import Ledger
import Packets
import Policy
import Snapshot
import Wireless

/// `netaudit wifi`: BSSs and clients from 802.11 captures (radiotap, plain 802.11, Prism) and
/// AP configurations from hostapd.conf files. Passive: sends nothing. Never prints a key.
struct WifiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wifi",
        abstract: "List 802.11 BSSs and clients from captures and client-side scans, and score hostapd.conf files (passive; keys never printed).",
        discussion: """
        Inputs: 802.11 captures (--pcap; radiotap, plain 802.11 or Prism), AP configurations (--hostapd-conf, with the accept_mac_file/deny_mac_file lists it names; --openwrt-wireless for OpenWrt's /etc/config/wireless) and client-side scans (--iw-scan: the text of `iw dev IFACE scan`; --nmcli: the text of `nmcli -t -f ALL dev wifi`; - reads standard input, once). Scanned BSSs join the captured ones (a BSSID already seen keeps its first record) and say where they came from: evidence protocol iw-scan or nmcli, the file, and the line as the packet number.

        With --profile (and --ledger for the rules that compare with it), the table output ends with the findings of the profile's wireless.* rules on these facts; the exit status is then 1 when one is high or critical (reports in every format: `netaudit audit`, which takes the same inputs).

        Exit codes: 0 ok; 1 a high or critical wireless finding (with --profile); 2 bad arguments, an unreadable configuration or MAC list, a malformed scan or UCI file (file:line), or a damaged/unreadable capture (everything before the damage is still reported); 3 runtime failure (disk).
        """)

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Capture files (pcap or pcapng) with 802.11 frames, read in order.", valueName: "file"))
    var pcap: [String] = []

    @Option(name: [.customShort("i"), .long], help: ArgumentHelp("Capture live from this monitor-mode interface (root or CAP_NET_RAW); Ctrl-C or --duration stops.", valueName: "if"))
    var interface: String?

    @Option(help: ArgumentHelp("Stop a live capture after this many seconds.", valueName: "seconds"))
    var duration: Double?

    @Option(help: ArgumentHelp("Drop root to this user once the interface is open.", valueName: "user"))
    var user: String?

    @OptionGroup(title: "Wireless inputs") var wirelessInputs: WirelessInputs

    @Option(help: ArgumentHelp("Judge the facts with this profile's wireless.* rules (name or path); findings follow the table.", valueName: "profile"))
    var profile: String?

    @Option(help: ArgumentHelp("IT equipment ledger (CSV) for wireless.mac_acl_mismatch, rogue_ap and unauthorized_client.", valueName: "file"))
    var ledger: String?

    @Option(help: ArgumentHelp("The date approvals are judged against (YYYY-MM-DD; default today).", valueName: "date"))
    var today: String?

    @Option(name: [.customShort("f"), .long], help: "Output format: table or json.")
    var format: WifiFormat = .table

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    enum WifiFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func validate() throws {
        if pcap.isEmpty && interface == nil && wirelessInputs.isEmpty {
            throw ValidationError("give --pcap FILE… or --interface MON, --hostapd-conf FILE, --openwrt-wireless FILE, --iw-scan FILE and/or --nmcli FILE")
        }
        if !pcap.isEmpty && interface != nil { throw ValidationError("--pcap and --interface are exclusive") }
        if (duration != nil || user != nil) && interface == nil { throw ValidationError("--duration and --user apply to --interface") }
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
        if (wirelessInputs.iwScan + wirelessInputs.nmcli + pcap).filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
        if ledger != nil && profile == nil { throw ValidationError("--ledger needs --profile") }
        if let today, ProfileDate(today) == nil { throw ValidationError("--today must be YYYY-MM-DD, not '\(today)'") }
    }

    func run() throws {
        let observer = WirelessObserver()
        var session = CaptureSession()
        let stop = StopSignal()
        stop.install()
        session.stop = stop
        session.duration = duration
        var reports = pcap.isEmpty ? [] : session.readFiles(pcap, observers: [observer])
        if let interface {
            let source: PacketSource
            do {
                source = try PacketSource.openLive(LiveCaptureOptions(interface: interface))
                if let user { try PrivilegeDrop.drop(to: user) }
            } catch let e as CaptureError {
                throw NetauditError(e.message, code: e.kind == .input ? .usage : .runtime)
            }
            FileHandle.standardError.write(Data("netaudit: capturing on \(interface) (\(source.linkTypeName)); Ctrl-C to stop\n".utf8))
            if !["IEEE802_11", "IEEE802_11_RADIO", "PRISM_HEADER"].contains(source.linkTypeName) {
                FileHandle.standardError.write(Data("netaudit: warning: \(interface) is not in monitor mode (link type \(source.linkTypeName)): no 802.11 management frames will be seen\n".utf8))
            }
            reports.append(session.readLive(source, observers: [observer]))
        }
        let records = try SourceRecords(reports)
        var problems = records.problems
        var damaged = records.damaged
        var sources = records.sources
        var wireless = observer.snapshot()
        for path in wirelessInputs.openwrtWireless {
            do {
                wireless.apConfigs += try OpenWrtWireless.read(path: path)
            } catch {
                problems.append("error: \(error)")
                damaged = true
            }
        }
        let now = Timestamp(nanoseconds: ReportClock.now())
        for (format, paths) in [(WirelessScan.Format.iw, wirelessInputs.iwScan), (.nmcli, wirelessInputs.nmcli)] {
            for path in paths {
                do {
                    let scanned = try WirelessScan.read(path: path, format: format, source: sources.count, at: now)
                    sources.append(Source(kind: path == "-" ? .stdin : .file, name: path, linkType: format.rawValue, packets: scanned.count))
                    WirelessScan.merge(scanned, into: &wireless)
                } catch {
                    problems.append("error: \(error)")
                    damaged = true
                }
            }
        }
        for path in wirelessInputs.hostapdConf {
            do {
                wireless.apConfigs += try HostapdConfig.read(path: path)
            } catch {
                problems.append("error: \(error)")
                damaged = true
            }
        }
        var snapshot = Snapshot(generatedAt: now,
                                observedFrom: observer.firstTimestamp.map(Timestamp.init(nanoseconds:)),
                                observedUntil: observer.lastTimestamp.map(Timestamp.init(nanoseconds:)), sources: sources)
        snapshot.wireless = wireless
        var text: String
        switch format {
        case .json: text = try WirelessRenderer.json(snapshot)
        case .table: text = WirelessRenderer.table(wireless)
        }
        var failing = false
        if let profile {
            let (findings, notes) = try judge(snapshot, profile: profile)
            failing = findings.contains { $0.severity >= .high && $0.suppression == nil }
            if format == .table { text += WifiCommand.render(findings) }
            problems += notes
        }
        try OutputFile.write(text, to: output)
        for message in problems { FileHandle.standardError.write(Data("netaudit: \(message)\n".utf8)) }
        if damaged { throw ExitCode(ExitStatus.usage.rawValue) }
        if failing { throw ExitCode(1) }
    }

    /// The findings of the profile's wireless.* rules on `snapshot` (the other families have nothing to judge here).
    private func judge(_ snapshot: Snapshot, profile name: String) throws -> ([Finding], [String]) {
        let date = today.flatMap(ProfileDate.init) ?? ProfileDate.today()
        let resolved: ResolvedProfile
        var notes: [String] = []
        do {
            let loaded = try ProfileLoader(options: ProfileCheckOptions(today: date)).load(name)
            notes += loaded.warnings.map(\.description)
            resolved = loaded.profile
        } catch {
            for diagnostic in error.diagnostics { FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8)) }
            throw NetauditError.usage("profile '\(name)' has \(error.diagnostics.errorCount) error(s); nothing was judged")
        }
        var equipment: Ledger?
        if let ledger {
            do { equipment = try LedgerReader.read(path: ledger, encoding: nil, import: nil) } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw NetauditError.usage("cannot read the ledger \(ledger); nothing was judged")
            }
        }
        let outcome = Auditor.audit(snapshot: snapshot, ledger: equipment, profile: resolved, today: date, now: snapshot.generatedAt,
                                    only: { $0.hasPrefix("wireless.") })
        for rule in outcome.notEvaluated where rule.id.hasPrefix("wireless.") {
            notes.append("not evaluated: \(rule.id) (\(rule.reason == .needsLedger ? "needs --ledger" : rule.reason.rawValue))")
        }
        return (outcome.findings, notes)
    }

    /// `Findings (N)` and one block per finding: severity, rule, subject, message, evidence.
    static func render(_ findings: [Finding]) -> String {
        var out = "\nFindings (\(findings.count))\n"
        for f in findings {
            out += "  \(f.severity.rawValue.uppercased()) \(f.ruleID) \(f.subject.label): \(f.message.en)\n"
            for e in f.evidence {
                var at: [String] = []
                if let source = e.source { at.append(source) }
                if let packet = e.packet { at.append("packet \(packet)") }
                out += "    evidence: \(e.fact)" + (at.isEmpty ? "" : " (\(at.joined(separator: ", ")))") + "\n"
            }
        }
        return out
    }
}

