import ArgumentParser
import Capture
import Foundation
import Ledger
import Policy
import Probes
import Report
import Snapshot
import TLS
import Wireless

/// `netaudit audit`: judge an observed network against a policy profile and the IT equipment
/// ledger. Reads captures (through the same passive pipeline as `inventory`) or a stored inventory
/// JSON, runs the pure audit, writes one report per `--output`, and exits by `--fail-on`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit captures, an inventory or a fresh scan against a policy profile and the IT equipment ledger (passive unless --scan).",
        discussion: """
        Examples:
          netaudit audit --profile jpma-standard --ledger ledger.csv \\
                         --pcap office.pcap
          netaudit audit --profile ours.yaml --ledger ledger.csv \\
                         --inventory inventory.json --lang ja \\
                         --output html:report.html --output sarif:report.sarif
          netaudit audit ... --format json --output previous.json
          netaudit audit ... --baseline previous.json
          netaudit audit --scan -i eth0 --targets 192.168.1.0/24 \\
                         --profile ours.yaml --ledger ledger.csv --output json:audit.json

        --scan runs `netaudit scan` first (ARP sweep and TCP connect inside --targets minus --exclude, at --rate, passive observer on the same interface; root or CAP_NET_RAW) and audits the resulting snapshot: the services rules need it, since a capture shows no listening ports. The scan options are those of `netaudit scan`; --dry-run prints the scan plan and exits 0 without sending or auditing anything. Profile, ledger, exceptions and baseline are checked before any packet is sent.

        Wireless: 802.11 management frames in the --pcap files (monitor-mode captures), each --hostapd-conf FILE (repeatable; its accept_mac_file/deny_mac_file lists are read too) and --openwrt-wireless FILE (OpenWrt's /etc/config/wireless: its access-point wifi-iface sections, scored the same way) and each client-side scan (--iw-scan FILE: `iw dev IFACE scan` text; --nmcli FILE: `nmcli -t -f ALL dev wifi` text; - for stdin) fill the snapshot's wireless facts for the wireless.* rules (see docs/rules.md); pre-shared keys are scored and dropped, never reported. Configurations and scans are read before anything else: an unreadable or malformed one stops the audit (exit 2).

        --output may be repeated. FORMAT:PATH picks the format for that output (text, json, sarif, junit, html, csv); a bare PATH uses --format; - is standard output (the default). Every file is written atomically (a temporary file renamed into place).

        --exceptions FILE holds approved deviations in the profile's exception schema (match on mac, ip (an address or CIDR) or asset_id; approver_role is needed when the profile restricts approvers):
          exceptions:
            - id: vendor-pc-2026-01
              rules: [ledger.unregistered_device]
              match: {mac: "00:1d:73:12:34:56"}
              approver: 山田 一郎
              approver_role: 情報セキュリティ責任者
              reason: 保守業者の作業用 PC
              expires: 2026-01-31
        An exception suppresses matching findings through its expiry date. Once expired it suppresses nothing and, with ledger.approval_expired enabled, is itself reported.

        --baseline FILE takes a report written earlier with --format json: findings whose fingerprint it holds are listed as suppressed (kind baseline); only new ones count.

        TLS: with --scan every open TLS port (443, 8443, 465, 993, 995, 636, and STARTTLS on 25, 587, 143, 110, 21, 389) is probed as `netaudit tls` does (--no-tls skips it; --ca-file adds an internal CA); with --pcap the TLS handshakes in the captures are read (versions, suites, SNI, certificates). Both feed the tls.* and mail.* rules.

        A rule the profile enables that cannot be judged from the input (services.* on a capture, tls.* without TLS endpoints, ledger rules without a ledger) is listed on stderr and in the report as "not evaluated" with the reason; it never passes silently. The rules are described in docs/rules.md.

        Exit codes:
          0  no active finding at or above --fail-on (default high; none: never 1)
          1  active findings at or above --fail-on
          2  usage or input error: bad arguments; a profile, exceptions file or
             baseline with errors (printed as file:line:column); a ledger that
             cannot be read or has errors (an expired approval is a finding,
             not a ledger error); an unreadable inventory. A damaged capture
             still produces the report from the packets before the damage, but
             the exit code is 2 whatever the findings: an audit of incomplete
             input cannot pass.
          3  runtime failure (a report cannot be written or rendered)
        """)

    @Option(help: ArgumentHelp("Policy profile: an id on the profile search path (e.g. jpma-standard) or a YAML file.", valueName: "id|file"))
    var profile: String

    @Option(help: ArgumentHelp("IT equipment ledger (社内 IT 機材管理台帳), CSV.", valueName: "file"))
    var ledger: String

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Capture files (pcap or pcapng), read in order; - for stdin.", valueName: "file"))
    var pcap: [String] = []

    @OptionGroup(title: "Wireless inputs") var wirelessInputs: WirelessInputs

    @Option(help: ArgumentHelp("A snapshot written by `netaudit inventory --format json` (instead of --pcap); - for stdin.", valueName: "file"))
    var inventory: String?

    @Flag(help: "Scan the network first (as `netaudit scan`: active, sends packets) and audit what it finds.")
    var scan = false

    @OptionGroup(title: "Scan options (with --scan)") var scanOptions: ScanOptions

    @Flag(name: .customLong("no-tls"), help: "With --scan: do not probe the TLS ports found (443, 8443, 465, 993, 995, 636 and STARTTLS on 25, 587, 143, 110, 21, 389).")
    var noTLS = false

    @Option(name: .long, help: ArgumentHelp("With --scan: PEM file of CA certificates to trust for the TLS checks, besides the system roots (default: the profile's ca_bundle).", valueName: "pem"))
    var caFile: String?

    @Option(help: ArgumentHelp("BPF filter applied to the captures, as in tcpdump.", valueName: "expr"))
    var filter: String?

    @Option(name: [.customShort("c"), .long], help: "Read at most this many packets from the captures.")
    var count: Int?

    @Option(help: ArgumentHelp("Directory with the IEEE registry CSVs (Debian's ieee-data).", valueName: "dir"))
    var ouiDir: String = "/usr/share/ieee-data"

    @Option(name: [.customShort("f"), .long], help: ArgumentHelp("Report format for bare --output paths: \(Reporters.identifiers.joined(separator: ", ")).", valueName: "format"))
    var format: String = "text"

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Where to write a report: [FORMAT:]PATH, - for stdout; repeatable (default: - in --format). inventory:PATH saves the observed snapshot as inventory JSON.", valueName: "[format:]path"))
    var output: [String] = []

    @Option(help: ArgumentHelp("Lowest severity that makes the run fail (exit 1): critical, high, medium, low, info or none.", valueName: "severity"))
    var failOn: String = "high"

    @Option(help: ArgumentHelp("Report language: ja or en (default: the profile's metadata.language, else en).", valueName: "lang"))
    var lang: String?

    @Option(help: ArgumentHelp("YAML file of approved exceptions (see below).", valueName: "file"))
    var exceptions: String?

    @Option(help: ArgumentHelp("An earlier report (--format json): only findings not in it are active.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Date approvals and exceptions are judged against, YYYY-MM-DD (default: today's local date).", valueName: "date"))
    var today: String?

    @Option(help: ArgumentHelp("Ledger text encoding: \(LedgerEncoding.acceptedNames.joined(separator: ", ")) (default: detect).", valueName: "encoding"))
    var ledgerEncoding: String?

    @Option(help: ArgumentHelp("Read the ledger as an asset-management export: \(LedgerImport.allCases.map(\.rawValue).joined(separator: " or ")).", valueName: "format"))
    var ledgerImport: String?

    /// One report destination.
    struct Destination: Equatable {
        var format: String
        /// `-` for standard output.
        var path: String
    }

    /// `--fail-on none` means no severity fails the run.
    static let failOnChoices = ["critical", "high", "medium", "low", "info", "none"]

    func validate() throws {
        if scan {
            if !pcap.isEmpty || inventory != nil { throw ValidationError("--scan and --pcap/--inventory are exclusive: audit a fresh scan or stored input, not both") }
            try scanOptions.requireTargets("--scan")
            if filter != nil || count != nil { throw ValidationError("--filter and --count apply to --pcap") }
        } else {
            if noTLS || caFile != nil { throw ValidationError("--no-tls and --ca-file apply to --scan") }
            if let given = scanOptions.given.first { throw ValidationError("\(given) applies to --scan") }
        }
        if !scan && pcap.isEmpty && inventory == nil { throw ValidationError("give --pcap FILE…, --inventory FILE or --scan") }
        if !pcap.isEmpty && inventory != nil { throw ValidationError("--pcap and --inventory are exclusive") }
        if inventory != nil, filter != nil || count != nil { throw ValidationError("--filter and --count apply to --pcap") }
        if let count, count <= 0 { throw ValidationError("--count must be positive") }
        if Reporters.named(format) == nil && format != AuditCommand.inventoryFormat { throw ValidationError(AuditCommand.unknownFormat(format)) }
        _ = try destinations()
        if !AuditCommand.failOnChoices.contains(failOn) {
            throw ValidationError("--fail-on '\(failOn)' is not one of \(AuditCommand.failOnChoices.joined(separator: ", "))")
        }
        if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be ja or en, not '\(lang)'") }
        if let today, ProfileDate(today) == nil { throw ValidationError("--today '\(today)' is not a date; write YYYY-MM-DD") }
        if let ledgerEncoding, LedgerEncoding(name: ledgerEncoding) == nil {
            throw ValidationError("unknown --ledger-encoding '\(ledgerEncoding)'; use one of \(LedgerEncoding.acceptedNames.joined(separator: ", "))")
        }
        if let ledgerImport, LedgerImport(rawValue: ledgerImport.lowercased()) == nil {
            throw ValidationError("unknown --ledger-import '\(ledgerImport)'; use one of \(LedgerImport.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    static func unknownFormat(_ name: String) -> String {
        "unknown format '\(name)'; use one of \((Reporters.identifiers + [inventoryFormat]).joined(separator: ", "))"
    }

    /// Not a report format: `--output inventory:FILE` saves the observed snapshot (the same JSON as
    /// `netaudit inventory --format json`), so a scheduled `audit --scan` keeps its inventory too.
    static let inventoryFormat = "inventory"

    /// The `--output` values as destinations; `html:report.html` picks a format, a bare path uses `--format`.
    func destinations() throws -> [Destination] {
        guard !output.isEmpty else { return [Destination(format: format, path: "-")] }
        var result: [Destination] = []
        for value in output {
            var destination = Destination(format: format, path: value)
            if let colon = value.firstIndex(of: ":") {
                let prefix = String(value[..<colon])
                if Reporters.named(prefix) != nil || prefix == AuditCommand.inventoryFormat {
                    destination = Destination(format: prefix, path: String(value[value.index(after: colon)...]))
                } else if !prefix.isEmpty, prefix.allSatisfy({ $0.isASCII && $0.isLetter }) {
                    throw ValidationError("--output '\(value)': \(AuditCommand.unknownFormat(prefix)) (write ./\(value) for a file name with a colon)")
                }
            }
            if destination.path.isEmpty { throw ValidationError("--output '\(value)' names no file") }
            if result.contains(where: { $0.path == destination.path }) {
                throw ValidationError("--output names \(destination.path == "-" ? "standard output" : destination.path) twice")
            }
            result.append(destination)
        }
        return result
    }

    func run() async throws {
        let date = today.flatMap(ProfileDate.init) ?? ProfileDate.today()
        let loadedProfile = try ProfileLoading.load(profile, today: date, otherwise: "nothing was audited")
        let extraExceptions = try loadExceptions(profile: loadedProfile, today: date)
        let previous = try loadBaseline()
        let equipment = try loadLedger(today: date)
        let apConfigs = try loadHostapdConfigs()
        // The TLS trust store is an input like the others: checked before any packet is sent.
        let tlsStore = scan && !noTLS ? try TLSCommand.trustStore(caFile: caFile, noSystemRoots: false, profile: loadedProfile) : nil
        let wirelessScans = try loadWirelessScans()

        var observed: Snapshot
        var inputs: [AuditReport.Input]
        var inputDamaged = false
        if scan, let active = scanOptions.activeRun(ouiDir: ouiDir) {
            let plan = try active.plan()
            if scanOptions.dryRun {
                try OutputFile.write(plan.render(), to: "-")
                return
            }
            let result = try await active.run(plan)
            observed = result.snapshot
            for message in result.problems { AuditCommand.say(message) }
            if let tlsStore { probeTLS(&observed, ledger: equipment, store: tlsStore, scope: plan.scope) }
            // The report names the probe: interface, scope and ports (the snapshot's sources hold the live capture and the probe run).
            inputs = [AuditReport.Input(kind: .probe, path: AuditCommand.probeInput(plan))]
        } else if let inventory {
            observed = try AuditCommand.readInventory(inventory)
            inputs = [AuditReport.Input(kind: .inventory, path: inventory)]
        } else {
            let run = try PassiveRun.collect(try captureOptions(), wireless: true, tls: true)
            observed = run.snapshot
            inputs = pcap.map { AuditReport.Input(kind: .capture, path: $0) }
            for message in run.problems { AuditCommand.say(message) }
            inputDamaged = run.inputDamaged
        }

        if !apConfigs.isEmpty {
            var wireless = observed.wireless ?? WirelessSnapshot()
            wireless.apConfigs += apConfigs
            observed.wireless = wireless
        }
        for scan in wirelessScans {
            // The scan becomes a source of the snapshot; its BSSs point at it.
            let index = observed.sources.count
            observed.sources.append(Source(kind: scan.path == "-" ? .stdin : .file, name: scan.path, linkType: scan.format.rawValue,
                                           packets: scan.bsses.count))
            var wireless = observed.wireless ?? WirelessSnapshot()
            WirelessScan.merge(scan.bsses.map { bss in var b = bss; b.evidence.source = index; return b }, into: &wireless)
            observed.wireless = wireless
        }

        let now = Timestamp(nanoseconds: ReportClock.now())
        let outcome = Auditor.audit(snapshot: observed, ledger: equipment, profile: loadedProfile, today: date, now: now,
                                    exceptions: extraExceptions, baseline: previous)
        let threshold = Severity(rawValue: failOn)
        var report = outcome.report(generatedAt: now, profile: loadedProfile,
                                    ledger: AuditReport.LedgerReference(path: ledger, assetCount: equipment.assets.count),
                                    inputs: inputs, failOn: threshold ?? .critical, inventory: observed)
        if threshold == nil { report.summary.exitStatus = 0 }

        let language = lang.flatMap(Language.init(rawValue:)) ?? loadedProfile.metadata.language.flatMap(Language.init(rawValue:)) ?? .en
        var written: [String] = []
        for destination in try destinations() {
            let toTerminal = destination.path == "-" && isatty(STDOUT_FILENO) == 1
            let color = destination.format == "text" && toTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let text: String
            do {
                text = destination.format == AuditCommand.inventoryFormat
                    ? try InventoryRenderer.json(observed)
                    : try Reporters.render(report, format: destination.format, options: ReportOptions(language: language, color: color))
            } catch {
                throw NetauditError.runtime("cannot produce the \(destination.format) report: \(error)")
            }
            try OutputFile.write(text, to: destination.path)
            written.append(destination.path == "-" ? "stdout (\(destination.format))" : "\(destination.path) (\(destination.format))")
        }

        for rule in outcome.notEvaluated { AuditCommand.say("not evaluated: \(rule.description)") }
        AuditCommand.say(AuditCommand.summaryLine(outcome, devices: observed.devices.count, failOn: failOn, written: written))
        if inputDamaged { throw ExitCode(ExitStatus.usage.rawValue) }
        if let threshold, outcome.fails(at: threshold) { throw ExitCode(ExitStatus.findings.rawValue) }
    }

    // MARK: Inputs

    /// Probes every TLS port the scan found open (as `netaudit tls` does) and records the endpoints.
    private func probeTLS(_ observed: inout Snapshot, ledger: Ledger, store: TrustStore, scope: ScanScope) {
        let targets = ScanTLS.targets(in: observed, ledger: ledger, scope: scope)
        let nowNanos = ReportClock.now()
        var options = TLSScanOptions(verifyTime: Int(nowNanos / 1_000_000_000)).with(store: store)
        // Gentler than `netaudit tls`: the scheduled job meets printers and appliances that dislike bursts.
        options.endpointWidth = 8
        options.perEndpointWidth = 4
        // The scan's own stop handler is gone by now: Ctrl-C here ends the TLS phase, the audit is still written.
        let stop = StopSignal()
        stop.install()
        options.stop = stop
        let started = ContinuousClock.now
        let endpoints = TLSScanner(options: options).scan(targets)
        let seconds = Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000
        let starttls = endpoints.filter { $0.starttls != nil }.count
        AuditCommand.say("TLS: \(endpoints.count) endpoint\(endpoints.count == 1 ? "" : "s") (\(starttls) via STARTTLS), "
            + "\(endpoints.filter(TLSCommand.probed).count) probed, \(String(format: "%.2f", seconds)) s")
        for endpoint in endpoints where !TLSCommand.probed(endpoint) {
            AuditCommand.say("tls \(endpoint.address):\(endpoint.port): \(endpoint.status.rawValue)\(endpoint.error.map { ": \($0)" } ?? "")")
        }
        observed.tls = TLSSnapshot(endpoints: endpoints.sorted(by: TLSCommand.endpointOrder))
    }

    /// How a scan is named in the report's inputs: `scan eth0 198.18.0.0/24 (excluding 198.18.0.250) tcp 21,22,23`.
    static func probeInput(_ plan: ScanPlan) -> String {
        var text = "scan \(plan.interface) \(plan.scope.targets.map(\.description).joined(separator: ","))"
        if !plan.scope.exclusions.isEmpty { text += " (excluding \(plan.scope.exclusions.map(\.description).joined(separator: ",")))" }
        return text + (plan.synScan ? " tcp syn " : " tcp ") + plan.ports.map(String.init).joined(separator: ",")
    }

    private func loadExceptions(profile: ResolvedProfile, today: ProfileDate) throws -> [ProfileException] {
        guard let exceptions else { return [] }
        let (loaded, diagnostics) = SuppressionFile.load(path: exceptions, profile: profile, today: today)
        for diagnostic in diagnostics { AuditCommand.say(diagnostic.description, prefixed: false) }
        if diagnostics.errorCount > 0 {
            throw NetauditError.usage("exceptions file \(exceptions) has \(diagnostics.errorCount) error\(diagnostics.errorCount == 1 ? "" : "s"); nothing was audited")
        }
        return loaded
    }

    private func loadBaseline() throws -> Baseline? {
        guard let baseline else { return nil }
        do {
            return try Baseline.read(path: baseline)
        } catch {
            AuditCommand.say(error.description, prefixed: false)
            throw NetauditError.usage("cannot use \(baseline) as a baseline; nothing was audited")
        }
    }

    private func loadLedger(today: ProfileDate) throws -> Ledger {
        let encoding = ledgerEncoding.flatMap { LedgerEncoding(name: $0) }
        let mapping = ledgerImport.flatMap { LedgerImport(rawValue: $0.lowercased()) }
        let equipment: Ledger
        do {
            equipment = try LedgerReader.read(path: ledger, encoding: encoding, import: mapping)
        } catch {
            AuditCommand.say(error.description, prefixed: false)
            throw NetauditError.usage("cannot read the ledger \(ledger); nothing was audited")
        }
        guard let date = LedgerDate(year: today.year, month: today.month, day: today.day) else { return equipment }
        // Expired approvals are what ledger.approval_expired reports; they do not make the ledger unusable.
        let diagnostics = LedgerValidator(today: date, expiryWarningDays: 0).validate(equipment)
        let blocking = diagnostics.filter { $0.severity == .error && $0.check != .approvalExpired }
        if !blocking.isEmpty {
            for diagnostic in blocking { AuditCommand.say(diagnostic.description, prefixed: false) }
            throw NetauditError.usage("the ledger \(ledger) has \(blocking.count) error\(blocking.count == 1 ? "" : "s") "
                + "(see `netaudit ledger check \(ledger)`); nothing was audited")
        }
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if warnings > 0 {
            AuditCommand.say("\(ledger): \(warnings) ledger warning\(warnings == 1 ? "" : "s") (see `netaudit ledger check \(ledger)`)")
        }
        return equipment
    }

    /// Every `--hostapd-conf` file, read (and its keys scored and dropped) before any capture or scan.
    private func loadHostapdConfigs() throws -> [APConfig] {
        var configs: [APConfig] = []
        for path in wirelessInputs.hostapdConf {
            do {
                let read = try HostapdConfig.read(path: path)
                for warning in read.flatMap(\.warnings) { AuditCommand.say("warning: \(path): \(warning)") }
                configs += read
            } catch {
                throw NetauditError.usage("\(error)")
            }
        }
        for path in wirelessInputs.openwrtWireless {
            do {
                configs += try OpenWrtWireless.read(path: path)
            } catch {
                throw NetauditError.usage("\(error)")
            }
        }
        return configs
    }

    /// Every `--iw-scan` / `--nmcli` file, parsed before any capture or scan; a malformed one is a usage error (file:line).
    private func loadWirelessScans() throws -> [(path: String, format: WirelessScan.Format, bsses: [WirelessBSS])] {
        if (wirelessInputs.iwScan + wirelessInputs.nmcli + pcap + [inventory].compactMap { $0 }).filter({ $0 == "-" }).count > 1 {
            throw NetauditError.usage("standard input (-) can be read only once")
        }
        var scans: [(path: String, format: WirelessScan.Format, bsses: [WirelessBSS])] = []
        for (format, paths) in [(WirelessScan.Format.iw, wirelessInputs.iwScan), (.nmcli, wirelessInputs.nmcli)] {
            for path in paths {
                do {
                    scans.append((path, format, try WirelessScan.read(path: path, format: format, source: 0, at: Timestamp(nanoseconds: ReportClock.now()))))
                } catch {
                    throw NetauditError.usage("\(error)")
                }
            }
        }
        return scans
    }

    /// The capture options `PassiveRun` takes, parsed from this command's capture flags.
    private func captureOptions() throws -> CaptureOptions {
        var arguments = pcap.map { "--pcap=\($0)" } + ["--oui-dir=\(ouiDir)"]
        if let filter { arguments.append("--filter=\(filter)") }
        if let count { arguments.append("--count=\(count)") }
        do {
            return try CaptureOptions.parse(arguments)
        } catch {
            throw NetauditError.usage(CaptureOptions.fullMessage(for: error))
        }
    }

    /// Reads a snapshot JSON, with the place a decoding error happened.
    static func readInventory(_ path: String) throws -> Snapshot {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                throw NetauditError.usage("\(path): cannot read the inventory: \(!exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied")")
            }
            data = contents
        }
        let snapshot: Snapshot
        do {
            snapshot = try JSONDecoder().decode(Snapshot.self, from: data)
        } catch let error as DecodingError {
            throw NetauditError.usage("\(path): not an inventory snapshot: \(describe(error))")
        } catch {
            throw NetauditError.usage("\(path): not an inventory snapshot: \(error.localizedDescription)")
        }
        let major = Snapshot.currentSchemaVersion.split(separator: ".").first.map(String.init) ?? "1"
        guard snapshot.schemaVersion.split(separator: ".").first.map(String.init) == major else {
            throw NetauditError.usage("\(path): inventory schema_version \(snapshot.schemaVersion) is not supported (expected \(major).x)")
        }
        return snapshot
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.isEmpty ? "" : (text.hasPrefix(".") ? String(text.dropFirst()) : text) + ": "
        }
        switch error {
        case .dataCorrupted(let context): return "\(path(context))\(context.debugDescription)"
        case .keyNotFound(let key, let context): return "\(path(context))missing \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context))\(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    // MARK: Output

    static func say(_ message: String, prefixed: Bool = true) {
        FileHandle.standardError.write(Data(((prefixed ? "netaudit: " : "") + message + "\n").utf8))
    }

    /// `audit: 7 findings (critical 0, high 3, medium 3, low 1, info 0), 2 suppressed, 20 devices; fail-on high: exit 1; wrote …`.
    static func summaryLine(_ outcome: AuditOutcome, devices: Int, failOn: String, written: [String]) -> String {
        let counts = outcome.countsBySeverity
        let perSeverity = Severity.allCases.reversed().map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        let fails = Severity(rawValue: failOn).map { outcome.fails(at: $0) } ?? false
        let total = outcome.findings.count
        return "audit: \(total) finding\(total == 1 ? "" : "s") (\(perSeverity)), \(outcome.suppressed.count) suppressed, "
            + "\(devices) device\(devices == 1 ? "" : "s"); fail-on \(failOn): \(fails ? "FAIL" : "pass"); wrote \(written.joined(separator: ", "))"
    }
}
