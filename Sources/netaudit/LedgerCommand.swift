import ArgumentParser

/// `netaudit ledger`: commands on the IT equipment ledger (社内 IT 機材管理 台帳).
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Check the IT equipment ledger (CSV).",
        subcommands: [LedgerCheckCommand.self])
}
