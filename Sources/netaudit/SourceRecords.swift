import Capture
import Snapshot

/// Turns what the capture session reports about each input into the snapshot's `sources`, plus the
/// located problems to print; shared by every command that reads captures, so they all word damage
/// the same way and give it the same exit code.
struct SourceRecords {
    var sources: [Source] = []
    /// `error: …` lines, already formatted for stderr.
    var problems: [String] = []
    /// Some input was unreadable or damaged (exit 2 once the output is written).
    var damaged = false

    /// - Throws: `NetauditError` with exit 3 when an input failed for a runtime reason (permission denied).
    init(_ reports: [SourceReport]) throws {
        for r in reports {
            let kind: Source.Kind = r.isFile ? (r.name == "-" ? .stdin : .file) : .interface
            var source = Source(kind: kind, name: r.name, linkType: r.linkTypeName, packets: r.packets, bytes: r.bytes)
            if let e = r.openError {
                if e.kind == .runtime { throw NetauditError(e.message, code: .runtime) }
                source.error = SourceError(packet: 0, message: e.message)
                problems.append("error: \(e.message)")
                damaged = true
            } else if case .damaged(let packet, let message) = r.outcome {
                source.error = SourceError(packet: packet, message: message)
                problems.append("error: \(r.name): damaged at packet \(packet): \(message); \(r.packets) packets before it were used")
                damaged = true
            }
            sources.append(source)
        }
    }
}
