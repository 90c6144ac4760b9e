import Foundation

/// A one-line progress bar on stderr for long capture files; silent when stderr is not a TTY.
final class ProgressBar {
    let enabled: Bool
    private var lastDraw: UInt64 = 0
    private var drawn = false
    private let started = DispatchTime.now().uptimeNanoseconds

    init(enabled: Bool = isatty(2) == 1) { self.enabled = enabled }

    func update(done: Int64, total: Int64?) {
        guard enabled, let total, total > 0 else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        // Redraw at most 10 times a second, and only for inputs that take a moment.
        guard now - lastDraw > 100_000_000, now - started > 300_000_000 || drawn else { return }
        lastDraw = now
        drawn = true
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let line = String(format: "\r[%@] %3.0f%%  %.0f/%.0f MB", bar, fraction * 100, Double(done) / 1e6, Double(total) / 1e6)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
