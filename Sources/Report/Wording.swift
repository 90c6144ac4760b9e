import Policy

/// Words and phrases shared by the reporters, in both report languages, so that every format calls
/// the same thing by the same name.
enum Wording {
    static let evidence = LocalizedText(en: "evidence", ja: "証跡")
    static let citation = LocalizedText(en: "citation", ja: "根拠")
    static let remediation = LocalizedText(en: "remediation", ja: "是正")
    static let suppressed = LocalizedText(en: "Suppressed", ja: "抑止済み")
    static let active = LocalizedText(en: "Active", ja: "未対応")
    static let packet = LocalizedText(en: "packet", ja: "パケット")
    static let orgDecision = LocalizedText(en: "organisational decision", ja: "組織の決定")
    static let exception = LocalizedText(en: "exception", ja: "例外")
    static let baseline = LocalizedText(en: "baseline", ja: "ベースライン")
    static let approvedBy = LocalizedText(en: "approved by", ja: "承認")
    static let expires = LocalizedText(en: "expires", ja: "期限")
    static let failed = LocalizedText(en: "FAIL", ja: "不合格")
    static let passed = LocalizedText(en: "PASS", ja: "合格")
}

extension Severity {
    /// The severities from most to least severe: the order reports group and count them in.
    static let descending: [Severity] = [.critical, .high, .medium, .low, .info]

    /// Upper-case English name: the same in both languages so logs and CI output stay greppable.
    var tag: String { rawValue.uppercased() }

    /// Display name in both languages.
    var title: LocalizedText {
        switch self {
        case .critical: LocalizedText(en: "Critical", ja: "重大")
        case .high: LocalizedText(en: "High", ja: "高")
        case .medium: LocalizedText(en: "Medium", ja: "中")
        case .low: LocalizedText(en: "Low", ja: "低")
        case .info: LocalizedText(en: "Info", ja: "情報")
        }
    }
}

/// Plain-text renderings of the finding parts every format shows.
enum Describe {
    /// `000_527d28aceaa6f465.txt §5.1.3 「認証方式は、WPA2-PSK方式とする」 (Wireless authentication is WPA2-PSK.)`;
    /// the English rendering is added only in English, and the URL only when `includeURL` (HTML leaves
    /// remote addresses out entirely).
    static func citation(_ citation: Citation, _ language: Language, includeURL: Bool = true) -> String {
        var parts: [String] = []
        if citation.orgDecision { parts.append(Wording.orgDecision.text(language) + ":") }
        if let document = citation.document { parts.append(document) }
        if let section = citation.section { parts.append("§" + section) }
        if let quote = citation.quote { parts.append("「" + quote + "」") }
        // A Japanese report shows the English rendering only when there is no quote to show
        // (an organisational decision's rationale is written in English by its author).
        if language == .en || citation.quote == nil, let english = citation.english {
            parts.append(citation.quote == nil ? english : "(" + english + ")")
        }
        if includeURL, let url = citation.url { parts.append("<" + url + ">") }
        return parts.joined(separator: " ")
    }

    /// The short `document §section` form used where space is tight (CSV, JUnit attributes).
    static func citationReference(_ citation: Citation, _ language: Language) -> String {
        var parts: [String] = []
        if let document = citation.document { parts.append(document) }
        if let section = citation.section { parts.append("§" + section) }
        if parts.isEmpty { parts.append(citation.url ?? (citation.orgDecision ? Wording.orgDecision.text(language) : "?")) }
        return parts.joined(separator: " ")
    }

    /// `fact (captures/office.pcap, packet 12, 2026-11-21T09:58:03Z)`.
    static func evidence(_ evidence: FindingEvidence, _ language: Language) -> String {
        let pointer = evidencePointer(evidence, language)
        return pointer.isEmpty ? evidence.fact : evidence.fact + " (" + pointer + ")"
    }

    /// The source, packet and time of one piece of evidence, or "" when it has none.
    static func evidencePointer(_ evidence: FindingEvidence, _ language: Language) -> String {
        var parts: [String] = []
        if let source = evidence.source { parts.append(source) }
        if let packet = evidence.packet { parts.append(Wording.packet.text(language) + " " + String(packet)) }
        if let observedAt = evidence.observedAt { parts.append(observedAt.description) }
        return parts.joined(separator: ", ")
    }

    /// `exception (approved by 情報セキュリティ責任者, expires 2027-03-31): reason`.
    static func suppression(_ note: SuppressionNote, _ language: Language) -> String {
        var out = (note.kind == .exception ? Wording.exception : Wording.baseline).text(language)
        var details: [String] = []
        if let approver = note.approver { details.append(Wording.approvedBy.text(language) + " " + approver) }
        if let expires = note.expires { details.append(Wording.expires.text(language) + " " + expires) }
        if !details.isEmpty { out += " (" + details.joined(separator: ", ") + ")" }
        if let reason = note.reason { out += ": " + reason }
        return out
    }

    /// `1 critical, 2 high, 0 medium, 1 low, 0 info`.
    static func counts(_ counts: AuditReport.SeverityCounts, _ language: Language) -> String {
        Severity.descending.map { severity in
            language == .ja ? severity.title.ja + " " + String(counts[severity])
                            : String(counts[severity]) + " " + severity.rawValue
        }.joined(separator: ", ")
    }
}
