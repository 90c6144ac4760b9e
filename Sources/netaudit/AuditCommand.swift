import ArgumentParser

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "(not yet implemented)")
    func run() async throws { throw NetauditError.runtime("not yet implemented") }
}
