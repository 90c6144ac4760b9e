import Policy

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, one result per finding.
///
/// Every result has a physical location because GitHub rejects results without one: the file the
/// finding's evidence points at (a capture, inventory, ledger `file:line` or profile), falling back to
/// the first input and then to the profile. The device or endpoint is the result's logical location.
public enum SARIFReporter: Reporter {
    public static let identifier = "sarif"
    public static let description = "SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif)"
    public static let fileExtension = "sarif"

    /// Where SARIF viewers link the tool name to: the project has no public home yet, so none is
    /// claimed (the property is optional in SARIF 2.1.0).
    public static let informationURI: String? = nil

    /// The `partialFingerprints` key; versioned so a change of fingerprint scheme starts new alerts cleanly.
    static let fingerprintKey = "netauditFingerprint/v1"

    public static func generateReport(_ report: AuditReport, options: ReportOptions) throws -> String {
        let lang = options.language
        let rules = ruleDescriptors(report, lang)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let locator = EvidenceLocator(report: report)
        let results = report.allFindings.map { finding in
            result(finding, ruleIndex: ruleIndex[finding.ruleID] ?? 0, locator: locator, lang)
        }
        let run = SARIFLog.Run(
            tool: SARIFLog.Tool(driver: SARIFLog.Driver(
                name: report.generator.name, version: report.generator.version,
                semanticVersion: report.generator.version, informationUri: informationURI, rules: rules)),
            automationDetails: SARIFLog.AutomationDetails(id: "netaudit/" + report.profile.id + "/"),
            invocations: [SARIFLog.Invocation(executionSuccessful: true, endTimeUtc: report.generatedAt.description,
                                              exitCode: report.summary.exitStatus)],
            results: results,
            properties: SARIFLog.RunProperties(
                profile: report.profile, ledger: report.ledger, inputs: report.inputs, failOn: report.failOn.rawValue,
                summary: report.summary, reportSchemaVersion: report.schemaVersion))
        return try StableJSON.encode(SARIFLog(runs: [run]))
    }

    /// critical/high → error, medium → warning, low/info → note.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub shows ≥ 9.0 as Critical, 7.0–8.9 High, 4.0–6.9 Medium and 0.1–3.9 Low; info gets no score.
    static func securitySeverity(_ severity: Severity) -> String? {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: nil
        }
    }

    /// One descriptor per rule id that was evaluated or produced a finding, sorted by id so that
    /// `ruleIndex` is stable. Help text comes from the rule's first finding (remediation and citations).
    private static func ruleDescriptors(_ report: AuditReport, _ lang: Language) -> [SARIFLog.ReportingDescriptor] {
        let evaluated = Dictionary(report.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var firstFinding: [String: Finding] = [:]
        var worst: [String: Severity] = [:]
        for finding in report.allFindings {
            if firstFinding[finding.ruleID] == nil { firstFinding[finding.ruleID] = finding }
            worst[finding.ruleID] = max(worst[finding.ruleID] ?? finding.severity, finding.severity)
        }
        let ids = Set(evaluated.keys).union(firstFinding.keys).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        return ids.map { id in
            let rule = evaluated[id]
            let severity = rule?.severity ?? worst[id] ?? .info
            let title = rule?.title.text(lang) ?? id
            var help: [String] = [title]
            if let finding = firstFinding[id] {
                let remediation = finding.remediation.text(lang)
                if !remediation.isEmpty { help.append(heading(Wording.remediation, lang) + remediation) }
                for citation in finding.citations {
                    help.append(heading(Wording.citation, lang) + Describe.citation(citation, lang))
                }
            }
            let family = id.split(separator: ".", maxSplits: 1).first.map(String.init) ?? id
            return SARIFLog.ReportingDescriptor(
                id: id,
                shortDescription: SARIFLog.Message(text: title),
                help: SARIFLog.Message(text: help.joined(separator: "\n")),
                defaultConfiguration: SARIFLog.Configuration(level: level(severity)),
                properties: SARIFLog.RuleProperties(
                    tags: ["security", "netaudit", family], severity: severity.rawValue,
                    securitySeverity: securitySeverity(severity), titleJa: rule?.title.ja, titleEn: rule?.title.en))
        }
    }

    /// `Remediation: ` in English, `是正: ` in Japanese.
    private static func heading(_ label: LocalizedText, _ lang: Language) -> String {
        let text = label.text(lang)
        return text.prefix(1).uppercased() + text.dropFirst() + ": "
    }

    private static func result(_ finding: Finding, ruleIndex: Int, locator: EvidenceLocator, _ lang: Language) -> SARIFLog.Result {
        let files = locator.files(for: finding)
        let logical = SARIFLog.LogicalLocation(name: finding.subject.label, fullyQualifiedName: qualifiedName(finding.subject),
                                               kind: finding.subject.kind.rawValue)
        var locations: [SARIFLog.Location] = []
        for (index, file) in files.enumerated() {
            locations.append(SARIFLog.Location(
                id: index == 0 ? nil : index,
                physicalLocation: SARIFLog.PhysicalLocation(
                    artifactLocation: SARIFLog.ArtifactLocation(uri: file.uri),
                    region: file.line.map { SARIFLog.Region(startLine: $0) },
                    properties: file.packet.map { SARIFLog.PhysicalLocationProperties(packet: $0) }),
                logicalLocations: index == 0 ? [logical] : nil,
                message: file.fact.map { SARIFLog.Message(text: $0) }))
        }
        let primary = locations.removeFirst()
        let suppressions = finding.suppression.map { note in
            [SARIFLog.Suppression(
                justification: Describe.suppression(note, lang),
                properties: SARIFLog.SuppressionProperties(type: note.kind.rawValue, approver: note.approver, expires: note.expires))]
        }
        return SARIFLog.Result(
            ruleId: finding.ruleID, ruleIndex: ruleIndex, level: level(finding.severity),
            message: SARIFLog.Message(text: finding.message.text(lang)),
            locations: [primary],
            relatedLocations: locations.isEmpty ? nil : locations,
            partialFingerprints: [fingerprintKey: finding.fingerprint],
            properties: SARIFLog.ResultProperties(
                severity: finding.severity.rawValue, subject: finding.subject, messageEn: finding.message.en,
                messageJa: finding.message.ja, evidence: finding.evidence.map { Describe.evidence($0, lang) }),
            suppressions: suppressions)
    }

    /// `vlan 10/00:11:22:33:44:55/192.0.2.10`: the subject's identifiers from widest to narrowest.
    private static func qualifiedName(_ subject: Subject) -> String {
        var parts: [String] = []
        if let vlan = subject.vlan { parts.append("vlan \(vlan)") }
        if let mac = subject.mac { parts.append(mac) }
        if let ip = subject.ip { parts.append(ip) }
        if let bssid = subject.bssid { parts.append(bssid) }
        if let endpoint = subject.endpoint { parts.append(endpoint) }
        if let sni = subject.sni { parts.append("sni " + sni) }
        if let assetID = subject.assetID { parts.append("asset " + assetID) }
        return parts.isEmpty ? subject.kind.rawValue : parts.joined(separator: "/")
    }
}
