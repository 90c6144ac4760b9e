/// The command line, parsed by hand: the target may depend on nothing but NetAddress.
enum Command {
    case office(OfficeOptions)
    case bench(BenchOptions)
    case wifi(WifiOptions)
    case help
    case version
}

struct OfficeOptions {
    var output: String
    var format: CaptureFormat = .pcap
    var seed: UInt64 = 1
    var truth: String?
    var ledger: String?
}

struct BenchOptions {
    var output: String
    var format: CaptureFormat = .pcap
    var sizeMiB: Int
    var devices = 300
    var seed: UInt64 = 1
    var truth: String?
}

struct WifiOptions {
    var output: String
    var format: CaptureFormat = .pcap
    var frames = 1_000_000
    var bsses = 2_000
    var seed: UInt64 = 1
}

let synthVersion = "0.1.0"

let usageText = """
usage: netaudit-synth office --output FILE [--format pcap|pcapng] [--seed N]
                             [--truth FILE.json] [--ledger FILE.csv]
       netaudit-synth bench --output FILE --size-mb N [--devices N] [--format pcap|pcapng]
                            [--seed N] [--truth FILE.json]
       netaudit-synth wifi --output FILE [--frames N] [--bsses N] [--format pcap|pcapng] [--seed N]
       netaudit-synth --help | --version

Writes deterministic synthetic Ethernet captures (lab addresses in 198.18.0.0/15
only); the same arguments always produce byte-identical files. It sends nothing.

  office     a small office LAN (~20 devices, one VLAN) with planted anomalies;
             --truth writes what the frames encode, --ledger a matching IT
             equipment ledger with five planted differences
  bench      a large mixed capture of at least N MiB (1 MiB = 1,048,576 bytes)
             from a fixed set of --devices stations (default 300, 16-6000)

  wifi       an 802.11 monitor-mode capture (radiotap) of N frames (default 1,000,000):
             beacons and probe responses of --bsses BSSs (default 2000, 12-60000)
             covering every security class, WPS states, hidden SSIDs

  --output   capture file, or - for standard output
  --format   pcap (nanosecond timestamps, the default) or pcapng
  --seed     unsigned 64-bit seed (default 1)

Exit status: 0 written, 2 usage error, 3 I/O failure.
"""

enum ArgumentParser {
    /// Parses `arguments` (without the program name). Accepts `--flag value` and `--flag=value`.
    static func parse(_ arguments: [String]) throws(SynthError) -> Command {
        guard let first = arguments.first else { throw SynthError.usage("missing command (office or bench)") }
        switch first {
        case "-h", "--help", "help": return .help
        case "--version": return .version
        case "office", "bench", "wifi": break
        default: throw SynthError.usage("unknown command '\(first)' (expected office, bench or wifi)")
        }

        let allowed: Set<String> = first == "office"
            ? ["--output", "--format", "--seed", "--truth", "--ledger"]
            : first == "wifi" ? ["--output", "--format", "--seed", "--frames", "--bsses"]
            : ["--output", "--format", "--seed", "--truth", "--size-mb", "--devices"]
        var values: [String: String] = [:]
        var i = 1
        while i < arguments.count {
            let arg = arguments[i]
            if arg == "-h" || arg == "--help" { return .help }
            guard arg.hasPrefix("--") else { throw SynthError.usage("unexpected argument '\(arg)'") }
            var name = arg, value: String?
            if let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                value = String(arg[arg.index(after: eq)...])
            }
            guard allowed.contains(name) else { throw SynthError.usage("unknown option '\(name)' for \(first)") }
            if value == nil {
                // "--output --seed 3" is a forgotten value, not a file named "--seed".
                guard i + 1 < arguments.count, !arguments[i + 1].hasPrefix("--") else {
                    throw SynthError.usage("option \(name) needs a value")
                }
                i += 1
                value = arguments[i]
            }
            guard values[name] == nil else { throw SynthError.usage("option \(name) given twice") }
            guard let v = value, !v.isEmpty else { throw SynthError.usage("option \(name) needs a non-empty value") }
            values[name] = v
            i += 1
        }

        guard let output = values["--output"] else { throw SynthError.usage("\(first) needs --output FILE") }
        var format = CaptureFormat.pcap
        if let f = values["--format"] {
            guard let parsed = CaptureFormat(rawValue: f) else { throw SynthError.usage("--format must be pcap or pcapng, not '\(f)'") }
            format = parsed
        }
        var seed: UInt64 = 1
        if let s = values["--seed"] {
            guard let parsed = UInt64(s) else { throw SynthError.usage("--seed must be an unsigned 64-bit integer, not '\(s)'") }
            seed = parsed
        }
        let outputs = [output, values["--truth"], values["--ledger"]].compactMap { $0 }.filter { $0 != "-" }
        guard Set(outputs).count == outputs.count else { throw SynthError.usage("--output, --truth and --ledger must be different files") }

        if first == "office" {
            return .office(OfficeOptions(output: output, format: format, seed: seed, truth: values["--truth"], ledger: values["--ledger"]))
        }
        if first == "wifi" {
            var options = WifiOptions(output: output, format: format, seed: seed)
            if let f = values["--frames"] {
                guard let n = Int(f), (1...100_000_000).contains(n) else {
                    throw SynthError.usage("--frames must be a whole number from 1 to 100000000, not '\(f)'")
                }
                options.frames = n
            }
            if let b = values["--bsses"] {
                guard let n = Int(b), (WifiScenario.minimumBSSes...WifiScenario.maximumBSSes).contains(n) else {
                    throw SynthError.usage("--bsses must be a whole number from \(WifiScenario.minimumBSSes) to \(WifiScenario.maximumBSSes), not '\(b)'")
                }
                options.bsses = n
            }
            return .wifi(options)
        }
        guard let sizeText = values["--size-mb"] else { throw SynthError.usage("bench needs --size-mb N") }
        guard let size = Int(sizeText), (1...1_048_576).contains(size) else {
            throw SynthError.usage("--size-mb must be a whole number from 1 to 1048576, not '\(sizeText)'")
        }
        var devices = 300
        if let d = values["--devices"] {
            guard let parsed = Int(d), (BenchScenario.minimumDevices...BenchScenario.maximumDevices).contains(parsed) else {
                throw SynthError.usage("--devices must be a whole number from \(BenchScenario.minimumDevices) to \(BenchScenario.maximumDevices), not '\(d)'")
            }
            devices = parsed
        }
        return .bench(BenchOptions(output: output, format: format, sizeMiB: size, devices: devices, seed: seed, truth: values["--truth"]))
    }
}
