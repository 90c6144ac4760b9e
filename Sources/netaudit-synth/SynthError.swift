#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure reported as one line on stderr; the exit codes match `netaudit`'s.
struct SynthError: Error, CustomStringConvertible {
    enum Kind { case usage, runtime }
    var kind: Kind
    var message: String

    static func usage(_ message: String) -> SynthError { SynthError(kind: .usage, message: message) }
    static func runtime(_ message: String) -> SynthError { SynthError(kind: .runtime, message: message) }

    /// Wraps the current `errno` with what we were doing and the path involved.
    static func system(_ what: String, path: String) -> SynthError {
        let reason = String(cString: strerror(errno))
        return .runtime("cannot \(what) \(path): \(reason)")
    }

    var exitCode: Int32 { kind == .usage ? 2 : 3 }
    var description: String { message }
}
