import Foundation
import Yams

/// The effective profile as `netaudit profile show` prints it: every enabled rule (optionally
/// every rule) with its parameters, each value with the file line it came from (or "catalog
/// default") and the citations that justify it.
public struct ProfileEffectiveDocument: Encodable, Sendable {
    public struct Origined<Value: Encodable & Sendable>: Encodable, Sendable {
        public let value: Value
        public let origin: String
    }

    public struct CitationEntry: Encodable, Sendable {
        public let document: String?
        public let section: String?
        public let quote: String?
        public let english: String?
        public let url: String?
        public let orgDecision: Bool?
        public let origin: String

        init(_ citation: ProfileLocated<Citation>) {
            document = citation.value.document; section = citation.value.section; quote = citation.value.quote
            english = citation.value.english; url = citation.value.url
            orgDecision = citation.value.orgDecision ? true : nil
            origin = citation.location.description
        }

        enum CodingKeys: String, CodingKey { case document, section, quote, english, url, orgDecision = "org_decision", origin }
    }

    public struct SiteEntry: Encodable, Sendable {
        public let name: String
        public let subnets: [String]
        public let description: String?
        public let origin: String
    }

    public struct SSIDEntry: Encodable, Sendable {
        public let name: String
        public let bssids: [String]
        public let confidential: Bool
        public let origin: String
    }

    public struct ScopeEntry: Encodable, Sendable {
        public let ipOnlyMatching: Origined<Bool>
        public let wirelessScope: Origined<String>
        public let sites: [SiteEntry]
        public let ssids: [SSIDEntry]
        public let citations: [CitationEntry]

        enum CodingKeys: String, CodingKey {
            case ipOnlyMatching = "ip_only_matching", wirelessScope = "wireless_scope", sites, ssids, citations
        }
    }

    public struct ParameterEntry: Encodable, Sendable {
        public let name: String
        public let value: ProfileValue
        public let origin: String
        /// Only citations beyond the rule's own (a parameter usually shares its rule's).
        public let citations: [CitationEntry]?
    }

    public struct RuleEntry: Encodable, Sendable {
        public let id: String
        public let family: String
        public let summary: String
        public let enabled: Origined<Bool>
        public let severity: Origined<String>
        public let allowExceptions: Bool
        public let origin: String
        public let note: String?
        public let params: [ParameterEntry]
        public let citations: [CitationEntry]

        enum CodingKeys: String, CodingKey {
            case id, family, summary, enabled, severity, allowExceptions = "allow_exceptions", origin, note, params, citations
        }
    }

    public struct ExceptionEntry: Encodable, Sendable {
        public let id: String
        public let rules: [String]
        public let match: [String: String]
        public let approver: String?
        public let approverRole: String?
        public let reason: String?
        public let approved: String?
        public let expires: String?
        public let approvalRef: String?
        /// `active`, `expired` or `not yet approved`, judged on the `today` given to `show`.
        public let status: String
        public let origin: String

        enum CodingKeys: String, CodingKey {
            case id, rules, match, approver, approverRole = "approver_role", reason, approved, expires,
                 approvalRef = "approval_ref", status, origin
        }
    }

    public let id: String
    public let title: String?
    public let language: String?
    public let source: ProfileSourceDocument?
    public let file: String
    public let chain: [String]
    public let notes: [String]
    public let scope: ScopeEntry
    public let approverRoles: Origined<[String]>?
    public let rules: [RuleEntry]
    public let exceptions: [ExceptionEntry]

    enum CodingKeys: String, CodingKey {
        case id, title, language, source, file, chain, notes, scope, approverRoles = "approver_roles", rules, exceptions
    }

    /// - Parameters:
    ///   - includeDisabled: also list rules the profile leaves disabled.
    ///   - today: the date exception status is judged on.
    public init(_ profile: ResolvedProfile, includeDisabled: Bool = false, today: ProfileDate = .today()) {
        id = profile.id
        title = profile.metadata.title
        language = profile.metadata.language
        source = profile.metadata.source
        file = profile.file
        chain = profile.chain
        notes = profile.metadata.notes
        scope = ScopeEntry(
            ipOnlyMatching: Origined(value: profile.scope.ipOnlyMatching, origin: profile.scope.ipOnlyMatchingOrigin.description),
            wirelessScope: Origined(value: profile.scope.wirelessScope.rawValue, origin: profile.scope.wirelessScopeOrigin.description),
            sites: profile.scope.sites.map {
                SiteEntry(name: $0.name.value, subnets: $0.subnets.map(\.value.description), description: $0.description,
                          origin: $0.location.description)
            },
            ssids: profile.scope.ssids.map {
                SSIDEntry(name: $0.name.value, bssids: $0.bssids.map(\.value.description), confidential: $0.confidential,
                          origin: $0.location.description)
            },
            citations: profile.scope.citations.map(CitationEntry.init))
        approverRoles = profile.approverRoles.map { Origined(value: $0.value, origin: $0.location.description) }
        rules = profile.rules.filter { includeDisabled || $0.enabled }.map { rule in
            RuleEntry(
                id: rule.id, family: rule.entry.family.rawValue, summary: rule.entry.summary.en,
                enabled: Origined(value: rule.enabled, origin: rule.enabledOrigin.description),
                severity: Origined(value: rule.severity.rawValue, origin: rule.severityOrigin.description),
                allowExceptions: rule.allowsExceptions, origin: rule.origin.description, note: rule.note,
                params: rule.parameters.map { parameter in
                    let own = parameter.citations.filter { !rule.citations.contains($0) }
                    return ParameterEntry(name: parameter.name, value: parameter.value, origin: parameter.origin.description,
                                          citations: own.isEmpty ? nil : own.map(CitationEntry.init))
                },
                citations: rule.citations.map(CitationEntry.init))
        }
        exceptions = profile.exceptions.map { exception in
            var match: [String: String] = [:]
            if let value = exception.match.mac { match["mac"] = value.value.description }
            if let value = exception.match.ip { match["ip"] = value.value.description }
            if let value = exception.match.assetID { match["asset_id"] = value }
            if let value = exception.match.endpoint { match["endpoint"] = value.value.description }
            if let value = exception.match.bssid { match["bssid"] = value.value.description }
            if let value = exception.match.ssid { match["ssid"] = value }
            let status: String
            if let approved = exception.approved, today < approved.value {
                status = "not yet approved"
            } else {
                status = exception.isActive(on: today) ? "active" : "expired"
            }
            return ExceptionEntry(
                id: exception.id.value, rules: exception.rules.map(\.value), match: match, approver: exception.approver,
                approverRole: exception.approverRole?.value, reason: exception.reason,
                approved: exception.approved?.value.description, expires: exception.expires?.value.description,
                approvalRef: exception.approvalRef, status: status, origin: exception.location.description)
        }
    }

    /// Pretty-printed JSON with stable key order.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// YAML in declaration order, Japanese left readable.
    public func yaml() throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.allowUnicode = true
        encoder.options.width = -1
        return try encoder.encode(self)
    }
}
