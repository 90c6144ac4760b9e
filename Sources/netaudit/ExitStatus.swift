import ArgumentParser

/// The documented, stable exit codes.
enum ExitStatus: Int32 {
    case clean = 0
    case findings = 1
    case usage = 2
    case runtime = 3
}

/// An error the CLI reports as one line on stderr with a chosen exit code.
struct NetauditError: Error, CustomStringConvertible {
    var message: String
    var code: ExitStatus
    init(_ message: String, code: ExitStatus) { self.message = message; self.code = code }
    static func usage(_ message: String) -> NetauditError { NetauditError(message, code: .usage) }
    static func runtime(_ message: String) -> NetauditError { NetauditError(message, code: .runtime) }
    var description: String { message }
}
