import Policy

/// The part of the SARIF 2.1.0 object model netaudit writes, as Encodable values. Property names follow
/// the OASIS schema exactly; optional values are left out rather than written as null, which the schema
/// forbids for most properties.
struct SARIFLog: Encodable {
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }

    struct Run: Encodable {
        var tool: Tool
        var automationDetails: AutomationDetails
        var invocations: [Invocation]
        var results: [Result]
        var properties: RunProperties
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var informationUri: String?
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var shortDescription: Message
        var help: Message
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Configuration: Encodable { var level: String }

    struct RuleProperties: Encodable {
        var tags: [String]
        var severity: String
        /// GitHub's 0.0–10.0 score string, which it maps to its Critical/High/Medium/Low labels.
        var securitySeverity: String?
        var titleJa: String?
        var titleEn: String?

        enum CodingKeys: String, CodingKey {
            case tags, severity, securitySeverity = "security-severity", titleJa = "title_ja", titleEn = "title_en"
        }
    }

    struct AutomationDetails: Encodable { var id: String }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var endTimeUtc: String
        var exitCode: Int
    }

    struct Message: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
        var partialFingerprints: [String: String]
        var properties: ResultProperties
        var suppressions: [Suppression]?
    }

    struct ResultProperties: Encodable {
        var severity: String
        var subject: Subject
        var messageEn: String
        var messageJa: String
        var evidence: [String]

        enum CodingKeys: String, CodingKey { case severity, subject, messageEn = "message_en", messageJa = "message_ja", evidence }
    }

    struct Location: Encodable {
        var id: Int?
        var physicalLocation: PhysicalLocation
        var logicalLocations: [LogicalLocation]?
        var message: Message?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
        var properties: PhysicalLocationProperties?
    }

    struct ArtifactLocation: Encodable { var uri: String }

    struct Region: Encodable { var startLine: Int }

    /// Capture files have no lines: the packet number is the evidence pointer.
    struct PhysicalLocationProperties: Encodable { var packet: Int }

    struct LogicalLocation: Encodable {
        var name: String
        var fullyQualifiedName: String
        var kind: String
    }

    struct Suppression: Encodable {
        var kind = "external"
        var status = "accepted"
        var justification: String
        var properties: SuppressionProperties
    }

    struct SuppressionProperties: Encodable {
        var type: String
        var approver: String?
        var expires: String?
    }

    struct RunProperties: Encodable {
        var profile: AuditReport.ProfileReference
        var ledger: AuditReport.LedgerReference?
        var inputs: [AuditReport.Input]
        var failOn: String
        var summary: AuditReport.Summary
        var reportSchemaVersion: String

        enum CodingKeys: String, CodingKey {
            case profile, ledger, inputs, failOn = "fail_on", summary, reportSchemaVersion = "report_schema_version"
        }
    }
}
