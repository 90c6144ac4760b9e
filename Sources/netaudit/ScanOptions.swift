import ArgumentParser
import Probes

/// The active-scan options, shared by `netaudit scan` and `netaudit audit --scan`, so both
/// commands take the same flags with the same defaults and the same safety checks.
struct ScanOptions: ParsableArguments {
    @Option(name: [.customShort("i"), .long], help: ArgumentHelp("Interface to scan from (needs root or CAP_NET_RAW).", valueName: "if"))
    var interface: String?

    @Option(name: .long, help: ArgumentHelp("Target CIDRs or addresses, comma-separated.", valueName: "cidr,…"))
    var targets: String?

    @Option(name: .long, help: ArgumentHelp("TCP ports, comma-separated (ranges a-b allowed; default: \(ScanOptions.defaultPorts)).", valueName: "list"))
    var ports: String?

    @Flag(name: .long, help: "TCP connect scan even when privileged (default: SYN scan with root or CAP_NET_RAW).")
    var connect = false

    @Flag(name: .long, help: "ARP sweep only: check no ports (same as --ports '').")
    var noPorts = false

    @Flag(name: .long, help: "Also find IPv6 neighbours: ICMPv6 echo to ff02::1 on the link (link scope only).")
    var ipv6 = false

    @Option(name: .long, help: ArgumentHelp("Global probe rate limit, packets per second (default \(Int(RateLimiter.defaultRate))).", valueName: "pps"))
    var rate: Double?

    @Option(name: .long, help: ArgumentHelp("CIDRs or addresses never to address, comma-separated.", valueName: "cidr,…"))
    var exclude: String?

    @Flag(name: .long, help: "Allow targets outside private, CGNAT, link-local and benchmarking ranges.")
    var allowPublic = false

    @Option(name: .long, help: "Refuse scopes with more addresses than this (default \(ScanScope.defaultMaxTargets)).")
    var maxTargets: Int?

    @Flag(name: .long, help: "Print the scan plan and exit without sending anything.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("Keep listening passively this long after the probes (default 2).", valueName: "seconds"))
    var passiveSeconds: Double?

    @Option(name: .long, help: ArgumentHelp("Drop root to this user once the capture and injection handles are open.", valueName: "user"))
    var user: String?

    static let defaultPorts = TCPScanOptions.defaultPorts.map(String.init).joined(separator: ",")
    /// The highest explicit --rate accepted (the default stays RateLimiter.defaultRate, 2000 pps).
    static let maxRate = 1_000_000.0

    func validate() throws {
        if let rate, !(rate > 0 && rate <= ScanOptions.maxRate) { throw ValidationError("--rate must be in 0<…≤\(Int(ScanOptions.maxRate))") }
        if let maxTargets, maxTargets <= 0 { throw ValidationError("--max-targets must be positive") }
        if let passiveSeconds, passiveSeconds < 0 { throw ValidationError("--passive-seconds must not be negative") }
        if noPorts, ports != nil { throw ValidationError("--no-ports and --ports are exclusive") }
    }

    /// The flags given on the command line, for commands that accept them only in scan mode.
    var given: [String] {
        [(interface != nil, "--interface"), (targets != nil, "--targets"), (ports != nil, "--ports"), (connect, "--connect"), (noPorts, "--no-ports"), (ipv6, "--ipv6"), (rate != nil, "--rate"),
         (exclude != nil, "--exclude"), (allowPublic, "--allow-public"), (maxTargets != nil, "--max-targets"),
         (dryRun, "--dry-run"), (passiveSeconds != nil, "--passive-seconds"), (user != nil, "--user")]
            .filter(\.0).map(\.1)
    }

    /// Checks that a scan is fully specified (`command` names who asks, for the message).
    func requireTargets(_ command: String) throws {
        if interface == nil { throw ValidationError("\(command) needs --interface IF") }
        if targets == nil { throw ValidationError("\(command) needs --targets CIDR[,…]") }
    }

    /// The run these options describe, with every default filled in.
    func activeRun(ouiDir: String) -> ActiveRun? {
        guard let interface, let targets else { return nil }
        return ActiveRun(interface: interface, targets: targets, ports: noPorts ? "" : ports ?? ScanOptions.defaultPorts,
                         rate: rate ?? RateLimiter.defaultRate, exclude: exclude, allowPublic: allowPublic,
                         maxTargets: maxTargets ?? ScanScope.defaultMaxTargets, passiveSeconds: passiveSeconds ?? 2,
                         user: user, ouiDir: ouiDir, connectOnly: connect, ipv6: ipv6)
    }
}
