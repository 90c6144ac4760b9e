import Snapshot

/// How bad a finding is; ordered so that `--fail-on high` means "high or worse".
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    public var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Where a rule's setting comes from: a clause of a source policy document, a public
/// good-practice source, or an explicit organisational decision where the documents give no value.
public struct Citation: Codable, Sendable, Equatable, Hashable {
    /// Seed document file name (e.g. `000_527d28aceaa6f465.txt`) or a public source's title.
    public var document: String?
    /// Section as the document numbers it, e.g. `5.1.3`, `Ch8 §2`.
    public var section: String?
    /// The original Japanese wording, quoted exactly.
    public var quote: String?
    /// English rendering of the quote.
    public var english: String?
    /// A public source's address (for `recommended` settings).
    public var url: String?
    /// True where the documents give no value and the organisation decides.
    public var orgDecision: Bool

    public init(document: String? = nil, section: String? = nil, quote: String? = nil, english: String? = nil,
                url: String? = nil, orgDecision: Bool = false) {
        self.document = document; self.section = section; self.quote = quote; self.english = english
        self.url = url; self.orgDecision = orgDecision
    }

    enum CodingKeys: String, CodingKey { case document, section, quote, english, url, orgDecision = "org_decision" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        document = try c.decodeIfPresent(String.self, forKey: .document)
        section = try c.decodeIfPresent(String.self, forKey: .section)
        quote = try c.decodeIfPresent(String.self, forKey: .quote)
        english = try c.decodeIfPresent(String.self, forKey: .english)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        orgDecision = try c.decodeIfPresent(Bool.self, forKey: .orgDecision) ?? false
    }
}

/// What a finding is about.
public struct Subject: Codable, Sendable, Equatable, Hashable {
    public enum Kind: String, Codable, Sendable { case device, endpoint, bss, asset, network, profile }
    public var kind: Kind
    public var mac: String?
    public var ip: String?
    public var vlan: Int?
    /// host:port for TLS and service endpoints.
    public var endpoint: String?
    public var bssid: String?
    public var assetID: String?
    /// Server name (SNI) a TLS endpoint was reached with; several names can share one `endpoint`.
    public var sni: String?

    public init(kind: Kind, mac: String? = nil, ip: String? = nil, vlan: Int? = nil, endpoint: String? = nil,
                bssid: String? = nil, assetID: String? = nil, sni: String? = nil) {
        self.kind = kind; self.mac = mac; self.ip = ip; self.vlan = vlan; self.endpoint = endpoint
        self.bssid = bssid; self.assetID = assetID; self.sni = sni
    }

    enum CodingKeys: String, CodingKey { case kind, mac, ip, vlan, endpoint, bssid, assetID = "asset_id", sni }

    /// A short human label: the most specific identifier available.
    public var label: String {
        if let endpoint { return sni.map { "\(endpoint) (SNI \($0))" } ?? endpoint }
        if let bssid { return bssid }
        var parts: [String] = []
        if let mac { parts.append(mac) }
        if let ip { parts.append(ip) }
        if let assetID { parts.append("asset \(assetID)") }
        if let vlan { parts.append("vlan \(vlan)") }
        return parts.isEmpty ? kind.rawValue : parts.joined(separator: " ")
    }
}

/// A message in both languages the reports speak.
public struct LocalizedText: Codable, Sendable, Equatable, Hashable {
    public var en: String
    public var ja: String
    public init(en: String, ja: String) { self.en = en; self.ja = ja }
    public func text(_ lang: Language) -> String { lang == .ja ? ja : en }
}

public enum Language: String, Codable, Sendable, CaseIterable { case en, ja }

/// One observed fact that the profile says is not allowed.
public struct Finding: Codable, Sendable, Equatable {
    public var ruleID: String
    public var severity: Severity
    public var subject: Subject
    public var message: LocalizedText
    /// What was observed: short facts, each with its evidence pointer when there is one.
    public var evidence: [FindingEvidence]
    public var citations: [Citation]
    public var remediation: LocalizedText
    /// Stable across runs for the same rule and subject: used by baselines and suppressions.
    public var fingerprint: String
    /// Set when an exception or baseline covers it (kept in JSON output for the record).
    public var suppression: SuppressionNote?

    public init(ruleID: String, severity: Severity, subject: Subject, message: LocalizedText, evidence: [FindingEvidence],
                citations: [Citation], remediation: LocalizedText, fingerprint: String, suppression: SuppressionNote? = nil) {
        self.ruleID = ruleID; self.severity = severity; self.subject = subject; self.message = message
        self.evidence = evidence; self.citations = citations; self.remediation = remediation
        self.fingerprint = fingerprint; self.suppression = suppression
    }

    enum CodingKeys: String, CodingKey {
        case ruleID = "rule_id", severity, subject, message, evidence, citations, remediation, fingerprint, suppression
    }
}

public struct FindingEvidence: Codable, Sendable, Equatable {
    public var fact: String
    public var observedAt: Timestamp?
    /// Capture file, probe, ledger file:line, or profile file.
    public var source: String?
    public var packet: Int?
    public init(fact: String, observedAt: Timestamp? = nil, source: String? = nil, packet: Int? = nil) {
        self.fact = fact; self.observedAt = observedAt; self.source = source; self.packet = packet
    }
    enum CodingKeys: String, CodingKey { case fact, observedAt = "observed_at", source, packet }
}

public struct SuppressionNote: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case exception, baseline }
    public var kind: Kind
    public var approver: String?
    public var reason: String?
    public var expires: String?
    public init(kind: Kind, approver: String? = nil, reason: String? = nil, expires: String? = nil) {
        self.kind = kind; self.approver = approver; self.reason = reason; self.expires = expires
    }
}
