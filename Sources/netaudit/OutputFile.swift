import Foundation

/// Writes command output: to stdout, or to a file atomically (temp file + rename), so a
/// crash, a full disk or SIGINT never leaves a half-written report behind.
enum OutputFile {
    static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        if path == "/dev/null" { return }
        let url = URL(fileURLWithPath: path)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw NetauditError.runtime("cannot write \(path): \((error as NSError).localizedDescription)")
        }
    }
}

/// The time a report is stamped with: `SOURCE_DATE_EPOCH` when set (reproducible output), else now.
enum ReportClock {
    static func now() -> Int64 {
        if let s = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let v = Int64(s) { return v * 1_000_000_000 }
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
