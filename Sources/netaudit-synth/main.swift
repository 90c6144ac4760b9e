// netaudit-synth: deterministic synthetic captures for the demo, the tests and
// the benchmark. It only writes files; it never opens a socket.
import Foundation

func writeTextFile(_ data: Data, to path: String) throws(SynthError) {
    do {
        try data.write(to: URL(fileURLWithPath: path))
    } catch {
        throw SynthError.runtime("cannot write \(path): \(error.localizedDescription)")
    }
}

func encodeTruth(_ truth: Truth) throws(SynthError) -> Data {
    do { return try truth.jsonData() } catch { throw SynthError.runtime("cannot encode the truth file: \(error)") }
}

func runCommand(_ command: Command) throws(SynthError) {
    switch command {
    case .help:
        print(usageText)
    case .version:
        print("netaudit-synth \(synthVersion)")
    case .office(let o):
        let writer = try CaptureWriter(path: o.output, format: o.format, applicationName: "netaudit-synth \(synthVersion)",
                                       interfaceName: "office")
        let result: OfficeScenario.Result
        do { result = try OfficeScenario(seed: o.seed).run(writer: writer, format: o.format) } catch { writer.abandon(); throw error }
        if let t = o.truth { try writeTextFile(try encodeTruth(result.truth), to: t) }
        if let l = o.ledger { try writeTextFile(Data(result.ledgerCSV.utf8), to: l) }
    case .bench(let b):
        let writer = try CaptureWriter(path: b.output, format: b.format, applicationName: "netaudit-synth \(synthVersion)",
                                       interfaceName: "bench")
        let truth: Truth
        do {
            truth = try BenchScenario(seed: b.seed, deviceCount: b.devices, targetBytes: b.sizeMiB << 20).run(writer: writer, format: b.format)
        } catch { writer.abandon(); throw error }
        if let t = b.truth { try writeTextFile(try encodeTruth(truth), to: t) }
    case .wifi(let w):
        let writer = try CaptureWriter(path: w.output, format: w.format, applicationName: "netaudit-synth \(synthVersion)",
                                       interfaceName: "wlan0mon", linkType: CaptureWriter.linkTypeRadiotap)
        do { _ = try WifiScenario(seed: w.seed, bssCount: w.bsses, frameCount: w.frames).run(writer: writer) } catch { writer.abandon(); throw error }
    }
}

do {
    try runCommand(try ArgumentParser.parse(Array(CommandLine.arguments.dropFirst())))
} catch {
    FileHandle.standardError.write(Data("netaudit-synth: error: \(error.message)\n".utf8))
    if error.kind == .usage { FileHandle.standardError.write(Data("run 'netaudit-synth --help' for usage\n".utf8)) }
    exit(error.exitCode)
}
