extension RuleCatalog {
    /// The families rules are grouped in; a rule id starts with its family name.
    public enum Family: String, Sendable, CaseIterable, Codable {
        case ledger, lan, services, tls, mail, wireless
    }

    /// Everything the engine knows about one rule id before any profile is applied.
    public struct Entry: Sendable, Equatable {
        /// Stable id, e.g. `tls.cert_expiring`; part of the finding fingerprint.
        public let id: String
        public let family: Family
        public let defaultSeverity: Severity
        /// One line in English and Japanese.
        public let summary: LocalizedText
        public let parameters: [Parameter]

        public init(_ id: String, _ family: Family, _ severity: Severity, en: String, ja: String, _ parameters: [Parameter] = []) {
            self.id = id; self.family = family; self.defaultSeverity = severity
            self.summary = LocalizedText(en: en, ja: ja); self.parameters = parameters
        }

        public func parameter(_ name: String) -> Parameter? { parameters.first { $0.name == name } }
    }
}
