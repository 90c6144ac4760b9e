import ArgumentParser

struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inventory", abstract: "(not yet implemented)")
    func run() async throws { throw NetauditError.runtime("not yet implemented") }
}
