import Snapshot

/// `wireless.psk_weak`: a passphrase in an access-point configuration is shorter than `min_length`
/// characters or lacks one of `required_classes` (JPMA 000 5.1.3: 12 characters or more with upper
/// case, lower case, digits and symbols). Judged from hostapd.conf only: the snapshot keeps a
/// passphrase's length and character classes, never the passphrase, and no finding carries any
/// part of it. A 64-hex `wpa_psk` is a derived key whose strength cannot be known
/// (`unscoreable_raw_key`): not weak. `wpa_psk_file` entries are not read, and malformed entries are
/// left to hostapd (it refuses to start). One finding per key line.
public struct PSKWeakRule: AuditRule {
    public static let id = "wireless.psk_weak"
    public static var requiresLedger: Bool { false }
    public init() {}

    typealias Class = RuleCatalog.CharacterClass

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let minimum = rule.int("min_length") ?? 8
        let required = rule.enumerations("required_classes", as: Class.self) ?? []
        var findings: [Finding] = []
        for target in context.apConfigTargets {
            guard case .config(let config, _) = target else { continue }
            for (index, psk) in config.psks.enumerated() where psk.status == "scored" {
                guard let length = psk.length else { continue }
                var problems: [String] = []
                var problemsJA: [String] = []
                if length < minimum { problems.append("\(length) characters, fewer than \(minimum)"); problemsJA.append("\(length) 文字で \(minimum) 文字未満") }
                let missing = required.filter { !has($0, psk) }
                if !missing.isEmpty {
                    let list = missing.map(\.rawValue).joined(separator: ", ")
                    problems.append("no \(list) character"); problemsJA.append("文字種 \(list) を含まない")
                }
                guard !problems.isEmpty else { continue }
                let present = [Class.upper, .lower, .digit, .symbol].filter { has($0, psk) }.map(\.rawValue).joined(separator: ", ")
                let where_ = "\(psk.directive) (line \(psk.line))"
                let requirement = "at least \(minimum) characters" + (required.isEmpty ? "" : " with \(required.map(\.rawValue).joined(separator: ", "))")
                findings.append(rule.wirelessFinding(
                    target, context, facts: ["\(where_): \(length) characters, classes present: \(present.isEmpty ? "none" : present) (the key itself is not reported)"],
                    setting: "min_length", settingFact: "the profile requires \(requirement)",
                    extraIdentity: ["psk=\(psk.directive)#\(index)"],
                    message: LocalizedText(
                        en: "The pre-shared key \(where_) of \(target.label) is weak: \(problems.joined(separator: "; ")) (required: \(requirement)).",
                        ja: "\(target.labelJA)の事前共有キー \(psk.directive)（\(psk.line) 行目）は弱いキーです: \(problemsJA.joined(separator: "、"))"
                            + "（要件: \(minimum) 文字以上\(required.isEmpty ? "" : "、文字種 \(required.map(\.rawValue).joined(separator: ", ")) をすべて含む")）。"),
                    remediation: LocalizedText(
                        en: "Replace the key with a random one that meets the requirement (\(requirement)), distribute it to the authorised "
                            + "devices only, and keep it out of tickets, reports and chat.",
                        ja: "要件を満たすランダムなキーに変更し、認可した機器にのみ配布してください。キーをチケット・報告書・チャット等に記載しないでください。")))
            }
        }
        return findings
    }

    private func has(_ cls: Class, _ psk: PSKFacts) -> Bool {
        switch cls {
        case .upper: psk.hasUpper == true
        case .lower: psk.hasLower == true
        case .digit: psk.hasDigit == true
        case .symbol: psk.hasSymbol == true
        case .alpha: psk.hasUpper == true || psk.hasLower == true
        }
    }
}

extension PSKWeakRule {
    private static func psk(_ length: Int, upper: Bool = true, lower: Bool = true, digit: Bool = true, symbol: Bool = true,
                            status: String = "scored") -> PSKFacts {
        PSKFacts(directive: status == "scored" ? "wpa_passphrase" : "wpa_psk", length: status == "scored" ? length : nil,
                 hasUpper: upper, hasLower: lower, hasDigit: digit, hasSymbol: symbol,
                 characterClasses: [upper, lower, digit, symbol].filter { $0 }.count, status: status, line: 9)
    }

    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("eight lower-case letters and digits under 12 characters and four classes",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig { $0.psks = [psk(8, upper: false, symbol: false)] }]),
                         params: "{min_length: 12, required_classes: [upper, lower, digit, symbol]}"),
            AuditExample("long enough but no symbol; and a second, short, sae_password",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig {
                             $0.psks = [psk(20, symbol: false), PSKFacts(directive: "sae_password", length: 9, hasUpper: true, hasLower: true,
                                                                          hasDigit: true, hasSymbol: true, characterClasses: 4, status: "scored", line: 12)]
                         }]),
                         params: "{min_length: 12, required_classes: [upper, lower, digit, symbol]}").expecting(2),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("sixteen characters of all four classes",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig()]),
                         params: "{min_length: 12, required_classes: [upper, lower, digit, symbol]}").expecting(0),
            AuditExample("a raw 64-hex wpa_psk cannot be scored and is not weak",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig { $0.psks = [psk(64, status: "unscoreable_raw_key")] }]),
                         params: "{min_length: 12, required_classes: [upper, lower, digit, symbol]}").expecting(0),
            AuditExample("alpha is satisfied by either case",
                         snapshot: AuditExample.wireless(configs: [AuditExample.apConfig { $0.psks = [psk(12, upper: false, symbol: false)] }]),
                         params: "{min_length: 12, required_classes: [alpha, digit]}").expecting(0),
        ]
    }
}
