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
        subcommands: [InventoryCommand.self, AuditCommand.self, LedgerCommand.self, ProfileCommand.self]
    )
}

@main
enum NetauditMain {
    static func main() async {
        do {
            var command = try Netaudit.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as NetauditError {
            FileHandle.standardError.write(Data("netaudit: error: \(error.message)\n".utf8))
            exit(error.code.rawValue)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
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
