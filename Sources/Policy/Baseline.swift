import Foundation

/// The findings an earlier audit reported, by fingerprint (`--baseline previous.json`). Only
/// findings not in the baseline are active; the others are listed as suppressed with kind
/// `baseline`, so a team can adopt netaudit on a network with known debt and fail CI only on what
/// is new.
///
/// The baseline holds the earlier report's active findings and those it had itself suppressed by
/// baseline (so baselines chain from run to run), but not those an exception suppressed: when the
/// exception expires, its findings must come back rather than hide behind the baseline.
public struct Baseline: Sendable, Equatable {
    /// The file as given on the command line.
    public let path: String
    public let fingerprints: Set<String>
    /// When the earlier report was generated, as written in it.
    public let generatedAt: String?

    public init(path: String, fingerprints: Set<String>, generatedAt: String? = nil) {
        self.path = path; self.fingerprints = fingerprints; self.generatedAt = generatedAt
    }

    public func contains(_ finding: Finding) -> Bool { fingerprints.contains(finding.fingerprint) }

    /// The suppression note for a finding the baseline covers.
    public var note: SuppressionNote {
        SuppressionNote(kind: .baseline, reason: "already reported in baseline \(path)\(generatedAt.map { " (generated \($0))" } ?? "")")
    }

    /// Reads a report written by `netaudit audit --format json`.
    public static func read(path: String) throws(BaselineError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw BaselineError(path: path, message: !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied")
        }
        return try parse(data, path: path)
    }

    /// Parses report JSON already in memory; `path` is used in messages only.
    public static func parse(_ data: Data, path: String) throws(BaselineError) -> Baseline {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            throw BaselineError(path: path, message: Self.describe(error))
        } catch {
            throw BaselineError(path: path, message: "not JSON: \(error.localizedDescription)")
        }
        guard let findings = document.findings else {
            throw BaselineError(path: path, message: "not a netaudit audit report (no \"findings\"); write one with "
                + "`netaudit audit --format json --output FILE`")
        }
        if let version = document.schemaVersion, !version.hasPrefix("1.") {
            throw BaselineError(path: path, message: "report schema_version \(version) is not supported (expected 1.x)")
        }
        let carried = (document.suppressed ?? []).filter { $0.suppression?.kind == SuppressionNote.Kind.baseline.rawValue }
        return Baseline(path: path, fingerprints: Set((findings + carried).map(\.fingerprint)), generatedAt: document.generatedAt)
    }

    private struct Document: Decodable {
        var schemaVersion: String?
        var generatedAt: String?
        var findings: [Entry]?
        var suppressed: [Entry]?
        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version", generatedAt = "generated_at", findings, suppressed
        }
    }

    private struct Entry: Decodable {
        var fingerprint: String
        var suppression: Note?
    }

    private struct Note: Decodable {
        var kind: String?
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.isEmpty ? "" : " at \(text.hasPrefix(".") ? String(text.dropFirst()) : text)"
        }
        switch error {
        case .dataCorrupted(let context):
            return "not valid JSON\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected value\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// A baseline file that cannot be used.
public struct BaselineError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    /// `previous.json: error: message`.
    public var description: String { "\(path): error: \(message)" }
}
