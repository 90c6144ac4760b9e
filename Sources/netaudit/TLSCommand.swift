import ArgumentParser
import Capture
import Foundation
import Ledger
import NetAddress
import Policy
import Report
import Snapshot
import Probes
import Synchronization
import TLS

/// `netaudit tls`: probe TLS endpoints with crafted handshakes (versions, suites, groups) and
/// check their certificates; with `--profile`, judge them with the tls.* and mail.* rules.
struct TLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "Probe TLS endpoints (versions, cipher suites, key exchange, certificates, STARTTLS) and optionally audit them against a profile.",
        discussion: """
        Examples:
          netaudit tls 198.18.0.10 mail.example.test:587 --resolve mail.example.test:587:198.18.0.25
          netaudit tls 198.18.0.10:443 --sni intranet.example.test --ca-file corp-root.pem \\
                       --profile recommended --format json --output tls.json

        TARGET is HOST[:PORT] (default port 443; [IPv6]:PORT). A name is resolved with the system
        resolver unless --resolve NAME:PORT:ADDRESS gives its address (no lookup then); the name is
        sent as SNI and checked against the certificate. For a bare address no SNI is sent and the
        certificate is checked against the address (--sni overrides both).

        --starttls auto (the default) speaks STARTTLS on the mail and FTP ports (25, 587: SMTP;
        143: IMAP; 110: POP3; 21: FTP; 389: LDAP) and records what the server offers before TLS
        (STARTTLS, AUTH mechanisms) for mail.starttls_missing and mail.plaintext_auth.

        Ctrl-C (or SIGTERM) stops within one --timeout: what was probed is written, the endpoints not
        finished are reported as interrupted (status error), and the exit code is 3.

        Addresses outside private, CGNAT, link-local, loopback and benchmarking ranges are refused
        unless --allow-public. Nothing else is contacted (no reverse DNS).

        Exit codes:
          0  every endpoint probed (and, with --profile, no finding at or above --fail-on)
          1  findings at or above --fail-on (with --profile)
          2  usage or input error (bad target, profile or CA file)
          3  an endpoint could not be probed: unreachable, not TLS, or an error (it is in the output
             with its status; an unreachable endpoint never passes)
        """)

    @Argument(help: ArgumentHelp("Endpoints: HOST[:PORT].", valueName: "target"))
    var targets: [String] = []

    @Option(name: .long, help: ArgumentHelp("Use ADDRESS for NAME on PORT without a DNS lookup (repeatable).", valueName: "name:port:address"))
    var resolve: [String] = []

    @Option(name: .long, help: ArgumentHelp("Server name to send (SNI) and check the certificate against, for every target.", valueName: "name"))
    var sni: String?

    @Option(name: .long, help: ArgumentHelp("STARTTLS protocol: auto (by port), none, smtp, imap, pop3, ftp or ldap.", valueName: "proto"))
    var starttls: String = "auto"

    @Option(name: .long, help: ArgumentHelp("PEM file of CA certificates to trust (an internal CA), besides the system roots.", valueName: "pem"))
    var caFile: String?

    @Flag(name: .long, help: "Do not trust the system root store (only --ca-file, or the profile's ca_bundle).")
    var noSystemRoots = false

    @Option(help: ArgumentHelp("Audit the endpoints against this profile (id or YAML file): tls.* and mail.* rules.", valueName: "id|file"))
    var profile: String?

    @Option(help: ArgumentHelp("IT equipment ledger (CSV) for the audit, optional.", valueName: "file"))
    var ledger: String?

    @Option(name: [.customShort("f"), .long], help: ArgumentHelp("Output format: table, json or csv; with --profile also text, sarif, junit, html.", valueName: "format"))
    var format: String = "table"

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Seconds allowed per connection and per answer (default 5).", valueName: "seconds"))
    var timeout: Double = 5

    @Option(help: ArgumentHelp("Endpoints probed at once (default 16).", valueName: "n"))
    var concurrency: Int = 16

    @Option(help: ArgumentHelp("Connections at once per endpoint (default 8).", valueName: "n"))
    var perEndpoint: Int = 8

    @Flag(name: .long, help: "Allow targets outside private, CGNAT, link-local, loopback and benchmarking ranges.")
    var allowPublic = false

    @Option(help: ArgumentHelp("With --profile: lowest severity that makes the run fail (exit 1): critical, high, medium, low, info or none.", valueName: "severity"))
    var failOn: String = "high"

    @Option(help: ArgumentHelp("Report language with --profile: ja or en.", valueName: "lang"))
    var lang: String?

    static let listFormats = ["table", "json", "csv"]

    func validate() throws {
        if targets.isEmpty { throw ValidationError("give at least one TARGET (HOST[:PORT])") }
        for target in targets {
            do { _ = try TLSTargetSpec.parse(target) } catch { throw ValidationError("target '\(target)': \(error)") }
        }
        for value in resolve where TLSResolveOverride.parse(value) == nil {
            throw ValidationError("--resolve '\(value)' is not NAME:PORT:ADDRESS (ADDRESS an IPv4 or IPv6 literal)")
        }
        if starttls != "auto" && starttls != "none" && StartTLSProtocol(rawValue: starttls) == nil {
            throw ValidationError("--starttls must be auto, none, \(StartTLSProtocol.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if profile == nil && !TLSCommand.listFormats.contains(format) {
            throw ValidationError("--format '\(format)': without --profile use table, json or csv")
        }
        if profile != nil && !TLSCommand.listFormats.contains(format) && Reporters.named(format) == nil {
            throw ValidationError("--format '\(format)': use table, json, csv, \(Reporters.identifiers.joined(separator: ", "))")
        }
        if ledger != nil && profile == nil { throw ValidationError("--ledger needs --profile") }
        if !(0.1...120).contains(timeout) { throw ValidationError("--timeout must be between 0.1 and 120 seconds") }
        if !(1...256).contains(concurrency) { throw ValidationError("--concurrency must be between 1 and 256") }
        if !(1...64).contains(perEndpoint) { throw ValidationError("--per-endpoint must be between 1 and 64") }
        // Every connection is a descriptor: stay well inside the process limit, or EMFILE would turn into
        // missing verdicts.
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max,
           UInt64(concurrency * perEndpoint) > UInt64(limit.rlim_cur) / 2 {
            throw ValidationError("--concurrency × --per-endpoint (\(concurrency * perEndpoint)) exceeds half the open-file limit (\(limit.rlim_cur)); lower one or raise ulimit -n")
        }
        if !AuditCommand.failOnChoices.contains(failOn) {
            throw ValidationError("--fail-on '\(failOn)' is not one of \(AuditCommand.failOnChoices.joined(separator: ", "))")
        }
        if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be ja or en, not '\(lang)'") }
    }

    func run() throws {
        let date = ProfileDate.today()
        let loadedProfile = try profile.map { try ProfileLoading.load($0, today: date, otherwise: "nothing was probed") }
        let equipment = try ledger.map { try TLSCommand.loadLedger($0) }
        let store = try TLSCommand.trustStore(caFile: caFile, noSystemRoots: noSystemRoots, profile: loadedProfile)
        let resolvedTargets = try resolveTargets()

        let nowNanos = ReportClock.now()
        var options = TLSScanOptions(verifyTime: Int(nowNanos / 1_000_000_000))
        options.connectTimeout = .milliseconds(Int(timeout * 1000))
        options.readTimeout = .milliseconds(Int(timeout * 1000))
        options.endpointWidth = concurrency
        options.perEndpointWidth = perEndpoint
        options.trustStore = store
        // Ctrl-C: what was probed is still written, the rest reported as interrupted (exit 3).
        let stop = StopSignal()
        stop.install()
        options.stop = stop
        let progress = EndpointProgress(total: resolvedTargets.count)
        let endpoints = TLSScanner(options: options).scan(resolvedTargets) { endpoint in progress.done(endpoint) }
        progress.finish()

        var snapshot = Snapshot(generatedAt: Timestamp(nanoseconds: nowNanos),
                                sources: [Source(kind: .probe, name: "tls " + targets.joined(separator: " "))])
        snapshot.tls = TLSSnapshot(endpoints: endpoints.sorted(by: TLSCommand.endpointOrder))
        let failedProbes = endpoints.filter { !TLSCommand.probed($0) }
        for endpoint in failedProbes {
            AuditCommand.say("\(endpoint.address):\(endpoint.port): \(endpoint.status.rawValue)\(endpoint.error.map { ": \($0)" } ?? "")")
        }

        var fails = false
        if let loadedProfile {
            let now = Timestamp(nanoseconds: nowNanos)
            // Only what a TLS probe observes is judged here; the ledger, LAN and wireless rules belong to `audit`.
            let outcome = Auditor.audit(snapshot: snapshot, ledger: equipment, profile: loadedProfile, today: date, now: now,
                                        only: { $0.hasPrefix("tls.") || $0.hasPrefix("mail.") })
            let threshold = Severity(rawValue: failOn)
            var report = outcome.report(generatedAt: now, profile: loadedProfile,
                                        ledger: equipment.map { AuditReport.LedgerReference(path: ledger ?? "", assetCount: $0.assets.count) },
                                        inputs: [AuditReport.Input(kind: .probe, path: "tls " + targets.joined(separator: " "))],
                                        failOn: threshold ?? .critical, inventory: snapshot)
            if threshold == nil { report.summary.exitStatus = 0 }
            // The report states the exit code the process ends with: 3 when an endpoint could not be probed.
            if !failedProbes.isEmpty { report.summary.exitStatus = Int(ExitStatus.runtime.rawValue) }
            let language = lang.flatMap(Language.init(rawValue:)) ?? loadedProfile.metadata.language.flatMap(Language.init(rawValue:)) ?? .en
            let toTerminal = output == nil && isatty(STDOUT_FILENO) == 1
            let color = toTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let text: String
            switch format {
            case "table":
                text = TLSRenderer.table(snapshot.tls?.endpoints ?? [], now: now) + "\n"
                    + (try Reporters.render(report, format: "text", options: ReportOptions(language: language, color: color)))
            case "csv" where Reporters.named("csv") == nil:
                text = TLSRenderer.csv(snapshot.tls?.endpoints ?? [])
            default:
                text = try Reporters.render(report, format: format, options: ReportOptions(language: language, color: color))
            }
            try OutputFile.write(text, to: output)
            for rule in outcome.notEvaluated { AuditCommand.say("not evaluated: \(rule.description)") }
            fails = threshold.map { outcome.fails(at: $0) } ?? false
        } else {
            let text: String
            switch format {
            case "json": text = try TLSRenderer.json(snapshot)
            case "csv": text = TLSRenderer.csv(snapshot.tls?.endpoints ?? [])
            default: text = TLSRenderer.table(snapshot.tls?.endpoints ?? [], now: Timestamp(nanoseconds: nowNanos))
            }
            try OutputFile.write(text, to: output)
        }
        if !failedProbes.isEmpty { throw ExitCode(ExitStatus.runtime.rawValue) }
        if fails { throw ExitCode(ExitStatus.findings.rawValue) }
    }

    /// Probed means a TLS verdict exists: a handshake answered, or a STARTTLS server that does
    /// not offer STARTTLS (itself the fact mail.starttls_missing judges).
    static func probed(_ endpoint: TLSEndpoint) -> Bool {
        switch endpoint.status {
        case .ok: true
        case .noTLS: endpoint.plaintext.map { !$0.starttlsOffered } ?? false   // offered but TLS never reached: not assessed
        case .unreachable, .error: false
        }
    }

    /// IPv4 before IPv6, numerically within each family, then port and SNI: a total order, so output is stable.
    static func endpointOrder(_ a: TLSEndpoint, _ b: TLSEndpoint) -> Bool {
        func rank(_ text: String) -> (Int, UInt64, UInt64, String) {
            if let v4 = IPv4Address(text) { return (0, 0, UInt64(v4.rawValue), "") }
            if let v6 = IPv6Address(text) { return (1, v6.high, v6.low, "") }
            return (2, 0, 0, text)
        }
        if a.address != b.address { return rank(a.address) < rank(b.address) }
        if a.port != b.port { return a.port < b.port }
        return (a.sni ?? "") < (b.sni ?? "")
    }

    // MARK: Targets

    func resolveTargets() throws -> [TLSTarget] {
        let overrides = resolve.compactMap(TLSResolveOverride.parse)
        var result: [TLSTarget] = []
        for text in targets {
            let spec = try TLSTargetSpec.parse(text)
            let proto: StartTLSProtocol? = switch starttls {
            case "none": nil
            case "auto": StartTLSProtocol.defaultFor(port: spec.port)
            default: StartTLSProtocol(rawValue: starttls)
            }
            var addresses: [String]
            if spec.isAddress {
                addresses = [spec.host]
            } else if let forced = overrides.first(where: { $0.name == spec.host.lowercased() && $0.port == spec.port }) {
                addresses = [forced.address]
            } else {
                addresses = try TLSCommand.lookup(spec.host)
            }
            for address in addresses {
                guard allowPublic || TLSCommand.isNonPublic(address) else {
                    throw NetauditError.usage("\(text) (\(address)) is a public address; probing it needs --allow-public")
                }
                let name = sni ?? (spec.isAddress ? nil : spec.host)
                result.append(TLSTarget(host: spec.host, address: address, port: spec.port, serverName: name, starttls: proto))
            }
        }
        var seen = Set<TLSTarget>()
        return result.filter { seen.insert($0).inserted }
    }

    /// The system resolver, only for names the user typed and did not pin with --resolve.
    static func lookup(_ name: String) throws -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, nil, &hints, &list)
        guard status == 0, let first = list else {
            throw NetauditError.usage("cannot resolve \(name): \(String(cString: gai_strerror(status))) (give its address with --resolve \(name):PORT:ADDRESS)")
        }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(text) { addresses.append(text) }
            }
            cursor = entry.pointee.ai_next
        }
        // One address per name, as a browser would use: IPv4 first.
        return Array(addresses.sorted { ($0.contains(":") ? 1 : 0) < ($1.contains(":") ? 1 : 0) }.prefix(1))
    }

    /// Private, CGNAT, loopback, link-local and benchmarking ranges (IPv4 and IPv6).
    static func isNonPublic(_ address: String) -> Bool {
        if let v4 = IPv4Address(address) {
            return v4.rawValue >> 24 == 127 || ScanScope.nonPublicRanges.contains { $0.contains(v4) }
        }
        if let v6 = IPv6Address(address) {
            let top = v6.high >> 48
            if v6.high == 0 && v6.low == 1 { return true }                 // ::1
            if top & 0xFE00 == 0xFC00 { return true }                        // fc00::/7 unique local
            if top & 0xFFC0 == 0xFE80 { return true }                        // fe80::/10 link-local
            if top == 0x2001 && (v6.high >> 32) & 0xFFFF == 0x0002 && (v6.high >> 16) & 0xFFFF == 0 { return true } // 2001:2::/48
            return false
        }
        return false
    }

    // MARK: Trust, profile, ledger

    static func trustStore(caFile: String?, noSystemRoots: Bool, profile: ResolvedProfile?) throws -> TrustStore {
        var file = caFile
        var system = !noSystemRoots
        if file == nil, let rule = profile?.rule("tls.cert_untrusted") {
            if let bundle = rule.string("ca_bundle") {
                // Relative to the profile file, as the catalog documents.
                let base = profile.map { URL(fileURLWithPath: $0.file).deletingLastPathComponent().path } ?? "."
                file = bundle.hasPrefix("/") ? bundle : base + "/" + bundle
            }
            if let useSystem = rule.bool("use_system_roots"), !noSystemRoots { system = useSystem }
        }
        guard let file else {
            if !system { throw NetauditError.usage("--no-system-roots leaves nothing to trust: give --ca-file PEM") }
            return .system
        }
        let store = TrustStore.file(file, includeSystem: system)
        do {
            try store.check()
        } catch {
            throw NetauditError.usage("CA file \(file): \(error)")
        }
        return store
    }

    static func loadLedger(_ path: String) throws -> Ledger {
        do {
            return try LedgerReader.read(path: path, encoding: nil, import: nil)
        } catch {
            AuditCommand.say(error.description, prefixed: false)
            throw NetauditError.usage("cannot read the ledger \(path); nothing was probed")
        }
    }
}

/// `tls: 3/12 endpoints (198.18.0.10:443 ok)` on stderr while probing, when stderr is a terminal.
final class EndpointProgress: Sendable {
    let total: Int
    let enabled: Bool
    private let count = Mutex(0)

    init(total: Int, enabled: Bool = isatty(2) == 1) { self.total = total; self.enabled = enabled }

    func done(_ endpoint: TLSEndpoint) {
        guard enabled else { return }
        let n = count.withLock { value in value += 1; return value }
        FileHandle.standardError.write(Data("\r\u{1B}[2Ktls: \(n)/\(total) endpoints (\(endpoint.address):\(endpoint.port) \(endpoint.status.rawValue))".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
