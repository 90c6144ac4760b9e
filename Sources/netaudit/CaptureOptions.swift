import ArgumentParser

/// Where frames come from: capture files or one live interface. Shared by `inventory` and `audit`.
struct CaptureOptions: ParsableArguments {
    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Capture files (pcap or pcapng), read in order; - for stdin.", valueName: "file"))
    var pcap: [String] = []

    @Option(name: [.customShort("i"), .long], help: ArgumentHelp("Capture live from this interface (needs root or CAP_NET_RAW).", valueName: "if"))
    var interface: String?

    @Option(name: .long, help: ArgumentHelp("BPF filter expression, as in tcpdump.", valueName: "expr"))
    var filter: String?

    @Flag(inversion: .prefixedNo, help: "Put the interface in promiscuous mode.")
    var promisc = true

    @Option(name: .long, help: "Snapshot length for live capture, in bytes.")
    var snaplen: Int32 = 262_144

    @Option(name: .long, help: ArgumentHelp("Stop a live capture after this many seconds.", valueName: "seconds"))
    var duration: Double?

    @Option(name: [.customShort("c"), .long], help: "Stop after this many packets.")
    var count: Int?

    @Option(name: .long, help: ArgumentHelp("Drop root to this user once the interface is open.", valueName: "user"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("Directory with the IEEE registry CSVs (Debian's ieee-data).", valueName: "dir"))
    var ouiDir: String = "/usr/share/ieee-data"

    func validate() throws {
        if pcap.isEmpty && interface == nil { throw ValidationError("give --pcap FILE… or --interface IF") }
        if !pcap.isEmpty && interface != nil { throw ValidationError("--pcap and --interface are exclusive") }
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
        if let count, count <= 0 { throw ValidationError("--count must be positive") }
        if snaplen < 64 { throw ValidationError("--snaplen must be at least 64") }
        if user != nil && interface == nil { throw ValidationError("--user applies to live capture (--interface)") }
    }
}
