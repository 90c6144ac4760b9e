import Policy
import Snapshot

/// Human-readable report for a terminal or a CI log: findings grouped by severity, most severe first.
public enum TextReporter: Reporter {
    public static let identifier = "text"
    public static let description = "Plain text grouped by severity (ANSI colour with --color)"
    public static let fileExtension = "txt"

    public static func generateReport(_ report: AuditReport, options: ReportOptions) throws -> String {
        let lang = options.language
        let paint = Painter(enabled: options.color)
        var lines: [String] = []

        lines.append(paint.bold(T.heading.text(lang) + " — " + safe(report.generator.name) + " " + safe(report.generator.version)))
        lines.append(T.profile.text(lang) + ": " + safe(report.profile.id) + " — " + safe(report.profile.title)
                     + " (" + safe(report.profile.path) + ")")
        if let ledger = report.ledger {
            lines.append(T.ledger.text(lang) + ": " + safe(ledger.path) + " (" + T.assets(ledger.assetCount, lang) + ")")
        }
        if !report.inputs.isEmpty {
            lines.append(T.inputs.text(lang) + ": " + report.inputs.map { safe($0.path) }.joined(separator: ", "))
        }
        lines.append(T.generated.text(lang) + ": " + report.generatedAt.description)

        if report.findings.isEmpty {
            lines.append("")
            lines.append(T.noFindings.text(lang))
        }
        for severity in Severity.descending {
            let group = report.findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            lines.append("")
            lines.append(paint.severity(severity, severity.tag + " (" + String(group.count) + ")", heading: true))
            for finding in group { lines += render(finding, lang, paint) }
        }
        if !report.suppressed.isEmpty {
            lines.append("")
            lines.append(paint.bold(Wording.suppressed.text(lang).uppercased() + " (" + String(report.suppressed.count) + ")"))
            for finding in report.suppressed { lines += render(finding, lang, paint) }
        }

        if !report.notEvaluated.isEmpty {
            lines.append("")
            let heading = lang == .ja ? "未評価の規則 (" : "NOT EVALUATED ("
            lines.append(paint.bold(heading + String(report.notEvaluated.count) + ")"))
            for rule in report.notEvaluated {
                let why: String
                switch (rule.reason, lang) {
                case ("needs_ledger", .ja): why = "台帳 (--ledger) が必要"
                case ("needs_ledger", _): why = "needs --ledger"
                case ("no_tls_data", .ja): why = "TLS の検査結果がありません (`netaudit tls` 又は `audit --scan` を実行してください)"
                case ("no_tls_data", _): why = "no TLS endpoints were probed or captured: run `netaudit tls` or `audit --scan`"
                case ("no_mail_endpoints", .ja): why = "STARTTLS の情報を持つメールサーバーがありません (メールサーバーのポートに `netaudit tls` を実行してください)"
                case ("no_mail_endpoints", _): why = "no mail endpoint with STARTTLS facts was probed: run `netaudit tls` against the mail ports"
                case (_, .ja): why = "未実装 (能動検査・無線の入力が必要)"
                default: why = "not implemented yet (needs active probes or wireless input)"
                }
                lines.append("  " + rule.id + ": " + why)
            }
        }

        lines.append("")
        lines.append(summaryLine(report, lang, paint))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `SEVERITY rule_id subject: message`, then indented evidence, citations, remediation and suppression.
    private static func render(_ finding: Finding, _ lang: Language, _ paint: Painter) -> [String] {
        var lines = ["  " + paint.severity(finding.severity, finding.severity.tag, heading: false) + " "
                     + paint.bold(safe(finding.ruleID)) + " " + safe(finding.subject.label) + ": "
                     + safe(finding.message.text(lang))]
        for evidence in finding.evidence {
            lines.append("    " + paint.dim(Wording.evidence.text(lang) + ":") + " " + safe(Describe.evidence(evidence, lang)))
        }
        for citation in finding.citations {
            lines.append("    " + paint.dim(Wording.citation.text(lang) + ":") + " " + safe(Describe.citation(citation, lang)))
        }
        let remediation = finding.remediation.text(lang)
        if !remediation.isEmpty {
            lines.append("    " + paint.dim(Wording.remediation.text(lang) + ":") + " " + safe(remediation))
        }
        if let note = finding.suppression {
            lines.append("    " + paint.dim(Wording.suppressed.text(lang).lowercased() + ":") + " "
                         + safe(Describe.suppression(note, lang)))
        }
        lines.append("    " + paint.dim("fingerprint: " + safe(finding.fingerprint)))
        return lines
    }

    private static func summaryLine(_ report: AuditReport, _ lang: Language, _ paint: Painter) -> String {
        let summary = report.summary
        let verdict = summary.exitStatus == 0 ? paint.green(Wording.passed.text(lang)) : paint.red(Wording.failed.text(lang))
        let failOn = "--fail-on " + report.failOn.rawValue
        switch lang {
        case .en:
            return paint.bold("Summary:") + " " + String(summary.total) + (summary.total == 1 ? " finding" : " findings")
                + " (" + Describe.counts(summary.bySeverity, .en) + "); " + String(summary.suppressed) + " suppressed; "
                + String(summary.devices) + (summary.devices == 1 ? " device" : " devices") + ". " + verdict + " (" + failOn + ")"
        case .ja:
            return paint.bold("集計:") + " 指摘 " + String(summary.total) + " 件 (" + Describe.counts(summary.bySeverity, .ja)
                + ")、抑止 " + String(summary.suppressed) + " 件、機器 " + String(summary.devices) + " 台。" + verdict
                + " (" + failOn + ")"
        }
    }

    /// Network-sourced text must never drive the terminal.
    private static func safe(_ text: String) -> String { Escape.terminal(text) }

    /// Labels used only by the text format.
    private enum T {
        static let heading = LocalizedText(en: "Network audit report", ja: "ネットワーク監査報告")
        static let profile = LocalizedText(en: "Profile", ja: "プロファイル")
        static let ledger = LocalizedText(en: "Ledger", ja: "台帳")
        static let inputs = LocalizedText(en: "Inputs", ja: "入力")
        static let generated = LocalizedText(en: "Generated", ja: "作成日時")
        static let noFindings = LocalizedText(en: "No findings.", ja: "指摘事項はありません。")
        static func assets(_ count: Int, _ lang: Language) -> String {
            lang == .ja ? "資産 \(count) 件" : (count == 1 ? "1 asset" : "\(count) assets")
        }
    }
}

/// ANSI SGR colouring that becomes the identity when colour is off.
private struct Painter {
    var enabled: Bool

    func wrap(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[" + code + "m" + text + "\u{1B}[0m" : text }
    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "1;31") }
    func green(_ text: String) -> String { wrap(text, "1;32") }

    func severity(_ severity: Severity, _ text: String, heading: Bool) -> String {
        let code = switch severity {
        case .critical: "1;97;41"
        case .high: "1;31"
        case .medium: "33"
        case .low: "36"
        case .info: "2"
        }
        return wrap(text, heading && severity != .critical ? "4;" + code : code)
    }
}
