import Foundation

/// An exceptions file (`--exceptions FILE`): approved deviations kept apart from the profile, for
/// example by the information security officer who approves them, in the profile's own schema:
///
/// ```yaml
/// exceptions:
///   - id: vendor-maintenance-2026-01
///     rules: [ledger.unregistered_device]
///     match: {mac: "00:1d:73:12:34:56"}
///     approver: 山田 一郎
///     approver_role: 情報セキュリティ責任者
///     reason: 保守業者の作業用 PC（ウイルス定義更新・フルスキャン済み）
///     approval_ref: CHG-2026-004
///     expires: 2026-01-31
/// ```
///
/// The exceptions are read by the profile parser, so they are validated exactly like a profile's
/// (ids, rule ids, match fields, dates, a required approver and expiry), and then checked against the
/// loaded profile: approver roles, rules that allow no exception, ids the profile already uses.
public enum SuppressionFile {
    /// The exceptions in `path` and every problem found; callers refuse the file when any is an error.
    public static func load(path: String, profile: ResolvedProfile, today: ProfileDate) -> (exceptions: [ProfileException], diagnostics: [LintDiagnostic]) {
        let start = LintLocation(file: path, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let why = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied"
            return ([], [LintDiagnostic(.error, at: start, "cannot read exceptions file: \(why)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ([], [LintDiagnostic(.error, at: start, "exceptions file is not valid UTF-8 text")])
        }
        return parse(yaml: text, file: path, profile: profile, today: today)
    }

    /// Parses exceptions YAML already in memory; `file` names it in diagnostics.
    public static func parse(yaml: String, file: String, profile: ResolvedProfile, today: ProfileDate)
        -> (exceptions: [ProfileException], diagnostics: [LintDiagnostic]) {
        let start = LintLocation(file: file, line: 1, column: 1)
        // The profile parser requires `metadata`; an exceptions file has none, so a placeholder is
        // appended after the user's text, where it shifts no line or column the diagnostics cite.
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.contains(where: { $0.hasPrefix("exceptions:") }) else {
            return ([], [LintDiagnostic(.error, at: start, "exceptions file needs a top-level 'exceptions:' list (see `netaudit audit --help`)")])
        }
        var text = yaml
        if !lines.contains(where: { $0.hasPrefix("metadata:") }) {
            if !text.hasSuffix("\n") { text += "\n" }
            text += "metadata: {id: exceptions-file, title: exceptions file}\n"
        }
        let result = ProfileParser.parse(yaml: text, file: file)
        var diagnostics = result.diagnostics
        guard let parsed = result.profile else { return ([], diagnostics.normalized()) }
        for rule in parsed.rules {
            diagnostics.append(LintDiagnostic(.error, at: rule.id.location,
                "an exceptions file holds only 'exceptions:'; put rule settings in a profile that extends '\(profile.id)'"))
        }
        if let location = parsed.scope.location, !parsed.scope.sites.isEmpty || parsed.scope.ipOnlyMatching != nil || !parsed.scope.ssids.isEmpty {
            diagnostics.append(LintDiagnostic(.error, at: location, "an exceptions file holds only 'exceptions:'; scope belongs in the profile"))
        }
        if let approvers = parsed.approvers {
            diagnostics.append(LintDiagnostic(.error, at: approvers.location, "an exceptions file cannot change who approves; approvers belong in the profile"))
        }
        if let extends = parsed.extends.first {
            diagnostics.append(LintDiagnostic(.error, at: extends.location, "an exceptions file cannot extend a profile"))
        }
        diagnostics += check(parsed.exceptions, against: profile, today: today)
        return (parsed.exceptions, diagnostics.normalized())
    }

    /// The checks the profile linter makes on a profile's own exceptions, applied to the file's.
    static func check(_ exceptions: [ProfileException], against profile: ResolvedProfile, today: ProfileDate) -> [LintDiagnostic] {
        var diagnostics: [LintDiagnostic] = []
        let profileIDs = Dictionary(profile.exceptions.map { ($0.id.value, $0.id.location) }, uniquingKeysWith: { first, _ in first })
        let roles = profile.approverRoles?.value
        for exception in exceptions {
            let name = "exception '\(exception.id.value)'"
            if let existing = profileIDs[exception.id.value] {
                diagnostics.append(LintDiagnostic(.error, at: exception.id.location, "\(name) is already defined by the profile at \(existing)"))
            }
            if let roles {
                if let role = exception.approverRole {
                    if !roles.contains(role.value) {
                        diagnostics.append(LintDiagnostic(.error, at: role.location,
                            "approver_role '\(role.value)' of \(name) may not approve exceptions under profile '\(profile.id)' (allowed: \(roles.joined(separator: ", ")))"))
                    }
                } else {
                    diagnostics.append(LintDiagnostic(.error, at: exception.location,
                        "\(name) needs 'approver_role': profile '\(profile.id)' allows only \(roles.joined(separator: ", ")) to approve exceptions"))
                }
            }
            if exception.rules.isEmpty {
                let strict = profile.enabledRules.filter { !$0.allowsExceptions }.map(\.id)
                if !strict.isEmpty {
                    diagnostics.append(LintDiagnostic(.error, at: exception.location,
                        "\(name) applies to every rule, including \(strict.joined(separator: ", ")) for which the policy allows no exception; list the rules it covers"))
                }
            } else {
                for rule in exception.rules where profile.settings(for: rule.value)?.allowsExceptions == false {
                    diagnostics.append(LintDiagnostic(.error, at: rule.location,
                        "\(name) covers '\(rule.value)', but profile '\(profile.id)' allows no exception for that rule (allow_exceptions: false)"))
                }
            }
            if let expires = exception.expires, expires.value < today {
                diagnostics.append(LintDiagnostic(.warning, at: expires.location,
                    "\(name) expired on \(expires.value) (today is \(today)); it no longer suppresses anything"))
            }
        }
        return diagnostics
    }
}
