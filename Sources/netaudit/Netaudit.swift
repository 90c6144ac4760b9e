/// `netaudit`: the thin command-line front end. Each subcommand lives in its own
/// file; commands parse, call into the library modules, print and pick an exit code.
import ArgumentParser
import Foundation
import Snapshot

struct Netaudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netaudit",
        abstract: "Inventory, audit and evidence for a LAN against its written security policy.",
        discussion: """
        Exit codes (stable):
          0  clean: no finding at or above --fail-on
          1  findings at or above --fail-on
          2  usage or input error (bad arguments, profile, ledger or capture)
          3  runtime failure (interface, permission, disk)
        """,
        version: NetauditVersion.string,
        subcommands: [InventoryCommand.self, ScanCommand.self, WifiCommand.self, TLSCommand.self, AuditCommand.self, LedgerCommand.self, ProfileCommand.self]
    )
}

@main
enum NetauditMain {
    /// Synchronous on purpose: with an `async` main the main thread parks in the executor where a
    /// later `setuid` (the `--user` privilege drop) does not reach it, leaving the process's main
    /// thread, and so its uid in /proc, as root. The command runs on a detached task instead.
    static func main() {
        let outcome = CommandOutcome()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                var command = try Netaudit.parseAsRoot()
                if var asyncCommand = command as? AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            } catch {
                outcome.set(error)
            }
            done.signal()
        }
        done.wait()
        guard let error = outcome.error else { exit(0) }
        switch error {
        case let error as NetauditError:
            FileHandle.standardError.write(Data("netaudit: error: \(error.message)\n".utf8))
            exit(error.code.rawValue)
        case let code as ExitCode:
            exit(code.rawValue)
        default:
            let code = Netaudit.exitCode(for: error)
            let message = Netaudit.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            // Argument parser errors are usage errors (2), whatever ArgumentParser's default.
            exit(code == .validationFailure || code == .failure ? ExitStatus.usage.rawValue : code.rawValue)
        }
    }
}

/// Carries the command's error from the detached task back to `main`.
final class CommandOutcome: @unchecked Sendable {
    // @unchecked: written once by the task before it signals, read by main after waiting.
    private(set) var error: Error?
    func set(_ error: Error) { self.error = error }
}
